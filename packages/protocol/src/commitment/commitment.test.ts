import fc from "fast-check";
import { AbiCoder, concat, getBytes, hexlify, keccak256, sha256, solidityPacked, toBeHex } from "ethers";
import { describe, expect, it } from "vitest";
import { operationArb } from "../testing/arbitraries.js";
import { ORACLE_ONCHAIN_OPS, ORACLE_OP_CHUNKS, ORACLE_PROCESSABLE_OPS, oracleOpPubdata } from "../testing/oracles.js";
import { isOnchainOperation, isPriorityOperation, isProcessableOperation, type Operation } from "../pubdata/operations.js";
import { blockCommitment, maskCommitment, onchainOperationOffsets, onchainOpsOffsetCommitment } from "./commitment.js";
import { countPriorityOperations, EMPTY_STRING_KECCAK, pendingOnchainOperationsHash, storedBlockInfoHash } from "./onchain-operations.js";

const asOracleOp = (op: Operation) => op as unknown as Record<string, unknown> & { type: string };

/** A random block: its operations, Noop padding and the independently built pubdata with op offsets. */
const blockArb = fc.tuple(fc.array(operationArb, { maxLength: 10 }), fc.integer({ min: 0, max: 6 })).map(([ops, spare]) => {
  const parts = [...ops.map((op) => oracleOpPubdata(asOracleOp(op))), new Uint8Array(spare * 10)];
  const offsets: number[] = [];
  let at = 0;
  for (const op of ops) {
    offsets.push(at);
    at += (ORACLE_OP_CHUNKS[op.type] ?? 0) * 10;
  }
  return { ops, offsets, publicData: getBytes(concat(parts)) };
});
const word = fc.uint8Array({ minLength: 32, maxLength: 32 });

describe("block commitment", () => {
  it("classifies operations as PROTOCOL.md §4.2 lists them", () => {
    for (const type of Object.keys(ORACLE_OP_CHUNKS) as Operation["type"][]) {
      expect(isOnchainOperation(type)).toBe(ORACLE_ONCHAIN_OPS.has(type));
      expect(isProcessableOperation(type)).toBe(ORACLE_PROCESSABLE_OPS.has(type));
      expect(isPriorityOperation(type)).toBe(type === "Deposit" || type === "FullExit");
    }
  });

  it("matches an independent SHA-256 chain over random blocks", () => {
    fc.assert(
      fc.property(
        blockArb,
        fc.integer({ min: 0, max: 2 ** 32 - 1 }),
        fc.integer({ min: 0, max: 2 ** 24 - 1 }),
        word,
        word,
        fc.integer({ min: 0, max: 2 ** 40 }),
        ({ ops, offsets, publicData }, blockNumber, feeAccount, oldRoot, newRoot, timestamp) => {
          const onchain = offsets.filter((_, i) => ORACLE_ONCHAIN_OPS.has((ops[i] as Operation).type));
          const offsetCommitment = new Uint8Array(publicData.length / 10);
          for (const offset of onchain) offsetCommitment[offset / 10] = 1;
          let h = sha256(solidityPacked(["uint256", "uint256"], [blockNumber, feeAccount]));
          h = sha256(concat([h, oldRoot]));
          h = sha256(concat([h, newRoot]));
          h = sha256(solidityPacked(["bytes32", "uint256"], [h, timestamp]));
          const expected = sha256(concat([h, publicData, offsetCommitment]));

          expect(onchainOperationOffsets(publicData)).toEqual(onchain);
          expect(onchainOpsOffsetCommitment(publicData)).toEqual(offsetCommitment);
          const input = { blockNumber, feeAccount, oldStateRoot: oldRoot, newStateRoot: hexlify(newRoot), timestamp, publicData };
          const commitment = blockCommitment(input);
          expect(hexlify(commitment)).toBe(expected);
          expect(blockCommitment({ ...input, oldStateRoot: BigInt(hexlify(oldRoot)), timestamp: BigInt(timestamp) })).toEqual(commitment);
          expect(maskCommitment(commitment)).toBe(BigInt(expected) & ((1n << 253n) - 1n));
        },
      ),
      { numRuns: 60 },
    );
  });

  it("folds processable operations into the pending-operations hash from keccak256('')", () => {
    expect(EMPTY_STRING_KECCAK).toBe("0xc5d2460186f7233c927e7db2dcc703c0e500b653ca82273b7bfad8045d85a470");
    fc.assert(
      fc.property(blockArb, ({ ops, publicData }) => {
        let expected = keccak256(new Uint8Array());
        let priority = 0;
        for (const op of ops) {
          if (ORACLE_PROCESSABLE_OPS.has(op.type)) expected = keccak256(concat([expected, oracleOpPubdata(asOracleOp(op))]));
          if (op.type === "Deposit" || op.type === "FullExit") priority += 1;
        }
        expect(hexlify(pendingOnchainOperationsHash(publicData))).toBe(expected);
        expect(countPriorityOperations(publicData)).toBe(priority);
      }),
      { numRuns: 60 },
    );
  });

  it("hashes StoredBlockInfo like keccak256(abi.encode(...))", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 2 ** 32 - 1 }),
        fc.bigInt({ min: 0n, max: 2n ** 64n - 1n }),
        word,
        fc.bigInt({ min: 0n, max: 2n ** 256n - 1n }),
        word,
        word,
        (blockNumber, priorityOperations, pending, timestamp, stateHash, commitment) => {
          const expected = keccak256(
            AbiCoder.defaultAbiCoder().encode(
              ["tuple(uint32,uint64,bytes32,uint256,bytes32,bytes32)"],
              [[blockNumber, priorityOperations, pending, timestamp, stateHash, commitment]],
            ),
          );
          const info = { blockNumber, priorityOperations, pendingOnchainOperationsHash: pending, timestamp, stateHash, commitment: toBeHex(BigInt(hexlify(commitment)), 32) };
          expect(hexlify(storedBlockInfoHash(info))).toBe(expected);
        },
      ),
      { numRuns: 50 },
    );
  });

  it("rejects malformed block inputs", () => {
    const good = { blockNumber: 1, feeAccount: 0, oldStateRoot: 0n, newStateRoot: 0n, timestamp: 0, publicData: new Uint8Array(10) };
    const bad = expect.objectContaining({ code: "INVALID_BLOCK" });
    expect(() => blockCommitment({ ...good, oldStateRoot: "0x12" })).toThrow(bad);
    expect(() => blockCommitment({ ...good, blockNumber: 2 ** 32 })).toThrow(bad);
    expect(() => blockCommitment({ ...good, newStateRoot: 2n ** 256n })).toThrow(bad);
    expect(() => blockCommitment({ ...good, publicData: new Uint8Array(11) })).toThrow(expect.objectContaining({ code: "INVALID_PUBDATA" }));
    expect(() => storedBlockInfoHash({ ...good, priorityOperations: 2n ** 64n, pendingOnchainOperationsHash: 0n, stateHash: 0n, commitment: 0n })).toThrow(bad);
  });
});
