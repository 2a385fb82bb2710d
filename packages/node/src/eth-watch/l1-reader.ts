/**
 * The few JSON-RPC reads eth-watch needs, over an ethers v6 `JsonRpcProvider` with a static network (no chain-id
 * probing, so a dead node costs one failed request per poll, not a retry loop) and a request timeout. Every failure
 * becomes `EthWatchError("ETH_WATCH_L1_UNAVAILABLE")`.
 */
import { FetchRequest, Interface, JsonRpcProvider, Network, toQuantity, type Log } from "ethers";

import { EthWatchError } from "./errors.js";

const rollupViews = new Interface([
  "function firstPriorityRequestId() view returns (uint64)",
  "function totalOpenPriorityRequests() view returns (uint64)",
  "function exodusMode() view returns (bool)",
]);

export interface L1ReaderOptions {
  readonly rpcUrl: string;
  readonly chainId: number;
  readonly requestTimeoutMs: number;
}

export class L1Reader {
  readonly provider: JsonRpcProvider;

  constructor(options: L1ReaderOptions) {
    const request = new FetchRequest(options.rpcUrl);
    request.timeout = options.requestTimeoutMs;
    this.provider = new JsonRpcProvider(request, undefined, {
      staticNetwork: Network.from(options.chainId),
      batchMaxCount: 1,
    });
  }

  /** `eth_blockNumber`. */
  async headBlockNumber(): Promise<number> {
    const result = await this.#send<string>("eth_blockNumber", []);
    return Number(BigInt(result));
  }

  /** Hash of the canonical block at `blockNumber`, or undefined when the chain is shorter. */
  async blockHash(blockNumber: number): Promise<string | undefined> {
    const block = await this.#send<{ hash: string } | null>("eth_getBlockByNumber", [toQuantity(blockNumber), false]);
    return block?.hash ?? undefined;
  }

  /** `eth_getLogs` over `[fromBlock, toBlock]` of `addresses`, any of `topics` as first topic. */
  async logs(fromBlock: number, toBlock: number, addresses: readonly string[], topics: readonly string[]): Promise<Log[]> {
    try {
      return await this.provider.getLogs({ fromBlock, toBlock, address: [...addresses], topics: [[...topics]] });
    } catch (error) {
      throw unavailable(`eth_getLogs [${fromBlock}, ${toBlock}]`, error);
    }
  }

  /** Priority requests ever queued by the rollup as of `blockNumber` (`firstPriorityRequestId + totalOpen…`). */
  async totalPriorityRequests(rollup: string, blockNumber: number): Promise<bigint> {
    const call = async (name: "firstPriorityRequestId" | "totalOpenPriorityRequests"): Promise<bigint> => {
      const data = rollupViews.encodeFunctionData(name, []);
      const result = await this.#send<string>("eth_call", [{ to: rollup, data }, toQuantity(blockNumber)]);
      try {
        return rollupViews.decodeFunctionResult(name, result)[0] as bigint;
      } catch (error) {
        throw unavailable(`${name}() of ${rollup} at block ${blockNumber} (no rollup there?)`, error);
      }
    };
    const [first, open] = await Promise.all([call("firstPriorityRequestId"), call("totalOpenPriorityRequests")]);
    return first + open;
  }

  /** Whether the rollup is in exodus mode as of `blockNumber`. */
  async exodusMode(rollup: string, blockNumber: number): Promise<boolean> {
    const result = await this.#send<string>("eth_call", [{ to: rollup, data: rollupViews.encodeFunctionData("exodusMode", []) }, toQuantity(blockNumber)]);
    try {
      return rollupViews.decodeFunctionResult("exodusMode", result)[0] as boolean;
    } catch (error) {
      throw unavailable(`exodusMode() of ${rollup} at block ${blockNumber} (no rollup there?)`, error);
    }
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

function unavailable(what: string, error: unknown): EthWatchError {
  const reason = error instanceof Error ? error.message : String(error);
  return new EthWatchError("ETH_WATCH_L1_UNAVAILABLE", `${what} failed: ${reason}`, { cause: error });
}
