import { randomBytes, randomInt } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { blockCommitment, encodeBlockPubdata, maskCommitment, type BlockCommitmentInput } from "@zklite/protocol";
import { FIELD_MODULUS } from "@zklite/state";
import type { CompiledCircuit } from "../circom-compiler.js";
import { calculateWitness } from "../witness-calculator.js";
import { blockCommitmentCircuitInput, compileBlockCommitmentCircuit } from "./block-commitment.js";

const CHUNKS = 10;

const randomRoot = (): bigint => BigInt(`0x${randomBytes(32).toString("hex")}`) % FIELD_MODULUS;
const randomAddress = (): string => `0x${randomBytes(20).toString("hex")}`;

function randomBlock(): BlockCommitmentInput {
  const deposit = { type: "Deposit" as const, accountId: randomInt(2 ** 24 - 1), token: randomInt(1024), amount: BigInt(`0x${randomBytes(16).toString("hex")}`), to: randomAddress() };
  const transfer = { type: "Transfer" as const, fromId: randomInt(2 ** 24 - 1), toId: randomInt(2 ** 24 - 1), token: randomInt(1024), amount: 1000n * BigInt(randomInt(1000)), fee: 10n * BigInt(randomInt(100)) };
  const ops = randomInt(2) === 0 ? [transfer, deposit] : [deposit, transfer];
  return {
    blockNumber: randomInt(2 ** 32),
    feeAccount: randomInt(2 ** 24 - 1),
    oldStateRoot: randomRoot(),
    newStateRoot: randomRoot(),
    timestamp: BigInt(randomInt(2 ** 40)),
    publicData: encodeBlockPubdata(ops, CHUNKS),
  };
}

describe("block commitment component against @zklite/protocol's blockCommitment", () => {
  let circuit: CompiledCircuit;
  beforeAll(async () => {
    circuit = await compileBlockCommitmentCircuit(CHUNKS);
  });

  it("outputs the SDK's masked commitment for random blocks", async () => {
    for (let i = 0; i < 2; i++) {
      const block = randomBlock();
      const witness = await calculateWitness(circuit.wasmPath, blockCommitmentCircuitInput(block));
      expect(witness[1]).toBe(maskCommitment(blockCommitment(block)));
    }
  });

  it("rejects non-bit pubdata and out-of-range header fields", async () => {
    const input = blockCommitmentCircuitInput(randomBlock());
    const bits = [...(input.pubdataBits as readonly bigint[])];
    bits[randomInt(bits.length)] = 2n;
    const unsatisfied = expect.objectContaining({ code: "CIRCUIT_UNSATISFIED" });
    await expect(calculateWitness(circuit.wasmPath, { ...input, pubdataBits: bits })).rejects.toThrow(unsatisfied);
    await expect(calculateWitness(circuit.wasmPath, { ...input, blockNumber: 1n << 32n })).rejects.toThrow(unsatisfied);
    await expect(calculateWitness(circuit.wasmPath, { ...input, timestamp: 1n << 64n })).rejects.toThrow(unsatisfied);
  });
});
