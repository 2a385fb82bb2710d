/**
 * The part of the rollup contract's ABI the Wallet calls (`contracts/src/ZkLite.sol` behind its proxy), as
 * human-readable fragments: no bytecode, nothing from `@zklite/contracts` at run time (the browser bundle stays
 * small and the SDK has no dependency on the contracts package). `packages/node/src/sdk-abi-agreement.test.ts`
 * fails if any fragment here drifts from the compiled contract's ABI.
 */
export const ZKLITE_ABI = [
  "function depositETH(address zkSyncAddress) payable",
  "function depositERC20(address token, uint104 amount, address zkSyncAddress)",
  "function requestFullExit(uint32 accountId, address token)",
  "function requestFullExitNFT(uint32 accountId, uint32 tokenId)",
  "function setAuthPubkeyHash(bytes pubkeyHash, uint32 nonce)",
  "function authFacts(address, uint32) view returns (bytes32)",
  "function getPendingBalance(address owner, address token) view returns (uint128)",
  "function withdrawPendingBalance(address owner, address token, uint128 amount)",
  "function withdrawPendingNFTBalance(uint32 tokenId)",
  "function exodusMode() view returns (bool)",
  "function performExodus((uint32 blockNumber, uint64 priorityOperations, bytes32 pendingOnchainOperationsHash, uint256 timestamp, bytes32 stateHash, bytes32 commitment) storedBlockInfo, address owner, uint32 accountId, uint32 tokenId, uint128 amount, uint32 nftCreatorAccountId, address nftCreatorAddress, uint32 nftSerialId, bytes32 nftContentHash, uint256[8] proof)",
  "event NewPriorityRequest(address sender, uint64 serialId, uint8 opType, bytes pubData, uint256 expirationBlock)",
  "error ExodusModeActive()",
  "error DepositToSpecialAccount()",
  "error DepositToZeroAddress()",
  "error ZeroDeposit()",
  "error DepositAmountOutOfRange(uint256 amount)",
  "error TokenDepositsPaused(uint16 tokenId)",
  "error InvalidAccountId(uint32 accountId)",
  "error ExitFromSpecialAccount()",
  "error InvalidNFTTokenId(uint32 tokenId)",
  "error NothingToWithdraw()",
  "error NoPendingNFT(uint32 tokenId)",
  "error TokenNotRegistered(address token)",
  "error NotInExodusMode()",
  "error ExodusAlreadyPerformed(uint32 accountId, uint32 tokenId)",
  "error NotLastExecutedBlock()",
  "error InvalidExitProof()",
  "error ZeroNFTExitAmount()",
] as const;
