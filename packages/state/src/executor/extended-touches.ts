import { MAX_TOKEN_ID, MIN_NFT_TOKEN_ID, type Operation } from "@zklite/protocol";
import { stateError } from "../errors.js";
import { isProcessableToken } from "../state/leaf-encoding.js";
import { PRODUCTION_TREE_DEPTHS, type StateTreeOptions } from "../state/state-tree.js";

/** 1 when `tokenId` lives in the extended balance tree (id ≥ 1024), else 0. */
const ext = (tokenId: number): number => (isProcessableToken(tokenId) ? 0 : 1);

/**
 * Number of the operation's chunks that read or write a balance in an extended balance tree (token
 * id ≥ 1024): the block circuit gives each block a fixed number of "extended lanes" and each such
 * chunk takes one. This mirrors the block circuit's chunk → leaf table
 * (circuits/circom/lib/block/chunk.circom):
 *
 * | operation                 | extended touches                                                      |
 * | ------------------------- | --------------------------------------------------------------------- |
 * | Transfer, TransferToNew   | 2 when token ≥ 1024 (chunk 0 debits, chunk 1 credits), else 0        |
 * | FullExit                  | 0 when accountId ≥ 2^accountTreeDepth or the token is invalid (token > |
 * |                           | MAX_TOKEN_ID or ≥ 2^balanceTreeDepth): nothing is read; otherwise 1   |
 * |                           | when token ≥ 1024 (chunk 0), plus 1 for an NFT actually withdrawn     |
 * |                           | (amount ≠ 0 and token ≥ MIN_NFT_TOKEN_ID: chunk 1 reads the storage   |
 * |                           | account's digest at the token)                                        |
 * | MintNFT                   | 4 (creator's counter, storage counter, storage digest, recipient)     |
 * | WithdrawNFT               | 2 (owner's NFT balance, storage digest)                               |
 * | Swap                      | 2 × [tokenA ≥ 1024] + 2 × [tokenB ≥ 1024] (each sold token is debited |
 * |                           | from its maker and credited to the other recipient)                   |
 * | Deposit, Withdraw,        | 0: their balance tokens are processable (the circuit requires it; the |
 * | ChangePubKey, ForcedExit, | handlers refuse ids above MAX_FUNGIBLE_TOKEN_ID = 1023), and fees are |
 * | Noop                      | paid in processable tokens only                                       |
 *
 * The Noop a block builder inserts before a Swap counts 0 like any Noop. `depths` is the tree geometry
 * (needed for FullExit only; production depths by default).
 */
export function extendedBalanceTouches(op: Operation, depths: StateTreeOptions = PRODUCTION_TREE_DEPTHS): number {
  switch (op.type) {
    case "Transfer":
    case "TransferToNew":
      return 2 * ext(op.token);
    case "FullExit": {
      const accountInTree = Number.isInteger(op.accountId) && op.accountId >= 0 && op.accountId < 2 ** depths.accountTreeDepth;
      const tokenValid = Number.isInteger(op.token) && op.token >= 0 && op.token <= MAX_TOKEN_ID && op.token < 2 ** depths.balanceTreeDepth;
      if (!accountInTree || !tokenValid) return 0;
      const nftWithdrawn = op.amount !== 0n && op.token >= MIN_NFT_TOKEN_ID ? 1 : 0;
      return ext(op.token) + nftWithdrawn;
    }
    case "MintNFT":
      return 4;
    case "WithdrawNFT":
      return 2;
    case "Swap":
      return 2 * ext(op.tokenA) + 2 * ext(op.tokenB);
    case "Deposit":
    case "Withdraw":
    case "ChangePubKey":
    case "ForcedExit":
    case "Noop":
      return 0;
    default:
      throw stateError("INVALID_ARGUMENT", `unknown operation type ${String((op as { type?: unknown }).type)}`);
  }
}
