/**
 * The public operations on top of one EngineBinding: input checks (the same codes as the zksync-crypto
 * wrapper, from ../../validation.ts), marshalling through the scratch area, and the scalar arithmetic
 * of signing that stays in TypeScript (nonce, s = k + c·sk mod l).
 */
import { cryptoError } from "../../crypto-error.js";
import { SIGNATURE_BYTES } from "../../sizes.js";
import { bigIntToBytesLE, bytesToBigIntLE } from "../../ts/bytes.js";
import { SUBGROUP_ORDER } from "../../ts/curve-params.js";
import { FR_MODULUS } from "../../ts/field.js";
import { deterministicNonce } from "../../ts/nonce.js";
import { assertSignatureLength, assertTxMessage, parsePrivateKey } from "../../validation.js";
import { optimizedPoseidonParams } from "../poseidon/poseidon-optimized.js";
import { POSEIDON_MAX_INPUTS } from "../poseidon/poseidon-params.js";
import { SCRATCH, type EngineBinding, type EngineKind } from "./engine-binding.js";
import { readFieldElement, writeFieldElement } from "./field-codec.js";
import { musigVerdictFromCode, type MusigVerdict } from "./musig-verdict.js";

export class FastEngine {
  readonly kind: EngineKind;
  /** "wasm", or the addon's "x64-ifma", "x64-adx" or "portable". */
  readonly variant: string;
  private readonly scratch: Uint8Array;
  private readonly view: DataView;
  private readonly loadedPoseidonWidths = new Set<number>();

  constructor(private readonly binding: EngineBinding) {
    this.kind = binding.kind;
    this.variant = binding.variant;
    this.scratch = binding.scratch;
    this.view = new DataView(binding.scratch.buffer, binding.scratch.byteOffset, binding.scratch.byteLength);
  }

  /** zksync-crypto's verify_musig, with every signature that it cannot decode reported as false. */
  verifyMusig(message: Uint8Array, signature: Uint8Array): boolean {
    return this.verifyMusigVerdict(message, signature) === "valid";
  }

  /** Throws INVALID_INPUT_TYPE, MESSAGE_TOO_LONG (> 92 bytes) or INVALID_LENGTH (signature ≠ 96 bytes). */
  verifyMusigVerdict(message: Uint8Array, signature: Uint8Array): MusigVerdict {
    assertTxMessage(message);
    assertSignatureLength(signature);
    this.scratch.set(message, SCRATCH.message);
    this.scratch.set(signature, SCRATCH.signature);
    const code = this.binding.verifyMusig(SCRATCH.message, message.length, SCRATCH.signature);
    const verdict = musigVerdictFromCode(code);
    if (verdict === undefined) throw cryptoError("CRYPTO_INTERNAL_ERROR", `engine returned verdict ${code}`);
    return verdict;
  }

  /** rescue_hash_tx_msg: the 32-byte message hash that zkSync signs. */
  rescueHashTxMsg(message: Uint8Array): Uint8Array {
    assertTxMessage(message);
    this.scratch.set(message, SCRATCH.message);
    if (this.binding.hashMessage(SCRATCH.out, SCRATCH.message, message.length) !== 1) {
      throw cryptoError("CRYPTO_INTERNAL_ERROR", "engine refused a message of valid length");
    }
    return this.scratch.slice(SCRATCH.out, SCRATCH.out + 32);
  }

  /** zksync-crypto's sign_musig: packed public key ‖ packed R ‖ s (little-endian), byte for byte. */
  signMusig(privateKey: Uint8Array, message: Uint8Array): Uint8Array {
    const secret = parsePrivateKey(privateKey);
    const hashedMessage = this.rescueHashTxMsg(message);
    const nonce = deterministicNonce(secret, hashedMessage);
    this.scratch.set(bigIntToBytesLE(secret, 32), SCRATCH.privateKey);
    this.scratch.set(bigIntToBytesLE(nonce, 32), SCRATCH.nonce);
    this.scratch.set(hashedMessage, SCRATCH.hashedMessage);
    if (this.binding.signPoints(SCRATCH.out, SCRATCH.privateKey, SCRATCH.nonce, SCRATCH.hashedMessage) !== 1) {
      throw cryptoError("CRYPTO_INTERNAL_ERROR", "engine refused an in-range key or nonce");
    }
    const signature = new Uint8Array(SIGNATURE_BYTES);
    signature.set(this.scratch.subarray(SCRATCH.out, SCRATCH.out + 64));
    const challenge = bytesToBigIntLE(this.scratch.subarray(SCRATCH.out + 64, SCRATCH.out + 96));
    const s = (nonce + challenge * secret) % SUBGROUP_ORDER;
    signature.set(bigIntToBytesLE(s, 32), 64);
    return signature;
  }

  /** The packed public key sk·G of a 32-byte big-endian private key. */
  privateKeyToPubKey(privateKey: Uint8Array): Uint8Array {
    const secret = parsePrivateKey(privateKey);
    this.scratch.set(bigIntToBytesLE(secret, 32), SCRATCH.privateKey);
    if (this.binding.publicKey(SCRATCH.out, SCRATCH.privateKey) !== 1) {
      throw cryptoError("CRYPTO_INTERNAL_ERROR", "engine refused an in-range private key");
    }
    return this.scratch.slice(SCRATCH.out, SCRATCH.out + 32);
  }

  /** circomlib's Poseidon of 1…16 canonical field elements. */
  poseidon(inputs: readonly bigint[]): bigint {
    if (!Array.isArray(inputs)) throw cryptoError("INVALID_INPUT_TYPE", "poseidon takes an array of bigint");
    const count = inputs.length;
    if (count < 1 || count > POSEIDON_MAX_INPUTS) {
      throw cryptoError("INVALID_LENGTH", `poseidon takes 1 to ${POSEIDON_MAX_INPUTS} inputs, got ${count}`);
    }
    this.ensurePoseidonWidth(count);
    for (let i = 0; i < count; i++) {
      const input: unknown = inputs[i];
      if (typeof input !== "bigint") throw cryptoError("INVALID_INPUT_TYPE", `poseidon input ${i} is not a bigint`);
      if (input < 0n || input >= FR_MODULUS) {
        throw cryptoError("INVALID_FIELD_ELEMENT", `poseidon input ${i} is not a canonical field element`);
      }
      writeFieldElement(this.view, SCRATCH.poseidonInputs + 32 * i, input);
    }
    if (this.binding.poseidonHash(SCRATCH.poseidonOut, SCRATCH.poseidonInputs, count) !== 1) {
      throw cryptoError("CRYPTO_INTERNAL_ERROR", "engine refused canonical Poseidon inputs");
    }
    return readFieldElement(this.view, SCRATCH.poseidonOut);
  }

  private ensurePoseidonWidth(inputCount: number): void {
    if (this.loadedPoseidonWidths.has(inputCount)) return;
    const params = optimizedPoseidonParams(inputCount);
    const values = [
      ...params.fullRoundConstants,
      ...params.partialRoundConstants,
      ...params.mds.flat(),
      ...params.preSparse.flat(),
      ...params.sparse.flat(),
    ];
    values.forEach((value, i) => writeFieldElement(this.view, SCRATCH.poseidonConstants + 32 * i, value));
    const loaded = this.binding.poseidonLoad(params.width, params.roundsFull, params.roundsPartial, SCRATCH.poseidonConstants);
    if (loaded !== 1) throw cryptoError("CRYPTO_INTERNAL_ERROR", `engine could not load Poseidon width ${params.width}`);
    this.loadedPoseidonWidths.add(inputCount);
  }
}
