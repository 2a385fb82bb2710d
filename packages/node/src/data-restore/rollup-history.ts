/**
 * The rollup's block history as its L1 events tell it: which transaction committed each block (`BlockCommit`),
 * how far blocks were executed (`BlockVerification`), and the reverts (`BlocksRevert`), read in bounded windows of
 * L1 blocks. The same `eth_getLogs` request per window also brings what eth-watch stores (priority requests,
 * tokens, NFT factories, on-chain ChangePubKey authorizations), so a node started from the restored storage has its
 * priority queue, its tokens and its authorizations without rescanning.
 */
import { Interface, type Log } from "ethers";
import {
  FACT_AUTH_RESET_REQUESTED_TOPIC,
  FACT_AUTH_TOPIC,
  NEW_PRIORITY_REQUEST_TOPIC,
  NEW_TOKEN_TOPIC,
  NFT_FACTORY_REGISTERED_TOPIC,
  decodeLogs,
  type DecodedLogs,
} from "../eth-watch/l1-events.js";
import type { L1Reader } from "../eth-watch/l1-reader.js";

const blockEvents = new Interface([
  "event BlockCommit(uint32 indexed blockNumber)",
  "event BlockVerification(uint32 indexed blockNumber)",
  "event BlocksRevert(uint32 totalBlocksVerified, uint32 totalBlocksCommitted)",
]);
export const BLOCK_COMMIT_TOPIC = blockEvents.getEvent("BlockCommit")!.topicHash;
export const BLOCK_VERIFICATION_TOPIC = blockEvents.getEvent("BlockVerification")!.topicHash;
export const BLOCKS_REVERT_TOPIC = blockEvents.getEvent("BlocksRevert")!.topicHash;

export type BlockEvent =
  | { readonly kind: "commit"; readonly blockNumber: number; readonly txHash: string; readonly l1BlockNumber: number }
  | { readonly kind: "execute"; readonly blockNumber: number; readonly txHash: string }
  | { readonly kind: "revert"; readonly totalBlocksCommitted: number };

/** One window of L1 blocks `[fromBlock, toBlock]`: its block events in L1 order, and what eth-watch would store. */
export interface HistoryWindow {
  readonly fromBlock: number;
  readonly toBlock: number;
  readonly blockEvents: readonly BlockEvent[];
  readonly watched: DecodedLogs;
}

export interface HistoryRange {
  readonly rollup: string;
  readonly governance: string;
  readonly fromBlock: number;
  readonly toBlock: number;
  /** Most L1 blocks per `eth_getLogs` request. */
  readonly windowBlocks: number;
}

/** Reads `range` window by window, in order. */
export async function* rollupHistory(reader: L1Reader, range: HistoryRange): AsyncGenerator<HistoryWindow> {
  const rollupTopics = [BLOCK_COMMIT_TOPIC, BLOCK_VERIFICATION_TOPIC, BLOCKS_REVERT_TOPIC, NEW_PRIORITY_REQUEST_TOPIC, FACT_AUTH_TOPIC, FACT_AUTH_RESET_REQUESTED_TOPIC];
  for (let from = range.fromBlock; from <= range.toBlock; from += range.windowBlocks) {
    const to = Math.min(range.toBlock, from + range.windowBlocks - 1);
    const [rollupLogs, governanceLogs] = await Promise.all([
      reader.logs(from, to, [range.rollup], rollupTopics),
      reader.logs(from, to, [range.governance], [NEW_TOKEN_TOPIC, NFT_FACTORY_REGISTERED_TOPIC]),
    ]);
    yield {
      fromBlock: from,
      toBlock: to,
      blockEvents: decodeBlockEvents(rollupLogs, range.rollup),
      watched: decodeLogs([...rollupLogs, ...governanceLogs], range.rollup, range.governance),
    };
  }
}

function decodeBlockEvents(logs: readonly Log[], rollup: string): BlockEvent[] {
  const events: BlockEvent[] = [];
  const sorted = [...logs].filter((log) => !log.removed && log.address.toLowerCase() === rollup.toLowerCase()).sort((a, b) => a.blockNumber - b.blockNumber || a.index - b.index);
  for (const log of sorted) {
    const topic = log.topics[0];
    if (topic === BLOCK_COMMIT_TOPIC) {
      events.push({ kind: "commit", blockNumber: Number(BigInt(log.topics[1] as string)), txHash: log.transactionHash, l1BlockNumber: log.blockNumber });
    } else if (topic === BLOCK_VERIFICATION_TOPIC) {
      events.push({ kind: "execute", blockNumber: Number(BigInt(log.topics[1] as string)), txHash: log.transactionHash });
    } else if (topic === BLOCKS_REVERT_TOPIC) {
      const parsed = blockEvents.decodeEventLog("BlocksRevert", log.data, log.topics);
      events.push({ kind: "revert", totalBlocksCommitted: Number(parsed.getValue("totalBlocksCommitted")) });
    }
  }
  return events;
}
