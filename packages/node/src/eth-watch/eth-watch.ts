/**
 * EthWatch: follows the rollup's L1 contracts and feeds the node with priority operations (Deposit, FullExit),
 * listed tokens and NFT factories. See README.md for the data flow and the guarantees.
 */
import type { Logger } from "pino";
import type { Registry } from "prom-client";
import { isZkLiteError } from "@zklite/protocol";

import { Backoff } from "./backoff.js";
import { ethWatchConfigSchema, type EthWatchConfig, type EthWatchConfigInput } from "./config.js";
import { EthWatchError, SerialIdGapError } from "./errors.js";
import { L1Reader } from "./l1-reader.js";
import { FACT_AUTH_RESET_REQUESTED_TOPIC, FACT_AUTH_TOPIC, NEW_PRIORITY_REQUEST_TOPIC, NEW_TOKEN_TOPIC, NFT_FACTORY_REGISTERED_TOPIC, decodeLogs } from "./l1-events.js";
import { createEthWatchMetrics, type EthWatchMetrics } from "./metrics.js";
import type { EthWatchStore } from "./store.js";
import type { AuthFactEvent, ConfirmedPriorityOp, L1Cursor, ListedToken, RegisteredFactory, UnconfirmedPriorityOp } from "./types.js";

/** A reorg of the stored cursor block: its hash is no longer the canonical one (or the chain got shorter). */
export interface ReorgInfo {
  readonly blockNumber: number;
  readonly storedHash: string;
  /** Undefined when the chain is now shorter than the cursor. */
  readonly canonicalHash: string | undefined;
  /** First block re-read. */
  readonly rewindFrom: number;
}

/** Callbacks, run after the store has saved what they report. A throwing hook is logged and ignored. */
export interface EthWatchHooks {
  /** Newly confirmed priority ops, in serial-id order (e.g. to wake the state keeper). */
  onPriorityOps?(ops: readonly ConfirmedPriorityOp[]): void;
  /** The new unconfirmed set, after every successful poll. */
  onUnconfirmed?(ops: readonly UnconfirmedPriorityOp[]): void;
  onTokens?(tokens: readonly ListedToken[]): void;
  onNftFactories?(factories: readonly RegisteredFactory[]): void;
  /** On-chain ChangePubKey authorizations confirmed, in L1 order (after they are stored). */
  onAuthFacts?(facts: readonly AuthFactEvent[]): void;
  onReorg?(info: ReorgInfo): void;
  /** The rollup is in exodus mode as of the confirmed head (called once). */
  onExodusMode?(): void;
  /** A failed poll (the loop backs off and retries). */
  onError?(error: Error): void;
}

export interface EthWatchOptions {
  readonly config: EthWatchConfigInput;
  readonly store: EthWatchStore;
  readonly logger: Logger;
  /** Where eth-watch registers its metrics (names `zklite_eth_watch_*`, see metrics.ts). */
  readonly registry: Registry;
  readonly hooks?: EthWatchHooks;
}

/** What one poll saw and did. */
export interface PollResult {
  readonly head: number;
  /** head − confirmations. */
  readonly confirmedHead: number;
  /** The store's cursor after the poll. */
  readonly cursor: L1Cursor | undefined;
  /** Priority ops confirmed by this poll. */
  readonly confirmedOps: number;
  /** Size of the unconfirmed set after this poll. */
  readonly unconfirmedOps: number;
}

export class EthWatch {
  readonly config: EthWatchConfig;
  readonly #store: EthWatchStore;
  readonly #log: Logger;
  readonly #hooks: EthWatchHooks;
  #exodusReported = false;
  readonly #metrics: EthWatchMetrics;
  readonly #backoff: Backoff;
  #reader: L1Reader | undefined;
  /** Set after a detected reorg: the first block to re-read, until a window is saved. */
  #rewindFrom: number | undefined;
  /** Block at which the rollup's priority-request count was last found equal to the store's. */
  #countVerifiedAt: number | undefined;
  /** Serializes polls (the loop's and direct `pollOnce` calls). */
  #queue: Promise<unknown> = Promise.resolve();
  #loop: Promise<void> | undefined;
  #stopping = false;
  #wake: (() => void) | undefined;

  constructor(options: EthWatchOptions) {
    this.config = ethWatchConfigSchema.parse(options.config);
    this.#store = options.store;
    this.#log = options.logger.child({ component: "eth-watch" });
    this.#hooks = options.hooks ?? {};
    this.#metrics = createEthWatchMetrics(options.registry);
    this.#backoff = new Backoff(this.config.backoffInitialMs, this.config.backoffMaxMs);
  }

