/** An `EthWatchStore` in memory, for tests and tools; keeps the same contract as the database store. */
import { EthWatchError } from "./errors.js";
import type { EthWatchStore } from "./store.js";
import type {
  AuthFactEvent,
  ConfirmedBatch,
  ConfirmedPriorityOp,
  L1Cursor,
  ListedToken,
  RegisteredFactory,
  UnconfirmedPriorityOp,
} from "./types.js";

export interface InMemoryEthWatchStoreInit {
  readonly cursor?: L1Cursor;
  /** Pretend this many priority ops are already stored (their contents unknown). Default 0. */
  readonly nextSerialId?: bigint;
}

export class InMemoryEthWatchStore implements EthWatchStore {
  #cursor: L1Cursor | undefined;
  #firstSerialId: bigint;
  readonly #priorityOps: ConfirmedPriorityOp[] = [];
  readonly #tokens = new Map<number, ListedToken>();
  readonly #factories = new Map<string, RegisteredFactory>();
  #unconfirmed: readonly UnconfirmedPriorityOp[] = [];
  readonly #authFacts: AuthFactEvent[] = [];
  /** Every batch saved, in order (for tests that look at how the work was split). */
  readonly savedBatches: ConfirmedBatch[] = [];

  constructor(init: InMemoryEthWatchStoreInit = {}) {
    this.#cursor = init.cursor;
    this.#firstSerialId = init.nextSerialId ?? 0n;
  }

  async loadCursor(): Promise<L1Cursor | undefined> {
    return this.#cursor;
  }

  async nextSerialId(): Promise<bigint> {
    return this.#firstSerialId + BigInt(this.#priorityOps.length);
  }

  async saveConfirmed(batch: ConfirmedBatch): Promise<void> {
    let expected = await this.nextSerialId();
    for (const op of batch.priorityOps) {
      if (op.serialId !== expected) {
        throw new EthWatchError(
          "ETH_WATCH_NON_CONTIGUOUS_APPEND",
          `cannot append priority op ${op.serialId}: the store's next serial id is ${expected}`,
        );
      }
      expected += 1n;
    }
    // validated above, so the writes below cannot fail half-way
    this.#priorityOps.push(...batch.priorityOps);
    for (const token of batch.tokens) this.#tokens.set(token.tokenId, token);
    for (const factory of batch.nftFactories) this.#factories.set(factoryKey(factory), factory);
    this.#authFacts.push(...batch.authFacts);
    this.#cursor = batch.cursor;
    this.savedBatches.push(batch);
  }

  async replaceUnconfirmed(ops: readonly UnconfirmedPriorityOp[]): Promise<void> {
    this.#unconfirmed = [...ops];
  }

  /** Confirmed priority ops, in serial-id order. */
  get priorityOps(): readonly ConfirmedPriorityOp[] {
    return this.#priorityOps;
  }

  get unconfirmed(): readonly UnconfirmedPriorityOp[] {
    return this.#unconfirmed;
  }

  /** Listed tokens by token id. */
  get tokens(): ReadonlyMap<number, ListedToken> {
    return this.#tokens;
  }

  get nftFactories(): readonly RegisteredFactory[] {
    return [...this.#factories.values()];
  }

  /** On-chain authorization events, in L1 order. */
  get authFacts(): readonly AuthFactEvent[] {
    return this.#authFacts;
  }

  get cursor(): L1Cursor | undefined {
    return this.#cursor;
  }
}

function factoryKey(factory: RegisteredFactory): string {
  return `${factory.creatorAccountId}:${factory.creatorAddress}`;
}
