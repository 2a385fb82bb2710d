/**
 * The rollup functions and errors the exit tool uses (exodus mode, exits, deposit refunds, pending balances), as
 * human-readable ABI; exodus-abi.test.ts checks every selector against the compiled contracts.
 */
import { Interface } from "ethers";

const STORED_BLOCK = "(uint32 blockNumber, uint64 priorityOperations, bytes32 pendingOnchainOperationsHash, uint256 timestamp, bytes32 stateHash, bytes32 commitment)";

export const EXODUS_FUNCTIONS = [
  "function exodusMode() view returns (bool)",
  "function activateExodusMode() returns (bool)",
  "function totalBlocksExecuted() view returns (uint32)",
  "function storedBlockHashes(uint32) view returns (bytes32)",
  "function firstPriorityRequestId() view returns (uint64)",
  "function totalOpenPriorityRequests() view returns (uint64)",
  `function performExodus(${STORED_BLOCK} storedBlockInfo, address owner, uint32 accountId, uint32 tokenId, uint128 amount, uint32 nftCreatorAccountId, address nftCreatorAddress, uint32 nftSerialId, bytes32 nftContentHash, uint256[8] proof)`,
  "function cancelOutstandingDepositsForExodusMode(uint64 n, bytes[] depositsPubdata)",
  "function getPendingBalance(address owner, address token) view returns (uint128)",
  "function withdrawPendingBalance(address owner, address token, uint128 amount)",
  "function withdrawPendingNFTBalance(uint32 tokenId)",
] as const;

export const EXODUS_ERRORS = [
  "error NotInExodusMode()",
  "error InvalidAccountId(uint32 accountId)",
  "error ExitFromSpecialAccount()",
  "error InvalidNFTTokenId(uint32 tokenId)",
  "error ExodusAlreadyPerformed(uint32 accountId, uint32 tokenId)",
  "error NotLastExecutedBlock()",
  "error InvalidExitProof()",
  "error ZeroNFTExitAmount()",
  "error NoPriorityRequestsToCancel()",
  "error DepositPubdataMismatch(uint64 requestId)",
  "error NothingToWithdraw()",
  "error NoPendingNFT(uint32 tokenId)",
  "error EthTransferFailed()",
] as const;

export const exodusInterface = new Interface([...EXODUS_FUNCTIONS, ...EXODUS_ERRORS]);
