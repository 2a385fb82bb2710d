/**
 * The one place where @zklite/state gets its Poseidon hash: circomlib's parameters (BN254 scalar field,
 * x^5 S-box, 8 full rounds, circomlib's partial-round counts, Grain-LFSR constants), computed by
 * @zklite/crypto-wasm's fast engine (native addon in Node, WebAssembly in browsers).
 *
 * Importing this module does no work (no top-level await): the engine loads in `initPoseidon()`, which
 * every program must await once before it hashes anything (building a state, a tree, a root or a proof).
 * Until then `poseidon` throws POSEIDON_NOT_INITIALIZED.
 */
import { init, isInitialized, poseidon as fastPoseidon } from "@zklite/crypto-wasm";
import { stateError } from "./errors.js";

/** BN254 scalar field modulus (the field of every tree node). */
export const FIELD_MODULUS = 21888242871839275222246405745257275088548364400416034343698204186575808495617n;

const MAX_INPUTS = 16;

let ready = false;

/** Loads the Poseidon engine; idempotent and safe to call concurrently. Await it before any hashing. */
export async function initPoseidon(): Promise<void> {
  await init();
  ready = true;
}

/**
 * circomlib's `Poseidon(n)`: state `[0, ...inputs]`, permute, output `state[0]`.
 * Inputs must be canonical field elements (0 ≤ x < p); 1 to 16 of them. Throws POSEIDON_NOT_INITIALIZED
 * before `initPoseidon()` (or @zklite/crypto-wasm's `init()`) has completed.
 */
export function poseidon(inputs: readonly bigint[]): bigint {
  if (!ready) {
    if (!isInitialized()) throw stateError("POSEIDON_NOT_INITIALIZED", "await initPoseidon() from @zklite/state before hashing");
    ready = true;
  }
  if (inputs.length < 1 || inputs.length > MAX_INPUTS) {
    throw stateError("INVALID_ARGUMENT", `Poseidon takes 1 to ${MAX_INPUTS} inputs, got ${inputs.length}`);
  }
  for (const input of inputs) {
    if (input < 0n || input >= FIELD_MODULUS) {
      throw stateError("NOT_A_FIELD_ELEMENT", `Poseidon input ${input} is not a canonical field element`);
    }
  }
  return fastPoseidon(inputs);
}
