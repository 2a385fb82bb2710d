/**
 * `@zklite/state`: zkLite's rollup state as Poseidon sparse Merkle trees, and the state-transition
 * executor for every operation. Pure (no I/O); shared by the state keeper, the witness generator,
 * data restore, the circuits' tests and the exit tool.
 */
export { poseidon, initPoseidon, FIELD_MODULUS } from "./poseidon.js";
export { ZkLiteError, type StateError, type StateErrorCode } from "./errors.js";

export { QuadMerkleTree, MAX_TREE_DEPTH, type QuadMerkleTreeOptions } from "./tree/quad-merkle-tree.js";
export { emptySubtreeHashes } from "./tree/empty-subtrees.js";
export { rootFromAuditPath, verifyAuditPath, childrenWithNodeAt, type AuditPath } from "./tree/audit-path.js";
export {
  rehashTrees,
  runRehashSync,
  runRehashAsync,
  hashBatchOnThisThread,
  hashBatchSize,
  MAX_HASH_ARITY,
  type HashBatch,
  type RehashProcess,
  type BatchHasher,
  type AsyncBatchHasher,
  type RehashableTree,
} from "./tree/rehash.js";

export {
  EMPTY_BALANCE_LEAF,
  PROCESSABLE_TOKEN_DEPTH,
  ACCOUNT_LEAF_ARITY,
  isProcessableToken,
  accountLeafHash,
  accountLeafInputs,
  hex160ToBigInt,
  type AccountLeafFields,
} from "./state/leaf-encoding.js";
export {
  StateTree,
  PRODUCTION_TREE_DEPTHS,
  type StateTreeOptions,
  type AccountView,
  type AccountProof,
  type BalanceProof,
} from "./state/state-tree.js";
export type { AccountDiff } from "./state/account-diff.js";
export { verifyAccountProof, verifyBalanceProof } from "./state/proof-verification.js";

export {
  RollupState,
  type RollupStateOptions,
  type GenesisOptions,
  type ReplayHeader,
  type ReplayedBlock,
} from "./executor/rollup-state.js";
export type { AccountSnapshot, StateSnapshot } from "./executor/state-snapshot.js";
export type { StateDiff } from "./executor/state-diff.js";
export { rewindSnapshot, type BlockChanges } from "./executor/snapshot-rewind.js";
export { BlockBuilder, type BlockParameters, type SealedBlock, type OnchainOperation } from "./executor/block-builder.js";
export { extendedBalanceTouches } from "./executor/extended-touches.js";
export {
  SKIP_SIGNATURE_CHECKS,
  musigSignatureChecker,
  type SignatureChecker,
  type SignatureVerdict,
  type SignedMessage,
} from "./executor/signature-checker.js";
export {
  ethereumChangePubKeyAuth,
  type ChangePubKeyAuthChecker,
  type ChangePubKeyAuthVerdict,
  type ChangePubKeyL1,
} from "./executor/change-pubkey-auth.js";
export { NO_ONCHAIN_AUTH_FACTS, onchainAuthFactHash, type OnchainAuthFact, type OnchainAuthFacts } from "./executor/onchain-auth-facts.js";
export { OnchainAuthFactStore } from "./executor/onchain-auth-fact-store.js";
export { SMALL_ORDER_PUBKEY_HASHES, isSmallOrderPubKeyHash } from "./executor/small-order-keys.js";
export { rescueNftTokenHash, nftContentDigest, nftAddress, type NftTokenHasher } from "./executor/nft-token-hash.js";
export type { NftInfo } from "./executor/nft-registry.js";
