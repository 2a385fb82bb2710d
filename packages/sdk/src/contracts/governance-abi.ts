/**
 * The governance reads the SDK may use (`contracts/src/Governance.sol`), human-readable; checked against the
 * compiled ABI by `packages/node/src/sdk-abi-agreement.test.ts`.
 */
export const GOVERNANCE_ABI = [
  "function validateTokenAddress(address token) view returns (uint16)",
  "function tokenAddresses(uint16) view returns (address)",
  "function tokenIds(address) view returns (uint16)",
  "function pausedTokens(uint16) view returns (bool)",
] as const;
