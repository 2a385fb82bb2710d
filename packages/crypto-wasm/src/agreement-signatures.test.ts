/**
 * Random differential test, part 2: signatures. For random keys and messages both implementations
 * produce identical signature bytes, and agree (and are right) on the validity of the genuine
 * signature, of a tampered copy (one bit flipped in R, s, the public key or the message, in turn)
 * and of a malformed one.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { initWasm, typescriptApi as ts, wasmApi as wasm } from "../test/implementations.js";
import { TestRandom } from "../test/random.js";
import { bytesToHex } from "../test/vectors.js";
import { bigIntToBytesLE } from "./ts/bytes.js";
import { SUBGROUP_ORDER } from "./ts/curve-params.js";
import { FR_MODULUS } from "./ts/field.js";

export const SIGNATURE_CASES = 100;

const random = new TestRandom();
type Tamper = "R" | "s" | "public key" | "message";
const TAMPERS: readonly Tamper[] = ["R", "s", "public key", "message"];

function flipBit(bytes: Uint8Array, from: number, to: number): Uint8Array {
  const copy = Uint8Array.from(bytes);
  const bit = random.int((to - from) * 8);
  copy[from + (bit >> 3)] = (copy[from + (bit >> 3)] as number) ^ (1 << (bit & 7));
  return copy;
}

function tamper(kind: Tamper, message: Uint8Array, signature: Uint8Array): [Uint8Array, Uint8Array] {
  switch (kind) {
    case "public key":
      return [message, flipBit(signature, 0, 32)];
    case "R":
      return [message, flipBit(signature, 32, 64)];
    case "s":
      return [message, flipBit(signature, 64, 96)];
    case "message":
      return message.length === 0 ? [Uint8Array.of(1), signature] : [flipBit(message, 0, message.length), signature];
  }
}

/** Structurally broken signatures: bad encodings, s >= l, small-order points, random bytes. */
function malformed(signature: Uint8Array): Uint8Array {
  const copy = Uint8Array.from(signature);
  switch (random.int(6)) {
    case 0:
      copy.set(bigIntToBytesLE(SUBGROUP_ORDER + BigInt(random.int(1000)), 32), 64);
      break;
    case 1:
      copy.set(bigIntToBytesLE(FR_MODULUS - 1n, 32), random.pick([0, 32])); // (0, -1), order 2
      break;
    case 2:
      copy.fill(0xff, random.pick([0, 32]), random.pick([32, 64]));
      break;
    case 3:
      copy.set(bigIntToBytesLE(1n, 32), random.pick([0, 32])); // the identity
      break;
    case 4:
      return random.bytes(96);
    default:
      return new Uint8Array(96);
  }
  return copy;
}

beforeAll(initWasm);

describe(`signatures: TypeScript vs zksync-crypto (seed ${random.seed})`, () => {
  it(`sign ${SIGNATURE_CASES} random messages identically and agree on genuine, tampered and malformed signatures`, () => {
    for (let i = 0; i < SIGNATURE_CASES; i++) {
      const privateKey = wasm.privateKeyFromSeed(random.bytes(32));
      const message = random.bytes(random.intBetween(0, 92));
      const context = `sk ${bytesToHex(privateKey)} message ${bytesToHex(message)}`;
      const signature = wasm.signMusig(privateKey, message);
      expect(bytesToHex(ts.signMusig(privateKey, message)), context).toBe(bytesToHex(signature));
      expect(ts.verifyMusig(message, signature), context).toBe(true);
      expect(wasm.verifyMusig(message, signature), context).toBe(true);

      const kind = TAMPERS[i % TAMPERS.length] as Tamper;
      const [tamperedMessage, tamperedSignature] = tamper(kind, message, signature);
      const tamperedContext = `${context}, ${kind} tampered: ${bytesToHex(tamperedMessage)} ${bytesToHex(tamperedSignature)}`;
      expect(wasm.verifyMusig(tamperedMessage, tamperedSignature), tamperedContext).toBe(false);
      expect(ts.verifyMusig(tamperedMessage, tamperedSignature), tamperedContext).toBe(false);

      const broken = malformed(signature);
      const brokenContext = `${context}, malformed ${bytesToHex(broken)}`;
      expect(ts.verifyMusig(message, broken), brokenContext).toBe(wasm.verifyMusig(message, broken));
    }
  });
});
