/**
 * The L1 events eth-watch reads, as ABI fragments of their own (the node does not load contract artifacts at run
 * time; `l1-events.test.ts` checks these topics against the compiled contracts), and their decoding from raw logs.
 */
import { Interface, getBytes, type Log } from "ethers";

import { decodePriorityOp } from "./priority-op-decoder.js";
import { EthWatchError } from "./errors.js";
import type { AuthFactEvent, ListedToken, PriorityOpEvent, RegisteredFactory } from "./types.js";

/** Rollup (`Events.sol`): the priority queue and the on-chain ChangePubKey authorizations (`setAuthPubkeyHash`). */
export const rollupEventsInterface = new Interface([
  "event NewPriorityRequest(address sender, uint64 serialId, uint8 opType, bytes pubData, uint256 expirationBlock)",
  "event FactAuth(address indexed sender, uint32 nonce, bytes fact)",
  "event FactAuthResetRequested(address indexed sender, uint32 nonce, uint256 availableAt)",
]);

/** Governance (`Governance.sol`): token listing and NFT-factory registration. */
export const governanceEventsInterface = new Interface([
  "event NewToken(address indexed token, uint16 indexed tokenId)",
  "event NFTFactoryRegisteredCreator(uint32 indexed creatorAccountId, address indexed creatorAddress, address factoryAddress)",
]);

export const NEW_PRIORITY_REQUEST_TOPIC = rollupEventsInterface.getEvent("NewPriorityRequest")!.topicHash;
export const FACT_AUTH_TOPIC = rollupEventsInterface.getEvent("FactAuth")!.topicHash;
export const FACT_AUTH_RESET_REQUESTED_TOPIC = rollupEventsInterface.getEvent("FactAuthResetRequested")!.topicHash;
export const NEW_TOKEN_TOPIC = governanceEventsInterface.getEvent("NewToken")!.topicHash;
export const NFT_FACTORY_REGISTERED_TOPIC = governanceEventsInterface.getEvent("NFTFactoryRegisteredCreator")!.topicHash;

/** What one range of logs holds, each list in L1 order. */
export interface DecodedLogs {
  readonly priorityOps: PriorityOpEvent[];
  readonly tokens: ListedToken[];
  readonly nftFactories: RegisteredFactory[];
  readonly authFacts: AuthFactEvent[];
}

/**
 * Sorts logs by (block, log index), keeps those of `rollup` / `governance` with a known topic, decodes them.
 * Removed logs (`removed: true`) are skipped. Throws `ETH_WATCH_INVALID_EVENT` for a malformed log.
 */
export function decodeLogs(logs: readonly Log[], rollup: string, governance: string): DecodedLogs {
  const out: DecodedLogs = { priorityOps: [], tokens: [], nftFactories: [], authFacts: [] };
  const rollupAddress = rollup.toLowerCase();
  const governanceAddress = governance.toLowerCase();
  const sorted = [...logs].sort((a, b) => a.blockNumber - b.blockNumber || a.index - b.index);
  for (const log of sorted) {
    if (log.removed) continue;
    const address = log.address.toLowerCase();
    const topic = log.topics[0];
    const where = `log ${log.index} of block ${log.blockNumber} (tx ${log.transactionHash})`;
    try {
      if (address === rollupAddress && topic === NEW_PRIORITY_REQUEST_TOPIC) {
        const parsed = rollupEventsInterface.decodeEventLog("NewPriorityRequest", log.data, log.topics);
        out.priorityOps.push({
          serialId: BigInt(parsed.getValue("serialId") as bigint),
          op: decodePriorityOp(Number(parsed.getValue("opType")), getBytes(parsed.getValue("pubData") as string), parsed.getValue("sender") as string),
          l1TxHash: log.transactionHash,
          l1BlockNumber: log.blockNumber,
          l1BlockHash: log.blockHash,
          logIndex: log.index,
          expirationBlock: Number(parsed.getValue("expirationBlock") as bigint),
        });
      } else if (address === rollupAddress && (topic === FACT_AUTH_TOPIC || topic === FACT_AUTH_RESET_REQUESTED_TOPIC)) {
        const reset = topic === FACT_AUTH_RESET_REQUESTED_TOPIC;
        const parsed = rollupEventsInterface.decodeEventLog(reset ? "FactAuthResetRequested" : "FactAuth", log.data, log.topics);
        const fact = reset ? undefined : getBytes(parsed.getValue("fact") as string);
        if (fact !== undefined && fact.length !== 20) throw new EthWatchError("ETH_WATCH_INVALID_EVENT", `FactAuth carries ${fact.length} bytes, not a 20-byte PubKeyHash`);
        out.authFacts.push({
          owner: (parsed.getValue("sender") as string).toLowerCase(),
          nonce: Number(parsed.getValue("nonce") as bigint),
          ...(fact === undefined ? { kind: "reset" as const } : { kind: "fact" as const, pubKeyHash: `sync:${Buffer.from(fact).toString("hex")}` }),
          l1BlockNumber: log.blockNumber,
          l1TxHash: log.transactionHash,
          logIndex: log.index,
        });
      } else if (address === governanceAddress && topic === NEW_TOKEN_TOPIC) {
        const parsed = governanceEventsInterface.decodeEventLog("NewToken", log.data, log.topics);
        out.tokens.push({
          tokenId: Number(parsed.getValue("tokenId") as bigint),
          address: (parsed.getValue("token") as string).toLowerCase(),
          l1BlockNumber: log.blockNumber,
          l1TxHash: log.transactionHash,
          logIndex: log.index,
        });
      } else if (address === governanceAddress && topic === NFT_FACTORY_REGISTERED_TOPIC) {
        const parsed = governanceEventsInterface.decodeEventLog("NFTFactoryRegisteredCreator", log.data, log.topics);
        out.nftFactories.push({
          creatorAccountId: Number(parsed.getValue("creatorAccountId") as bigint),
          creatorAddress: (parsed.getValue("creatorAddress") as string).toLowerCase(),
          factoryAddress: (parsed.getValue("factoryAddress") as string).toLowerCase(),
          l1BlockNumber: log.blockNumber,
          l1TxHash: log.transactionHash,
          logIndex: log.index,
        });
      }
    } catch (error) {
      if (error instanceof EthWatchError) throw new EthWatchError(error.code, `${error.message} at ${where}`, { cause: error });
      throw new EthWatchError("ETH_WATCH_INVALID_EVENT", `cannot decode ${where}: ${String(error)}`, { cause: error });
    }
  }
  return out;
}