  /** Starts polling in the background (no-op if running). Errors never escape: they are logged and retried. */
  start(): void {
    if (this.#loop) return;
    this.#stopping = false;
    this.#log.info({ rpcUrl: this.config.rpcUrl, confirmations: this.config.confirmations }, "eth-watch started");
    this.#loop = this.#run();
  }

  /** Stops the loop, waits for the poll in flight, closes the L1 connection. */
  async stop(): Promise<void> {
    this.#stopping = true;
    this.#wake?.();
    await this.#loop;
    this.#loop = undefined;
    await this.#queue.catch(() => undefined);
    this.#reader?.destroy();
    this.#reader = undefined;
    this.#stopping = false;
  }

  /** One poll (serialized with the loop's): throws what made it fail, typed (`EthWatchError`) for L1 and data errors. */
  pollOnce(): Promise<PollResult> {
    const result = this.#queue.catch(() => undefined).then(() => this.#poll());
    this.#queue = result;
    return result;
  }

  async #run(): Promise<void> {
    while (!this.#stopping) {
      let delay: number;
      try {
        await this.pollOnce();
        if (this.#backoff.failures > 0) this.#log.info({ failures: this.#backoff.failures }, "eth-watch recovered");
        this.#backoff.reset();
        delay = this.config.pollIntervalMs;
      } catch (error) {
        delay = this.#backoff.next();
        this.#reportError(error, delay);
      }
      await this.#sleep(delay);
    }
  }

  #reportError(error: unknown, retryInMs: number): void {
    const code = isZkLiteError(error) ? error.code : "UNEXPECTED";
    this.#metrics.l1Errors.inc({ code });
    const err = error instanceof Error ? error : new Error(String(error));
    this.#log.warn({ code, err, retryInMs, failures: this.#backoff.failures }, `eth-watch poll failed: ${err.message}`);
    this.#callHook("onError", () => this.#hooks.onError?.(err));
  }

  #sleep(ms: number): Promise<void> {
    if (this.#stopping) return Promise.resolve();
    return new Promise((resolve) => {
      const timer = setTimeout(done, ms);
      function done(): void {
        clearTimeout(timer);
        resolve();
      }
      this.#wake = done;
    });
  }

