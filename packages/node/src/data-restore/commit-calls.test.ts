import { AbiCoder, Interface, concat, hexlify, randomBytes, solidityPacked, zeroPadValue } from "ethers";
import { describe, expect, it } from "vitest";
import { rollupInterface } from "../eth-sender/rollup-abi.js";
import { findCommitCall } from "./commit-calls.js";

const last = { blockNumber: 4, priorityOperations: 1n, pendingOnchainOperationsHash: hexlify(randomBytes(32)), timestamp: 1_700_000_000n, stateHash: hexlify(randomBytes(32)), commitment: hexlify(randomBytes(32)) };
function block(blockNumber: number) {
  return {
    newStateHash: hexlify(randomBytes(32)),
    publicData: hexlify(randomBytes(10 * 12)),
    timestamp: 1_700_000_100n + BigInt(blockNumber),
    onchainOperations: [{ ethWitness: hexlify(randomBytes(65)), publicDataOffset: 10 }],
    blockNumber,
    feeAccount: 0,
  };
}
const blocks = [block(5), block(6)];
const direct = rollupInterface.encodeFunctionData("commitBlocks", [last, blocks]);
const where = { txHash: "0x" + "ab".repeat(32), to: "0x" + "cd".repeat(20) };

describe("findCommitCall", () => {
  it("decodes a direct commitBlocks call", () => {
    const call = findCommitCall(direct, [5, 6], where);
    expect(call.lastCommitted).toMatchObject({ blockNumber: 4, stateHash: last.stateHash.toLowerCase(), timestamp: last.timestamp });
    expect(call.blocks.map((b) => b.blockNumber)).toEqual([5, 6]);
    expect(call.blocks[1]).toMatchObject({ newStateHash: blocks[1]?.newStateHash.toLowerCase(), publicData: blocks[1]?.publicData.toLowerCase() });
    expect(call.blocks[0]?.onchainOperations).toEqual([{ ethWitness: blocks[0]?.onchainOperations[0]?.ethWitness, publicDataOffset: 10 }]);
  });

  it("finds the call inside a multisig's ABI-encoded call and inside a packed multiSend", () => {
    const safe = new Interface(["function execTransaction(address to, uint256 value, bytes data, uint8 operation, uint256 safeTxGas, uint256 baseGas, uint256 gasPrice, address gasToken, address refundReceiver, bytes signatures)"]);
    const wrapped = safe.encodeFunctionData("execTransaction", [where.to, 0, direct, 0, 0, 0, 0, "0x" + "00".repeat(20), "0x" + "00".repeat(20), hexlify(randomBytes(65))]);
    expect(findCommitCall(wrapped, [5, 6], where).blocks.map((b) => b.blockNumber)).toEqual([5, 6]);

    // multiSend: operation (1 byte) ‖ to (20) ‖ value (32) ‖ length (32) ‖ data, packed: the call starts at no 32-byte boundary
    const other = solidityPacked(["uint8", "address", "uint256", "uint256", "bytes"], [0, where.to, 0, 3, "0x010203"]);
    const packed = concat([other, solidityPacked(["uint8", "address", "uint256", "uint256", "bytes"], [0, where.to, 0, (direct.length - 2) / 2, direct])]);
    const multiSend = new Interface(["function multiSend(bytes transactions)"]).encodeFunctionData("multiSend", [packed]);
    expect(findCommitCall(multiSend, [5, 6], where).blocks.map((b) => b.blockNumber)).toEqual([5, 6]);
  });

  it("takes the call for the blocks the events name, and refuses calldata without one", () => {
    // two commit calls in one transaction's calldata (a batch of calls): the one for blocks 7, 8 is found
    const second = rollupInterface.encodeFunctionData("commitBlocks", [{ ...last, blockNumber: 6 }, [block(7), block(8)]]);
    const batch = AbiCoder.defaultAbiCoder().encode(["bytes[]"], [[direct, second]]);
    expect(findCommitCall(batch, [7, 8], where).blocks.map((b) => b.blockNumber)).toEqual([7, 8]);
    expect(() => findCommitCall(batch, [9], where)).toThrow(expect.objectContaining({ code: "RESTORE_COMMIT_UNDECODABLE" }));
    // the selector without a decodable call after it
    const selector = rollupInterface.getFunction("commitBlocks")?.selector as string;
    expect(() => findCommitCall(concat([zeroPadValue("0x01", 32), selector, randomBytes(40)]), [5, 6], where)).toThrow(/holds no commitBlocks call/);
  });
});
