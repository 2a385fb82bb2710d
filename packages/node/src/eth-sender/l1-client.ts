/**
 * The JSON-RPC calls of the eth-sender, over an ethers v6 `JsonRpcProvider` (static network, request timeout, no
 * batching). A transport failure becomes `ETH_SENDER_L1_UNAVAILABLE`; an answer that is an error is returned or
 * turned into the typed error the caller needs (a revert in `eth_estimateGas` → `ETH_SENDER_TX_WOULD_REVERT`).
 */
import { FetchRequest, JsonRpcProvider, Network, toQuantity } from "ethers";
import { EthSenderError } from "./errors.js";
import { describeRevert, rollupInterface } from "./rollup-abi.js";

export interface Receipt {
  readonly hash: string;
  /** 1 success, 0 reverted. */
  readonly status: number;
  readonly blockNumber: number;
}

/** What `eth_sendRawTransaction` answered. */
export type BroadcastResult = "sent" | "known" | "nonce_too_low" | "underpriced" | "rejected";

interface RpcFailure {
  readonly code?: string;
  readonly shortMessage?: string;
  readonly message?: string;
  readonly data?: unknown;
  readonly info?: { readonly error?: { readonly message?: string; readonly data?: unknown } };
}

/** The JSON-RPC error's message when the node answered with one; undefined for a transport failure. */
function answeredError(error: unknown): string | undefined {
  const e = error as RpcFailure;
  const answered = ["CALL_EXCEPTION", "NONCE_EXPIRED", "REPLACEMENT_UNDERPRICED", "INSUFFICIENT_FUNDS"].includes(e.code ?? "") || e.info?.error !== undefined;
  if (!answered) return undefined;
  return e.info?.error?.message ?? e.shortMessage ?? e.message ?? "error";
}

/** Revert data somewhere in the error (ethers' `data`, or the node's `error.data`, a string or `{ data }`). */
function revertData(error: unknown): string | undefined {
  const e = error as RpcFailure;
  for (const candidate of [e.data, e.info?.error?.data, (e.info?.error?.data as { data?: unknown } | undefined)?.data]) {
    if (typeof candidate === "string" && /^0x[0-9a-fA-F]*$/.test(candidate)) return candidate;
  }
  return undefined;
}

export class L1Client {
  readonly provider: JsonRpcProvider;

  constructor(
    rpcUrl: string,
    chainId: number,
    readonly rollupAddress: string,
    requestTimeoutMs: number,
  ) {
    const request = new FetchRequest(rpcUrl);
    request.timeout = requestTimeoutMs;
    this.provider = new JsonRpcProvider(request, undefined, { staticNetwork: Network.from(chainId), batchMaxCount: 1 });
  }

  async headBlockNumber(): Promise<number> {
    return Number(BigInt(await this.#send<string>("eth_blockNumber", [])));
  }

  async nonce(address: string, tag: "latest" | "pending"): Promise<number> {
    return Number(BigInt(await this.#send<string>("eth_getTransactionCount", [address, tag])));
  }

  /** The base fee of the block being built (the pending block's; the latest block's when there is none). */
  async nextBaseFee(): Promise<bigint> {
    const pending = await this.#send<{ baseFeePerGas?: string } | null>("eth_getBlockByNumber", ["pending", false]).catch((error: unknown) => {
      if (error instanceof EthSenderError) throw error;
      return null;
    });
    const block = pending?.baseFeePerGas !== undefined ? pending : await this.#send<{ baseFeePerGas?: string } | null>("eth_getBlockByNumber", ["latest", false]);
    return BigInt(block?.baseFeePerGas ?? 0);
  }

  /** `eth_estimateGas`; a revert is `ETH_SENDER_TX_WOULD_REVERT` naming the contract's error. */
  async estimateGas(from: string, data: string): Promise<bigint> {
    try {
      return BigInt((await this.provider.send("eth_estimateGas", [{ from, to: this.rollupAddress, data }])) as string);
    } catch (error) {
      const answered = answeredError(error);
      if (answered === undefined) throw unavailable("eth_estimateGas", error);
      const data = revertData(error);
      throw new EthSenderError("ETH_SENDER_TX_WOULD_REVERT", `the transaction would revert: ${data === undefined ? answered : describeRevert(data)}`, { cause: error });
    }
  }

  async broadcast(rawTx: string): Promise<{ result: BroadcastResult; message?: string }> {
    try {
      await this.provider.send("eth_sendRawTransaction", [rawTx]);
      return { result: "sent" };
    } catch (error) {
      const message = answeredError(error);
      if (message === undefined) throw unavailable("eth_sendRawTransaction", error);
      const lower = message.toLowerCase();
      if (lower.includes("known") || lower.includes("already")) return { result: "known", message };
      if (lower.includes("nonce") && (lower.includes("low") || lower.includes("used"))) return { result: "nonce_too_low", message };
      if (lower.includes("underpriced") || lower.includes("replacement")) return { result: "underpriced", message };
      return { result: "rejected", message };
    }
  }

  async receipt(hash: string): Promise<Receipt | undefined> {
    const receipt = await this.#send<{ status: string; blockNumber: string } | null>("eth_getTransactionReceipt", [hash]);
    if (receipt === null) return undefined;
    return { hash, status: Number(BigInt(receipt.status)), blockNumber: Number(BigInt(receipt.blockNumber)) };
  }

  /** The revert reason of a mined transaction, replayed with `eth_call` at its block. */
  async revertReason(tx: { from: string; data: string }, blockNumber: number): Promise<string> {
    try {
      await this.provider.send("eth_call", [{ from: tx.from, to: this.rollupAddress, data: tx.data }, toQuantity(blockNumber)]);
      return "no revert when replayed";
    } catch (error) {
      const data = revertData(error);
      return data === undefined ? (answeredError(error) ?? "unknown") : describeRevert(data);
    }
  }

  async rollupView(name: "totalBlocksCommitted" | "totalBlocksProven" | "totalBlocksExecuted"): Promise<number>;
  async rollupView(name: "storedBlockHashes", blockNumber: number): Promise<string>;
  async rollupView(name: string, ...args: unknown[]): Promise<number | string> {
    const data = rollupInterface.encodeFunctionData(name, args);
    const result = await this.#send<string>("eth_call", [{ to: this.rollupAddress, data }, "latest"]);
    const [value] = rollupInterface.decodeFunctionResult(name, result) as unknown as [bigint | string];
    return typeof value === "bigint" ? Number(value) : value;
  }

  destroy(): void {
    this.provider.destroy();
  }

  async #send<T>(method: string, params: unknown[]): Promise<T> {
    try {
      return (await this.provider.send(method, params)) as T;
    } catch (error) {
      throw unavailable(method, error);
    }
  }
}

function unavailable(method: string, error: unknown): EthSenderError {
  const message = (error as RpcFailure).shortMessage ?? (error as Error).message ?? String(error);
  return new EthSenderError("ETH_SENDER_L1_UNAVAILABLE", `L1 request ${method} failed: ${message}`, { cause: error });
}
