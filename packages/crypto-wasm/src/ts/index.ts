/**
 * `@zklite/crypto-wasm/ts`: the pure TypeScript implementation of zkSync Lite's cryptography.
 * Same functions and byte-identical results as the wasm-backed root export, synchronous, no init().
 */
export { privateKeyFromSeed, privateKeyToPubKey, privateKeyToPubKeyHash, pubKeyHash } from "./keys.js";
export { signMusig, verifyMusig } from "./musig.js";
export { rescueHashOrders, rescueHashTxMsg } from "./tx-message-hash.js";

export { FR_MODULUS, FR_CAPACITY_BITS, frInv, frSqrt } from "./field.js";
export { CURVE_D, SUBGROUP_ORDER, COFACTOR } from "./curve-params.js";
export { rescueHash, rescuePermutation, RESCUE_MAX_INPUT_ELEMENTS } from "./rescue.js";
export {
  RESCUE_ALPHA,
  RESCUE_ALPHA_INVERSE,
  RESCUE_MDS,
  RESCUE_RATE,
  RESCUE_ROUND_CONSTANT_COUNT,
  RESCUE_ROUNDS,
  RESCUE_STATE_WIDTH,
  rescueRoundConstants,
} from "./rescue-params.js";
export { SpecializedRescueSponge } from "./rescue-sponge.js";
export { multipackBits } from "./multipack.js";
export { bytesToBitsMsbFirst } from "./bytes.js";
export { AltBabyJubjubPoint, type AffinePoint } from "./point.js";
export { compressPoint, decompressPoint } from "./point-encoding.js";
export { GENERATOR, multiplyGenerator } from "./generator.js";
export { musigChallenge } from "./challenge.js";
export * from "../sizes.js";
export { ZkLiteError, isZkLiteError } from "../errors.js";
export type { CryptoErrorCode } from "../crypto-error.js";
