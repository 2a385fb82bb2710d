import { randomBytes } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { init, privateKeyFromSeed, privateKeyToPubKey, pubKeyHash } from "@zklite/crypto-wasm";
import { AltBabyJubjubPoint, compressPoint, decompressPoint, FR_MODULUS, rescueHash } from "@zklite/crypto-wasm/ts";
import { compileCircuit, type CompiledCircuit } from "../circom-compiler.js";
import { calculateWitness } from "../witness-calculator.js";

const SOURCE = `pragma circom 2.1.0;
include "zksync_signature.circom";
component main = ZkSyncPubKeyHash();
`;

const asInteger = (bytes: Uint8Array): bigint => BigInt(`0x${Buffer.from(bytes).toString("hex")}`);

describe("ZkSyncPubKeyHash", () => {
  let circuit: CompiledCircuit;
  beforeAll(async () => {
    await init();
    circuit = await compileCircuit("zksync_pubkey_hash", SOURCE);
  });

  it("costs one permutation and one strict decomposition", () => {
    expect(circuit.header.constraints).toBe(396 + 384);
  });

  it("equals zksync-crypto's PubKeyHash of random keys (read as a 160-bit integer)", async () => {
    for (let i = 0; i < 10; i++) {
      const publicKey = privateKeyToPubKey(privateKeyFromSeed(randomBytes(32)));
      const { x, y } = decompressPoint(publicKey)!.toAffine();
      const witness = await calculateWitness(circuit.wasmPath, { pkx: x, pky: y });
      expect(witness[1]).toBe(asInteger(pubKeyHash(publicKey)));
    }
  });

  it("equals it for the identity and is the low 160 bits of Rescue for any pair of field elements", async () => {
    const identity = await calculateWitness(circuit.wasmPath, { pkx: 0n, pky: 1n });
    expect(identity[1]).toBe(asInteger(pubKeyHash(compressPoint(AltBabyJubjubPoint.IDENTITY))));
    for (let i = 0; i < 4; i++) {
      const [pkx, pky] = [0, 1].map(() => BigInt(`0x${randomBytes(40).toString("hex")}`) % FR_MODULUS) as [bigint, bigint];
      const witness = await calculateWitness(circuit.wasmPath, { pkx, pky });
      expect(witness[1]).toBe(rescueHash([pkx, pky]) & ((1n << 160n) - 1n));
    }
  });
});
