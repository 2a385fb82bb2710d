/**
 * `@zklite/crypto-wasm`: zkSync Lite's cryptography for Node, browsers and bundlers.
 *
 * `await init()` once, then call the functions synchronously: signatures, the tx-message hash and
 * Poseidon run on the fast engine (native addon in Node, WebAssembly in browsers); key derivation,
 * PubKeyHash and the orders hash on zksync-crypto's wasm. The same functions without wasm live in `@zklite/crypto-wasm/ts`. The low-level
 * pieces below (field constants, Rescue, curve points) are pure TypeScript and need no init().
 */
export { init, isInitialized } from "./init.js";
export { privateKeyFromSeed, privateKeyToPubKeyHash, pubKeyHash, rescueHashOrders } from "./wasm/primitives.js";
export {
  closeFastWorkers,
  fastEngineKind,
  poseidon,
  privateKeyToPubKey,
  rescueHashTxMsg,
  signMusig,
  verifyMusig,
  verifyMusigBatch,
  type EngineKind,
  type MusigBatchItem,
} from "./fast/index.js";
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
