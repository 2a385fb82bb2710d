import { randomBytes, randomInt } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { init, privateKeyFromSeed, privateKeyToPubKey, pubKeyHash, signMusig, verifyMusig } from "@zklite/crypto-wasm";
import {
  AltBabyJubjubPoint,
  GENERATOR,
  multiplyGenerator,
  musigChallenge,
  rescueHashTxMsg,
  SUBGROUP_ORDER,
} from "@zklite/crypto-wasm/ts";
import { compileCircuit, type CompiledCircuit } from "../circom-compiler.js";
import { calculateWitness, type CircuitInput } from "../witness-calculator.js";
import { dummySignatureSlot } from "./dummy-signature-slot.js";
import { signatureWitness, type SignatureWitness } from "./signature-witness.js";
import { txMessageFields } from "./tx-message-fields.js";

const SOURCE = `pragma circom 2.1.0;
include "zksync_signature.circom";
component main = ZkSyncSignatureVerifier();
`;

interface SignedCase {
  readonly privateKey: bigint;
  readonly publicKey: Uint8Array;
  readonly message: Uint8Array;
  readonly input: CircuitInput & SignatureWitness;
}

const hex = (bytes: Uint8Array): string => Buffer.from(bytes).toString("hex");
const asInteger = (bytes: Uint8Array): bigint => BigInt(`0x${hex(bytes)}`);
const unsatisfied = expect.objectContaining({ code: "CIRCUIT_UNSATISFIED" });

/** A random key signs a random message with @zklite/crypto-wasm (the fast engine). */
function signedCase(messageLength = randomInt(1, 93)): SignedCase {
  const secret = privateKeyFromSeed(randomBytes(32));
  const message = randomBytes(messageLength);
  const signed = signMusig(secret, message);
  expect(verifyMusig(message, signed)).toBe(true);
  const witness = signatureWitness({ pubKey: hex(signed.subarray(0, 32)), signature: hex(signed.subarray(32)) });
  return { privateKey: asInteger(secret), publicKey: privateKeyToPubKey(secret), message, input: { msg: txMessageFields(message), ...witness } };
}

function withPoint(input: CircuitInput, names: ["pkx", "pky"] | ["rx", "ry"], point: AltBabyJubjubPoint): CircuitInput {
  const { x, y } = point.toAffine();
  return { ...input, [names[0]]: x, [names[1]]: y };
}

describe("ZkSyncSignatureVerifier", () => {
  let circuit: CompiledCircuit;
  beforeAll(async () => {
    await init();
    circuit = await compileCircuit("zksync_signature_verifier", SOURCE);
  });

  it("costs 6,833 constraints, PubKeyHash included", () => {
    expect(circuit.header.constraints).toBe(6833);
  });

  it("accepts random signatures of random keys over 1..92-byte messages and outputs the signer's PubKeyHash", async () => {
    const lengths = [1, 92, ...Array.from({ length: 22 }, () => randomInt(1, 93))];
    for (const length of lengths) {
      const { publicKey, input } = signedCase(length);
      const witness = await calculateWitness(circuit.wasmPath, input);
      expect(witness[1], `message of ${length} bytes`).toBe(asInteger(pubKeyHash(publicKey)));
    }
  });

  it("accepts the dummy slot", async () => {
    const { msg, pkx, pky, rx, ry, s } = dummySignatureSlot();
    await expect(calculateWitness(circuit.wasmPath, { msg, pkx, pky, rx, ry, s })).resolves.toBeDefined();
  });

  it("rejects a changed message, s, R or key, and off-curve keys", async () => {
    const { input } = signedCase();
    const other = signedCase();
    const G = AltBabyJubjubPoint.fromAffine(GENERATOR);
    const R = AltBabyJubjubPoint.fromAffine({ x: input.rx, y: input.ry });
    const msg = input.msg as readonly bigint[];
    const cases: Record<string, CircuitInput> = {
      "first message field + 1": { ...input, msg: [msg[0]! + 1n, msg[1]!, msg[2]!] },
      "last message field + 1": { ...input, msg: [msg[0]!, msg[1]!, msg[2]! + 1n] },
      "s + 1": { ...input, s: (input.s + 1n) % SUBGROUP_ORDER },
      "s - 1": { ...input, s: (input.s + SUBGROUP_ORDER - 1n) % SUBGROUP_ORDER },
      "R + G": withPoint(input, ["rx", "ry"], R.add(G)),
      "-R": withPoint(input, ["rx", "ry"], R.negate()),
      "another signature's R": { ...input, rx: other.input.rx, ry: other.input.ry },
      "another key": { ...input, pkx: other.input.pkx, pky: other.input.pky },
      "key off the curve": { ...input, pky: input.pky + 1n },
      "R off the curve": { ...input, rx: input.rx + 1n },
    };
    for (const [name, tampered] of Object.entries(cases)) {
      await expect(calculateWitness(circuit.wasmPath, tampered), name).rejects.toThrow(unsatisfied);
    }
  });

  it("rejects s + l, although (s + l)·G = s·G and s + l < 2^251", async () => {
    let signed = signedCase();
    while (signed.input.s + SUBGROUP_ORDER >= 1n << 251n) signed = signedCase();
    const { s } = signed.input;
    expect(multiplyGenerator(s + SUBGROUP_ORDER).equals(multiplyGenerator(s))).toBe(true);
    await expect(calculateWitness(circuit.wasmPath, signed.input)).resolves.toBeDefined();
    await expect(calculateWitness(circuit.wasmPath, { ...signed.input, s: s + SUBGROUP_ORDER })).rejects.toThrow(unsatisfied);
  });

  it("rejects a small-order R or key even when s·G = R + c·A holds", async () => {
    const { privateKey, message, input } = signedCase();
    const A = AltBabyJubjubPoint.fromAffine({ x: input.pkx, y: input.pky });
    const messageHash = rescueHashTxMsg(message);

    // R = O: s = c·sk with c the challenge of (A.x, 0, m)
    const c = musigChallenge(input.pkx, 0n, messageHash);
    const sForIdentityR = (c * privateKey) % SUBGROUP_ORDER;
    expect(multiplyGenerator(sForIdentityR).equals(A.multiply(c))).toBe(true);
    await expect(calculateWitness(circuit.wasmPath, { ...input, rx: 0n, ry: 1n, s: sForIdentityR }), "R = O").rejects.toThrow(unsatisfied);

    // A = O: R = k·G and s = k satisfy s·G = R + c·O for any message
    const k = BigInt(`0x${randomBytes(31).toString("hex")}`);
    const forged = withPoint({ ...input, pkx: 0n, pky: 1n, s: k }, ["rx", "ry"], multiplyGenerator(k));
    await expect(calculateWitness(circuit.wasmPath, forged), "A = O").rejects.toThrow(unsatisfied);
  });
});
