/**
 * Test-only (not built into dist): an in-memory stand-in for the node (`SyncProvider`) with one account state,
 * a token list and fixed fees; it records submissions and answers receipts from a map the test fills.
 */
import type { AccountInfo, PriorityOpStatus, TxReceipt } from "@zklite/api";
import { ZkLiteError } from "@zklite/protocol";
import type { SyncProvider } from "../sync-provider.js";

export const TEST_TOKENS = [
  { id: 0, address: "0x" + "00".repeat(20), symbol: "ETH", decimals: 18, allowedForFees: true },
  { id: 1, address: "0x" + "11".repeat(20), symbol: "DAI", decimals: 18, allowedForFees: true },
  { id: 2, address: "0x" + "22".repeat(20), symbol: "USDC", decimals: 6, allowedForFees: false },
];

export interface MemoryProvider extends SyncProvider {
  account: { id: number | null; nonce: number; pubKeyHash: string; balances: Record<string, string> };
  tokens: typeof TEST_TOKENS;
  txFee: bigint;
  batchFee: bigint;
  feeQueries: { txType: unknown; address: string; token: unknown }[];
  batchFeeQueries: { txTypes: unknown[]; addresses: string[]; token: unknown }[];
  submitted: { tx: unknown; signature: unknown }[];
  batches: { txs: unknown[]; signatures: unknown }[];
  receipts: Map<string, TxReceipt>;
  priorityOps: Map<string, PriorityOpStatus>;
}

export function memoryProvider(address: string): MemoryProvider {
  const provider: MemoryProvider = {
    account: { id: 7, nonce: 3, pubKeyHash: "sync:" + "00".repeat(20), balances: { "0": "1000" } },
    tokens: [...TEST_TOKENS],
    txFee: 1000n,
    batchFee: 5000n,
    feeQueries: [],
    batchFeeQueries: [],
    submitted: [],
    batches: [],
    receipts: new Map(),
    priorityOps: new Map(),
    getState: async () => {
      const state = { nonce: provider.account.nonce, pubKeyHash: provider.account.pubKeyHash, balances: provider.account.balances, nfts: {}, mintedNfts: {} };
      return { address: address.toLowerCase(), id: provider.account.id, committed: state, verified: { ...state, balances: {} }, depositing: [] } satisfies AccountInfo;
    },
    getTokens: async () => Object.fromEntries(provider.tokens.map((token) => [token.symbol, token])),
    getConfig: async () => ({ chainId: 1, contracts: { zkLite: "0x" + "aa".repeat(20), governance: "0x" + "bb".repeat(20) }, depositConfirmations: 1, blockChunkSizes: [8], accountTreeDepth: 24, balanceTreeDepth: 32 }),
    getTransactionFee: async (txType, feeAddress, token) => {
      provider.feeQueries.push({ txType, address: feeAddress, token });
      const fee = provider.txFee.toString();
      return { feeType: "x", gasTxAmount: "0", gasPriceWei: "0", gasFee: fee, zkpFee: "0", totalFee: fee, totalFeeBigInt: provider.txFee };
    },
    getTransactionsBatchFee: async (txTypes, addresses, token) => {
      provider.batchFeeQueries.push({ txTypes: [...txTypes], addresses: [...addresses], token });
      return provider.batchFee;
    },
    submitTx: async (tx, signature) => {
      provider.submitted.push({ tx, signature });
      return `sync-tx:${provider.submitted.length.toString(16).padStart(64, "0")}`;
    },
    submitTxsBatch: async (txs, signatures) => {
      provider.batches.push({ txs: [...txs], signatures });
      return txs.map((_, i) => `sync-tx:${(0x1000 + i).toString(16).padStart(64, "0")}`);
    },
    getTxReceipt: async (hash) => provider.receipts.get(hash) ?? null,
    notifyTransaction: async (hash, action = "COMMIT") => {
      const receipt = provider.receipts.get(hash);
      if (receipt === undefined || (action === "VERIFY" && receipt.status !== "executed" && receipt.status !== "rejected")) throw new ZkLiteError("TIMEOUT", `transaction ${hash} did not reach ${action}`);
      return receipt;
    },
    getPriorityOpStatus: async (serialId) => provider.priorityOps.get(String(serialId)) ?? null,
    notifyPriorityOp: async (serialId, action = "COMMIT") => {
      const status = provider.priorityOps.get(String(serialId));
      if (status === undefined || (action === "VERIFY" && status.status !== "executed")) throw new ZkLiteError("TIMEOUT", `priority operation ${serialId} did not reach ${action}`);
      return status;
    },
    getNFT: async () => null,
  };
  return provider;
}

export function receipt(hash: string, status: TxReceipt["status"], failCode: string | null = null): TxReceipt {
  return { hash, status, blockNumber: status === "queued" ? null : 5, blockIndex: 0, failCode, failReason: failCode === null ? null : "it failed", batchHash: null, blockStatus: null };
}
