/** ABI-only bindings of the L1 contracts the SDK talks to (no bytecode): see each file. */
export { ZKLITE_ABI } from "./zklite-abi.js";
export { GOVERNANCE_ABI } from "./governance-abi.js";
export { ERC20_ABI } from "./erc20-abi.js";
