import { randomBytes, randomInt } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { nftContentDigest, rescueNftTokenHash } from "@zklite/state";
import { compileCircuit, type CompiledCircuit } from "../circom-compiler.js";
import { calculateWitness } from "../witness-calculator.js";

const SOURCE = `pragma circom 2.1.0;
include "nft_token_digest.circom";
component main = NftTokenDigest();
`;

const U32_MAX = 2 ** 32 - 1;

function digestInput(creatorId: number, serialId: number, contentHash: Buffer) {
  return {
    creatorId: BigInt(creatorId),
    serialId: BigInt(serialId),
    contentHashHigh: BigInt(`0x${contentHash.subarray(0, 16).toString("hex")}`),
    contentHashLow: BigInt(`0x${contentHash.subarray(16).toString("hex")}`),
  };
}

describe("NftTokenDigest", () => {
  let circuit: CompiledCircuit;
  beforeAll(async () => {
    circuit = await compileCircuit("nft_token_digest_testbench", SOURCE);
  });

  it("costs one permutation and one strict decomposition", () => {
    expect(circuit.header.constraints).toBe(396 + 384);
  });

  it("equals @zklite/state's nftContentDigest(rescueNftTokenHash(...)) on random and extreme inputs", async () => {
    const cases: [number, number, Buffer][] = [
      [0, 0, Buffer.alloc(32)],
      [U32_MAX, U32_MAX, Buffer.alloc(32, 0xff)],
      [randomInt(2 ** 24), 0, randomBytes(32)],
    ];
    for (let i = 0; i < 8; i++) cases.push([randomInt(U32_MAX + 1), randomInt(U32_MAX + 1), randomBytes(32)]);
    for (const [creatorId, serialId, contentHash] of cases) {
      const witness = await calculateWitness(circuit.wasmPath, digestInput(creatorId, serialId, contentHash));
      expect(witness[1]).toBe(nftContentDigest(rescueNftTokenHash(creatorId, serialId, contentHash.toString("hex"))));
    }
  });

  it("changes with each input", async () => {
    const contentHash = randomBytes(32);
    const digestOf = async (creatorId: number, serialId: number, content: Buffer) =>
      (await calculateWitness(circuit.wasmPath, digestInput(creatorId, serialId, content)))[1];
    const base = await digestOf(5, 6, contentHash);
    const flipped = (index: number) => Buffer.from(contentHash.map((byte, i) => (i === index ? byte ^ 1 : byte)));
    for (const other of [await digestOf(4, 6, contentHash), await digestOf(5, 7, contentHash), await digestOf(5, 6, flipped(0)), await digestOf(5, 6, flipped(31))]) {
      expect(other).not.toBe(base);
    }
  });
});
