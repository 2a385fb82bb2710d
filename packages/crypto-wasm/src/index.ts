/**
 * `@zklite/crypto-wasm`: zkSync Lite's cryptography for Node, browsers and bundlers.
 *
 * The key, hash and signature functions run zksync-crypto's wasm: `await init()` once, then call them
 * synchronously. The same functions without wasm live in `@zklite/crypto-wasm/ts`. The low-level
 * pieces below (field constants, Rescue, curve points) are pure TypeScript and need no init().
 */
export { init, isInitialized } from "./wasm/runtime.js";
export {
  privateKeyFromSeed,
  privateKeyToPubKey,
  privateKeyToPubKeyHash,
  pubKeyHash,
  rescueHashOrders,
  rescueHashTxMsg,
  signMusig,
  verifyMusig,
} from "./wasm/primitives.js";
export { ZkLiteError, isZkLiteError } from "./errors.js";
export type { CryptoErrorCode } from "./crypto-error.js";
export * from "./sizes.js";

export { FR_MODULUS, FR_CAPACITY_BITS } from "./ts/field.js";
export { CURVE_D, SUBGROUP_ORDER, COFACTOR } from "./ts/curve-params.js";
export { rescueHash } from "./ts/rescue.js";
export { multipackBits } from "./ts/multipack.js";
export { bytesToBitsMsbFirst } from "./ts/bytes.js";
export { AltBabyJubjubPoint, type AffinePoint } from "./ts/point.js";
export { compressPoint, decompressPoint } from "./ts/point-encoding.js";
export { GENERATOR } from "./ts/generator.js";
export { musigChallenge } from "./ts/challenge.js";
