import { describe, expect, it } from "vitest";
import { codeOf } from "./testing/error-code.js";
import { memoryProvider, receipt } from "./testing/memory-provider.js";
import { submitSignedTransaction, submitSignedTransactionsBatch, Transaction } from "./transaction.js";


const signed = { tx: { type: "Transfer" }, ethereumSignature: { type: "EthereumSignature" as const, signature: "0x00" } };

describe("Transaction handle", () => {
  it("resolves awaitReceipt when committed and awaitVerifyReceipt when executed on L1", async () => {
    const provider = memoryProvider("0x" + "01".repeat(20));
    const handle = await submitSignedTransaction(signed, provider);
    expect(provider.submitted).toEqual([{ tx: signed.tx, signature: signed.ethereumSignature }]);
    provider.receipts.set(handle.txHash, receipt(handle.txHash, "committed"));
    expect((await handle.awaitReceipt()).status).toBe("committed");
    expect(handle.state).toBe("Committed");
    // the block is not executed on L1: the wait is bounded and typed
    expect(await codeOf(() => handle.awaitVerifyReceipt(50))).toBe("TIMEOUT");
    expect(handle.state).toBe("Committed");
    provider.receipts.set(handle.txHash, receipt(handle.txHash, "executed"));
    expect((await handle.awaitVerifyReceipt()).status).toBe("executed");
    expect(handle.state).toBe("Verified");
  });

  it("throws TRANSACTION_FAILED with the node's code when the transaction was rejected, every time", async () => {
    const provider = memoryProvider("0x" + "01".repeat(20));
    const handle = new Transaction(signed, "sync-tx:" + "ab".repeat(32), provider);
    provider.receipts.set(handle.txHash, receipt(handle.txHash, "rejected", "INSUFFICIENT_BALANCE"));
    expect(await codeOf(() => handle.awaitReceipt())).toBe("TRANSACTION_FAILED");
    expect(handle.state).toBe("Failed");
    expect(handle.error?.message).toContain("INSUFFICIENT_BALANCE");
    provider.receipts.set(handle.txHash, receipt(handle.txHash, "committed"));
    expect(await codeOf(() => handle.awaitVerifyReceipt())).toBe("TRANSACTION_FAILED");
  });

  it("submits a batch with its signatures and returns one handle per transaction", async () => {
    const provider = memoryProvider("0x" + "01".repeat(20));
    const handles = await submitSignedTransactionsBatch(provider, [signed, { tx: { type: "Withdraw" } }], [signed.ethereumSignature]);
    expect(handles.map((handle) => handle.txData.tx.type)).toEqual(["Transfer", "Withdraw"]);
    expect(provider.batches[0]).toEqual({ txs: [{ tx: signed.tx, signature: signed.ethereumSignature }, { tx: { type: "Withdraw" } }], signatures: [signed.ethereumSignature] });
  });
});
