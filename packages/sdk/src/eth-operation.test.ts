import { Interface, type TransactionReceipt, type TransactionResponse } from "ethers";
import { describe, expect, it } from "vitest";
import { ZKLITE_ABI } from "./contracts/zklite-abi.js";
import { ETHOperation, priorityRequestSerialId } from "./eth-operation.js";
import { codeOf } from "./testing/error-code.js";
import { memoryProvider } from "./testing/memory-provider.js";


const ROLLUP = "0x" + "aa".repeat(20);
const rollup = new Interface(ZKLITE_ABI);

function priorityLog(serialId: bigint, address = ROLLUP) {
  const { data, topics } = rollup.encodeEventLog("NewPriorityRequest", ["0x" + "01".repeat(20), serialId, 1, "0x01", 100n]);
  return { address, data, topics };
}

function ethTx(result: { status: number; logs: ReturnType<typeof priorityLog>[] } | Error): TransactionResponse {
  return {
    hash: "0x" + "cd".repeat(32),
    wait: async () => {
      if (result instanceof Error) throw result;
      return result as unknown as TransactionReceipt;
    },
  } as unknown as TransactionResponse;
}

describe("ETHOperation", () => {
  it("reads the serial id from the rollup's NewPriorityRequest and follows the node to committed and executed", async () => {
    const provider = memoryProvider("0x" + "01".repeat(20));
    const unrelated = { address: "0x" + "bb".repeat(20), data: "0x", topics: ["0x" + "00".repeat(32)] };
    const op = new ETHOperation(ethTx({ status: 1, logs: [unrelated, priorityLog(9n, "0x" + "cc".repeat(20)), priorityLog(42n)] }), provider, ROLLUP);
    await op.awaitEthereumTxCommit();
    expect(op.priorityOpId).toBe(42n);
    expect(op.state).toBe("Mined");
    const status = { serialId: "42", status: "committed" as const, opType: "Deposit", op: null, l1TxHash: "0x", l1BlockNumber: 1, blockNumber: 3 };
    provider.priorityOps.set("42", status);
    expect(await op.awaitReceipt()).toEqual(status);
    expect(op.state).toBe("Committed");
    expect(await codeOf(() => op.awaitVerifyReceipt(50))).toBe("TIMEOUT");
    provider.priorityOps.set("42", { ...status, status: "executed" });
    expect((await op.awaitVerifyReceipt()).status).toBe("executed");
    expect(op.state).toBe("Verified");
  });

  it("fails with L1_TRANSACTION_FAILED on a revert, a thrown wait or no priority request", async () => {
    const provider = memoryProvider("0x" + "01".repeat(20));
    for (const tx of [ethTx({ status: 0, logs: [priorityLog(1n)] }), ethTx(new Error("execution reverted")), ethTx({ status: 1, logs: [] })]) {
      const op = new ETHOperation(tx, provider, ROLLUP);
      expect(await codeOf(() => op.awaitReceipt())).toBe("L1_TRANSACTION_FAILED");
      expect(op.state).toBe("Failed");
      expect(await codeOf(() => op.awaitEthereumTxCommit())).toBe("L1_TRANSACTION_FAILED");
    }
  });

  it("priorityRequestSerialId ignores other contracts' logs unless no address is given", () => {
    const receiptOf = (logs: ReturnType<typeof priorityLog>[]) => ({ logs }) as unknown as TransactionReceipt;
    expect(priorityRequestSerialId(receiptOf([priorityLog(5n, "0x" + "cc".repeat(20))]), ROLLUP)).toBeUndefined();
    expect(priorityRequestSerialId(receiptOf([priorityLog(5n, "0x" + "cc".repeat(20))]))).toBe(5n);
  });
});
