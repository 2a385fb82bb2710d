/**
 * The ERC-20 functions the Wallet calls (approval for deposits, L1 balances), human-readable. Checked against the
 * devnet token's compiled ABI by `packages/node/src/sdk-abi-agreement.test.ts`.
 */
export const ERC20_ABI = [
  "function approve(address spender, uint256 value) returns (bool)",
  "function allowance(address owner, address spender) view returns (uint256)",
  "function balanceOf(address account) view returns (uint256)",
] as const;
