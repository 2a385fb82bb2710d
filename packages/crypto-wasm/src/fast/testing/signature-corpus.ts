/**
 * Test inputs for musig verification: valid zksync-crypto signatures and variants derived from them
 * that exercise every branch of verify_musig (tampered, small-order points, undecodable points, s ≥ l,
 * garbage). Variants are inputs only: the expected outcome always comes from zksync-crypto.
 */
import { SUBGROUP_ORDER } from "../../ts/curve-params.js";
import { FR_MODULUS } from "../../ts/field.js";
import type { SeededRandom } from "./seeded-random.js";

export interface SignedMessage {
  readonly privateKey: Uint8Array;
  readonly message: Uint8Array;
  readonly signature: Uint8Array;
}

export interface VerifyCase {
  readonly kind: string;
  readonly message: Uint8Array;
  readonly signature: Uint8Array;
}

/** The eight points of order dividing 8 (identity, (0,-1), (±i,0), four of order 8), packed. */
const SMALL_ORDER_POINTS = [
  "0100000000000000000000000000000000000000000000000000000000000000",
  "8a292f4012d7e497f0ba84f7da22a27030c4da3539338f5415cdbecf5197b825",
  "0000000000000000000000000000000000000000000000000000000000000000",
  "77d6d0af811efdaba0b534826dc591b72c94a64b7d12c16314d3721121b7ab0a",
  "000000f093f5e1439170b97948e833285d588181b64550b829a031e1724e6430",
  "77d6d0af811efdaba0b534826dc591b72c94a64b7d12c16314d3721121b7ab8a",
  "0000000000000000000000000000000000000000000000000000000000000080",
  "8a292f4012d7e497f0ba84f7da22a27030c4da3539338f5415cdbecf5197b8a5",
  // x = 0 with the sign bit set: franklin-crypto decodes them as x = 0 anyway
  "0100000000000000000000000000000000000000000000000000000000000080",
  "000000f093f5e1439170b97948e833285d588181b64550b829a031e1724e64b0",
].map((hex) => Uint8Array.from(hex.match(/../g) ?? [], (byte) => parseInt(byte, 16)));

const toLE32 = (value: bigint): Uint8Array => {
  const out = new Uint8Array(32);
  let rest = value;
  for (let i = 0; i < 32; i++, rest >>= 8n) out[i] = Number(rest & 0xffn);
  return out;
};
const fromLE = (bytes: Uint8Array): bigint => bytes.reduceRight((acc, byte) => (acc << 8n) | BigInt(byte), 0n);

function withPart(signature: Uint8Array, offset: number, part: Uint8Array): Uint8Array {
  const copy = signature.slice();
  copy.set(part, offset);
  return copy;
}

/** A y ≥ p (with a random sign bit): never decodable. */
function yOutOfField(random: SeededRandom): Uint8Array {
  const y = FR_MODULUS + (random.bigint(255) % ((1n << 255n) - FR_MODULUS));
  const bytes = toLE32(y);
  if (random.int(2) === 1) bytes[31] = (bytes[31] ?? 0) | 0x80;
  return bytes;
}

type Variant = (base: SignedMessage, other: SignedMessage, random: SeededRandom) => Uint8Array | [Uint8Array, Uint8Array];

/** name → [share of the variants, how to derive it]; the last one takes whatever is left. */
const VARIANTS: Record<string, readonly [number, Variant]> = {
  "message bit flipped": [0.02, (base, _, random) => {
    const message = base.message.length === 0 ? Uint8Array.of(random.int(256)) : base.message.slice();
    const bit = random.int(message.length * 8);
    message[bit >> 3] = (message[bit >> 3] ?? 0) ^ (1 << (bit & 7));
    return [message, base.signature];
  }],
  "s changed below l": [0.01, (base, _, random) => {
    const s = (fromLE(base.signature.subarray(64)) + 1n + random.bigint(64)) % SUBGROUP_ORDER;
    return withPart(base.signature, 64, toLE32(s));
  }],
  "s + l": [0.03, (base) => withPart(base.signature, 64, toLE32(fromLE(base.signature.subarray(64)) + SUBGROUP_ORDER))],
  "s random ≥ l": [0.1, (base, _, random) => {
    const s = SUBGROUP_ORDER + (random.bigint(256) % ((1n << 256n) - SUBGROUP_ORDER));
    return withPart(base.signature, 64, toLE32(s));
  }],
  "R of another signature": [0.01, (base, other) => withPart(base.signature, 32, other.signature.subarray(32, 64))],
  "public key of another signer": [0.01, (base, other) => withPart(base.signature, 0, other.signature.subarray(0, 32))],
  "R negated (sign bit flipped)": [0.01, (base) => {
    const signature = base.signature.slice();
    signature[63] = (signature[63] ?? 0) ^ 0x80;
    return signature;
  }],
  "public key negated": [0.005, (base) => {
    const signature = base.signature.slice();
    signature[31] = (signature[31] ?? 0) ^ 0x80;
    return signature;
  }],
  "R of small order": [0.012, (base, _, random) => withPart(base.signature, 32, random.pick(SMALL_ORDER_POINTS))],
  "public key of small order": [0.006, (base, _, random) => withPart(base.signature, 0, random.pick(SMALL_ORDER_POINTS))],
  "R.y ≥ p": [0.2, (base, _, random) => withPart(base.signature, 32, yOutOfField(random))],
  "public key y ≥ p": [0.2, (base, _, random) => withPart(base.signature, 0, yOutOfField(random))],
  "R random bytes": [0.02, (base, _, random) => withPart(base.signature, 32, random.bytes(32))],
  "public key random bytes": [0.02, (base, _, random) => withPart(base.signature, 0, random.bytes(32))],
  "96 random bytes": [0.03, (_, __, random) => random.bytes(96)],
  "one random byte changed": [0.03, (base, _, random) => {
    const signature = base.signature.slice();
    const at = random.int(96);
    signature[at] = (signature[at] ?? 0) ^ (1 + random.int(255));
    return signature;
  }],
  "R and public key swapped": [0.005, (base) => {
    const signature = base.signature.slice();
    signature.set(base.signature.subarray(32, 64), 0);
    signature.set(base.signature.subarray(0, 32), 32);
    return signature;
  }],
  "s with high bits set (≥ l)": [0.2, (base, _, random) => {
    // s with random top bits: ≥ l with high probability, a cheap malformed case for zksync-crypto
    const s = fromLE(base.signature.subarray(64)) | (BigInt(1 + random.int(31)) << 251n);
    return withPart(base.signature, 64, toLE32(s & ((1n << 256n) - 1n)));
  }],
};

/** Every valid signature, then `total - valid.length` derived variants in proportion to VARIANTS. */
export function buildVerifyCorpus(valid: readonly SignedMessage[], total: number, random: SeededRandom): VerifyCase[] {
  const cases: VerifyCase[] = valid.map(({ message, signature }) => ({ kind: "valid", message, signature }));
  const remaining = total - cases.length;
  const entries = Object.entries(VARIANTS);
  entries.forEach(([kind, [share, derive]], index) => {
    const count = index === entries.length - 1 ? total - cases.length : Math.round(share * remaining);
    for (let i = 0; i < count; i++) {
      const base = random.pick(valid);
      const derived = derive(base, random.pick(valid), random);
      const [message, signature] = Array.isArray(derived) ? derived : [base.message, derived];
      cases.push({ kind, message, signature });
    }
  });
  return cases;
}
