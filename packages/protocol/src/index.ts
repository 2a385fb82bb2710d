/**
 * `@zklite/protocol`: the pure zkSync Lite protocol (no I/O, browser-safe), re-exported as `@zklite/sdk/protocol`. See README.md.
 * Validation helpers used across files (`require…`, `parseHex`, `protocolError`) stay out of it (`@zklite/protocol/validation` has the few the SDK shares).
 */
export { ZkLiteError, isZkLiteError, type ProtocolErrorCode } from "./errors.js";
export * from "./constants.js";
export { bytesEqual, concatBytes, fromHex, toHex } from "./bytes.js";
export { decodeUintBE, encodeUintBE } from "./integers.js";
export * from "./address.js";
export { parseAmount, type AmountLike } from "./amount.js";
export * from "./float-packing.js";
export { formatTokenAmount, formatUnits, parseUnits, type TokenDisplay } from "./units.js";

export * from "./tx/types.js";
export * from "./tx/fields.js";
export * from "./tx/schemas.js";
export * from "./tx/sign-bytes.js";
export * from "./tx/hash.js";

export * from "./eth/message-parts.js";
export * from "./eth/tx-messages.js";
export * from "./eth/change-pubkey-auth.js";
export * from "./eth/signed-message.js";
export * from "./eth/groth16-proof.js";

export * from "./pubdata/operations.js";
export * from "./pubdata/codec.js";
export * from "./pubdata/block.js";

export {
  blockCommitment,
  maskCommitment,
  onchainOperationOffsets,
  onchainOpsOffsetCommitment,
  type BlockCommitmentInput,
  type Bytes32Like,
} from "./commitment/commitment.js";
export * from "./commitment/onchain-operations.js";