  #callHook(name: keyof EthWatchHooks, call: () => void): void {
    try {
      call();
    } catch (err) {
      this.#log.error({ err, hook: name }, "eth-watch hook threw");
    }
  }

  async #poll(): Promise<PollResult> {
    const { confirmations, startBlock, maxBlockRange, rollupAddress, governanceAddress } = this.config;
    const l1 = (this.#reader ??= new L1Reader(this.config));
    const head = await l1.headBlockNumber();
    this.#metrics.lastSeenBlock.set(head);
    const confirmedHead = head - confirmations;

    let cursor = await this.#store.loadCursor();
    let from = this.#rewindFrom ?? (cursor ? cursor.blockNumber + 1 : startBlock);
    if (this.#rewindFrom === undefined && cursor) {
      const canonicalHash = cursor.blockNumber <= head ? await l1.blockHash(cursor.blockNumber) : undefined;
      if (canonicalHash !== cursor.blockHash) {
        const rewindFrom = Math.max(startBlock, cursor.blockNumber - this.config.reorgRewindBlocks);
        const info: ReorgInfo = { blockNumber: cursor.blockNumber, storedHash: cursor.blockHash, canonicalHash, rewindFrom };
        this.#log.warn(info, "L1 reorg of the last processed block: re-reading from an earlier block");
        this.#metrics.reorgs.inc();
        this.#callHook("onReorg", () => this.#hooks.onReorg?.(info));
        this.#rewindFrom = rewindFrom;
        from = rewindFrom;
      }
    }

    let expected = await this.#store.nextSerialId();
    let confirmedOps = 0;
    while (from <= confirmedHead) {
      if (this.#stopping) break;
      const to = Math.min(confirmedHead, from + maxBlockRange - 1);
      const toHash = await l1.blockHash(to);
      if (toHash === undefined) throw new EthWatchError("ETH_WATCH_CHAIN_CHANGED", `block ${to} disappeared while reading`);
      const logs = await l1.logs(from, to, [rollupAddress, governanceAddress], [
        NEW_PRIORITY_REQUEST_TOPIC,
        NEW_TOKEN_TOPIC,
        NFT_FACTORY_REGISTERED_TOPIC,
        FACT_AUTH_TOPIC,
        FACT_AUTH_RESET_REQUESTED_TOPIC,
      ]);
      if (logs.some((log) => log.blockNumber === to && log.blockHash !== toHash)) {
        throw new EthWatchError("ETH_WATCH_CHAIN_CHANGED", `block ${to} changed while reading [${from}, ${to}]`);
      }
      const decoded = decodeLogs(logs, rollupAddress, governanceAddress);

      const ops: ConfirmedPriorityOp[] = [];
      for (const event of decoded.priorityOps) {
        if (event.serialId < expected) {
          this.#log.debug({ serialId: event.serialId.toString() }, "priority op already stored: ignored");
          continue;
        }
        if (event.serialId > expected) {
          throw new SerialIdGapError(expected, event.serialId, `block ${event.l1BlockNumber}, window [${from}, ${to}]`);
        }
        ops.push(event);
        expected += 1n;
      }
      if (to === confirmedHead) await this.#checkCountOnL1(l1, to, expected);

      await this.#store.saveConfirmed({
        priorityOps: ops,
        tokens: decoded.tokens,
        nftFactories: decoded.nftFactories,
        authFacts: decoded.authFacts,
        cursor: { blockNumber: to, blockHash: toHash },
      });
      this.#rewindFrom = undefined;
      cursor = { blockNumber: to, blockHash: toHash };
      this.#metrics.lastConfirmedBlock.set(to);
      confirmedOps += ops.length;
      if (ops.length > 0) {
        this.#metrics.confirmedOps.inc(ops.length);
        this.#log.info(
          { from, to, serialIds: [ops[0]!.serialId.toString(), ops[ops.length - 1]!.serialId.toString()] },
          `${ops.length} priority op(s) confirmed`,
        );
        this.#callHook("onPriorityOps", () => this.#hooks.onPriorityOps?.(ops));
      }
      if (decoded.tokens.length > 0) this.#callHook("onTokens", () => this.#hooks.onTokens?.(decoded.tokens));
      if (decoded.nftFactories.length > 0) {
        this.#callHook("onNftFactories", () => this.#hooks.onNftFactories?.(decoded.nftFactories));
      }
      if (decoded.authFacts.length > 0) this.#callHook("onAuthFacts", () => this.#hooks.onAuthFacts?.(decoded.authFacts));
      from = to + 1;
    }

    // caught up without reading (e.g. at start): the store must still agree with the rollup's counter at the cursor
    if (!this.#stopping && cursor && cursor.blockNumber <= confirmedHead && this.#countVerifiedAt !== cursor.blockNumber) {
      await this.#checkCountOnL1(l1, cursor.blockNumber, expected);
    }

    if (!this.#stopping && !this.#exodusReported && confirmedHead >= startBlock && (await l1.exodusMode(rollupAddress, confirmedHead))) {
      this.#exodusReported = true;
      this.#log.warn({ l1Block: confirmedHead }, "the rollup is in exodus mode on L1");
      this.#callHook("onExodusMode", () => this.#hooks.onExodusMode?.());
    }

    let unconfirmedCount = 0;
    if (!this.#stopping) {
      const unconfirmed = await this.#readUnconfirmed(l1, Math.max(confirmedHead + 1, startBlock), head, expected);
      await this.#store.replaceUnconfirmed(unconfirmed);
      unconfirmedCount = unconfirmed.length;
      this.#metrics.unconfirmedOps.set(unconfirmedCount);
      this.#callHook("onUnconfirmed", () => this.#hooks.onUnconfirmed?.(unconfirmed));
    }
    return { head, confirmedHead, cursor, confirmedOps, unconfirmedOps: unconfirmedCount };
  }

  /** After the last window: the contract must have queued exactly `expected` requests up to `blockNumber`. */
  async #checkCountOnL1(l1: L1Reader, blockNumber: number, expected: bigint): Promise<void> {
    const onL1 = await l1.totalPriorityRequests(this.config.rollupAddress, blockNumber);
    if (onL1 > expected) {
      throw new SerialIdGapError(expected, onL1 - 1n, `the rollup has ${onL1} priority requests up to block ${blockNumber}`);
    }
    if (onL1 < expected) {
      throw new EthWatchError(
        "ETH_WATCH_STORE_AHEAD_OF_L1",
        `the store expects priority op ${expected} next but the rollup has only ${onL1} up to block ${blockNumber}`,
      );
    }
    this.#countVerifiedAt = blockNumber;
  }

  async #readUnconfirmed(l1: L1Reader, from: number, head: number, nextSerialId: bigint): Promise<UnconfirmedPriorityOp[]> {
    const ops: UnconfirmedPriorityOp[] = [];
    for (let start = from; start <= head; start += this.config.maxBlockRange) {
      const end = Math.min(head, start + this.config.maxBlockRange - 1);
      const logs = await l1.logs(start, end, [this.config.rollupAddress], [NEW_PRIORITY_REQUEST_TOPIC]);
      const decoded = decodeLogs(logs, this.config.rollupAddress, this.config.governanceAddress);
      ops.push(...decoded.priorityOps.filter((op) => op.serialId >= nextSerialId));
    }
    return ops;
  }
}
