import { ZkLiteError } from "@zklite/crypto-wasm";
import {
  MIN_NFT_TOKEN_ID,
  type ChangePubKey,
  type Deposit,
  type ForcedExit,
  type FullExit,
  type MintNFT,
  type Operation,
  type Order,
  type Swap,
  type Transfer,
  type Tx,
  type Withdraw,
  type WithdrawNFT,
} from "@zklite/protocol";
import { OnchainAuthFactStore, RollupState, type BlockBuilder, type SealedBlock } from "@zklite/state";
import type { BlockCircuitParameters } from "../block/block-circuit-parameters.js";
import type { BlockWitnessRequest } from "../block/block-witness.js";
import type { BlockOperation } from "../block/operation-plans.js";
import { signOrder, signTx, testKey, type TestKey } from "./zk-keys.js";

const TOKENS = [0, 1, 2] as const;
const ALWAYS = { validFrom: 0, validUntil: 2 ** 32 - 1 };
const FEE_ACCOUNT_ADDRESS = `0x${"fe".repeat(20)}`;

export type OperationKind =
  | "deposit"
  | "transfer"
  | "withdraw"
  | "changePubKey"
  | "forcedExit"
  | "fullExit"
  | "mintNFT"
  | "withdrawNFT"
  | "swap"
  | "batch";

export const OPERATION_KINDS: readonly OperationKind[] = [
  "deposit",
  "transfer",
  "withdraw",
  "changePubKey",
  "forcedExit",
  "fullExit",
  "mintNFT",
  "withdrawNFT",
  "swap",
  "batch",
];

export interface ScenarioBlock {
  /** The witness request (the state is back at the block's start while it is used). */
  readonly request: BlockWitnessRequest;
  /** Kinds of the transactions and priority operations the block holds. */
  readonly kinds: readonly OperationKind[];
  /** Executes the block for real and seals it (after the witness was built). */
  commit(): SealedBlock;
}

/**
 * Random valid blocks for the block circuit's tests: a RollupState with real zkSync keys, filled with
 * random operations of every kind (invalid random picks are simply refused by the executor and skipped).
 */
export class BlockScenario {
  readonly state: RollupState;
  /** L1's on-chain authorizations: each ChangePubKey's owner sets its fact first (ethAuthData Onchain). */
  private readonly authFacts = new OnchainAuthFactStore();
  private readonly keys = new Map<number, TestKey>();
  private readonly next: () => number;
  private blockNumber = 1;
  private timestamp = 1_700_000_000;

  constructor(
    private readonly parameters: BlockCircuitParameters,
    seed: number,
  ) {
    this.next = mulberry32(seed);
    this.state = RollupState.genesis({
      accountTreeDepth: parameters.accountDepth,
      balanceTreeDepth: parameters.balanceDepth,
      feeAccountAddress: FEE_ACCOUNT_ADDRESS,
      onchainAuthFacts: this.authFacts,
    });
  }

  keyOf(accountId: number): TestKey | undefined {
    return this.keys.get(accountId);
  }

  /** A block of random operations, preferring `kinds` when given. */
  randomBlock(kinds: readonly OperationKind[] = OPERATION_KINDS): ScenarioBlock {
    const parameters = {
      blockNumber: this.blockNumber,
      feeAccountId: 0,
      timestamp: this.timestamp,
      blockChunkSizes: [this.parameters.chunks],
      maxFeeTokens: this.parameters.feeSlots,
      maxExtendedTouches: this.parameters.extendedLanes,
    };
    const applied: ((block: BlockBuilder) => Operation[])[] = [];
    const appliedKinds: OperationKind[] = [];
    const txOf = new Map<Operation, Tx>();
    const pendingKeys = new Map<number, TestKey>();
    const block = this.state.openBlock(parameters);
    for (let attempt = 0; attempt < 60 && block.remainingChunks > 0; attempt++) {
      const kind = this.pick(kinds);
      const action = this.action(kind, pendingKeys);
      if (action === undefined) continue;
      try {
        const ops = action.apply(block);
        ops.forEach((op, i) => {
          const tx = action.txs[i];
          if (tx !== undefined) txOf.set(op, tx);
        });
        applied.push(action.apply);
        appliedKinds.push(kind);
        for (const [id, key] of action.newKeys ?? []) pendingKeys.set(id, key);
      } catch (error) {
        if (!(error instanceof ZkLiteError)) throw error;
      }
    }
    const operations = block.operations.map((op) => ({ op, tx: txOf.get(op) }));
    block.abandon();
    const request: BlockWitnessRequest = { blockNumber: parameters.blockNumber, feeAccountId: 0, timestamp: parameters.timestamp, operations };
    return {
      request,
      kinds: appliedKinds,
      commit: () => {
        const again = this.state.openBlock(parameters);
        for (const apply of applied) apply(again);
        const sealed = again.seal();
        for (const [id, key] of pendingKeys) this.keys.set(id, key);
        this.blockNumber += 1;
        this.timestamp += 60;
        return sealed;
      },
    };
  }

  /** A signed Transfer (to an existing account, so 2 chunks) that is valid as the next operation. */
  transferEntry(): BlockOperation {
    const tree = this.state.tree;
    const keyed = [...this.keys.keys()].filter((id) => tree.account(id) !== undefined);
    for (let attempt = 0; attempt < 100; attempt++) {
      const tx = this.transfer(keyed);
      const toId = tx === undefined ? undefined : tree.accountIdByAddress(tx.to);
      if (tx === undefined || toId === undefined || toId === this.storageId()) continue;
      return { op: { type: "Transfer", fromId: tx.accountId, token: tx.token, toId, amount: tx.amount, fee: tx.fee }, tx };
    }
    throw new Error("no keyed, funded account can make a transfer");
  }

  private action(
    kind: OperationKind,
    pendingKeys: Map<number, TestKey>,
  ): { apply: (block: BlockBuilder) => Operation[]; txs: (Tx | undefined)[]; newKeys?: [number, TestKey][] } | undefined {
    const tree = this.state.tree;
    const keyed = [...this.keys.keys()].filter((id) => !pendingKeys.has(id) && tree.account(id) !== undefined);
    const single = (tx: Tx | undefined, apply: (block: BlockBuilder) => Operation) => ({ apply: (block: BlockBuilder) => [apply(block)], txs: [tx] });
    switch (kind) {
      case "deposit": {
        const deposit: Deposit = { type: "Deposit", from: this.someAddress(), to: this.someAddress(), token: this.pick(TOKENS), amount: this.amount(10n ** 15n) };
        return single(undefined, (block) => block.applyPriorityOp(deposit));
      }
      case "transfer": {
        const tx = this.transfer(keyed);
        return tx === undefined ? undefined : single(tx, (block) => block.applyTx(tx));
      }
      case "batch": {
        const first = this.transfer(keyed);
        const second = this.transfer(keyed.filter((id) => id !== first?.accountId));
        if (first === undefined || second === undefined) return undefined;
        return { apply: (block) => block.applyBatch([first, second]), txs: [first, second] };
      }
      case "withdraw": {
        const from = this.funded(keyed);
        if (from === undefined) return undefined;
        const fee = this.fee(from.balance / 4n);
        const tx: Withdraw = {
          type: "Withdraw",
          accountId: from.id,
          from: this.addressOf(from.id),
          to: this.someAddress(),
          token: from.token,
          amount: this.amount(from.balance - fee),
          fee,
          nonce: this.nonceOf(from.id),
          ...this.validity(),
        };
        const signed = signTx(this.requireKey(from.id), tx);
        return single(signed, (block) => block.applyTx(signed));
      }
      case "changePubKey": {
        const ids = [...tree.accountIds()].filter((id) => id !== 0 && id !== this.storageId() && !pendingKeys.has(id));
        if (ids.length === 0) return undefined;
        const id = this.pick(ids);
        const key = testKey(this.bytes(32));
        const balance = tree.balance(id, 0);
        const tx: ChangePubKey = {
          type: "ChangePubKey",
          accountId: id,
          account: this.addressOf(id),
          newPkHash: key.pubKeyHash,
          feeToken: 0,
          fee: this.fee(balance / 4n),
          nonce: this.nonceOf(id),
          ...this.validity(),
          ethAuthData: { type: "Onchain" },
        };
        this.authFacts.recordFact(tx.account, tx.nonce, tx.newPkHash);
        const signed = signTx(key, tx);
        return { ...single(signed, (block) => block.applyTx(signed)), newKeys: [[id, key]] };
      }
      case "forcedExit": {
        const initiator = this.funded(keyed);
        const targets = [...tree.accountIds()].filter((id) => id !== this.storageId() && tree.account(id)?.pubKeyHash === `sync:${"0".repeat(40)}`);
        if (initiator === undefined || targets.length === 0 || initiator.token > 1023) return undefined;
        const tx: ForcedExit = {
          type: "ForcedExit",
          initiatorAccountId: initiator.id,
          target: this.addressOf(this.pick(targets)),
          token: initiator.token,
          fee: this.fee(initiator.balance),
          nonce: this.nonceOf(initiator.id),
          ...this.validity(),
        };
        const signed = signTx(this.requireKey(initiator.id), tx);
        return single(signed, (block) => block.applyTx(signed));
      }
      case "fullExit": {
        const accountId = Math.floor(this.next() * 2 ** this.parameters.accountDepth);
        const owner = tree.account(accountId)?.address;
        const nfts = this.nftsOf(accountId);
        const token = nfts.length > 0 && this.next() < 0.6 ? this.pick(nfts) : this.pick(TOKENS);
        const op: FullExit = { type: "FullExit", accountId, ethAddress: owner !== undefined && this.next() < 0.8 ? owner : this.someAddress(), token };
        return single(undefined, (block) => block.applyPriorityOp(op));
      }
      case "mintNFT": {
        const creator = this.funded(keyed, 0);
        if (creator === undefined) return undefined;
        const recipients = this.next() < 0.6 && keyed.length > 0 ? keyed : [...tree.accountIds()].filter((id) => id !== this.storageId());
        const tx: MintNFT = {
          type: "MintNFT",
          creatorId: creator.id,
          creatorAddress: this.addressOf(creator.id),
          contentHash: `0x${[...this.bytes(32)].map((b) => b.toString(16).padStart(2, "0")).join("")}`,
          recipient: this.addressOf(this.pick(recipients)),
          fee: this.fee(creator.balance),
          feeToken: 0,
          nonce: this.nonceOf(creator.id),
        };
        const signed = signTx(this.requireKey(creator.id), tx);
        return single(signed, (block) => block.applyTx(signed));
      }
      case "withdrawNFT": {
        const owners = keyed.filter((id) => this.nftsOf(id).length > 0);
        if (owners.length === 0) return undefined;
        const id = this.pick(owners);
        const tx: WithdrawNFT = {
          type: "WithdrawNFT",
          accountId: id,
          from: this.addressOf(id),
          to: this.someAddress(),
          token: this.pick(this.nftsOf(id)),
          feeToken: 0,
          fee: this.fee(tree.balance(id, 0)),
          nonce: this.nonceOf(id),
          ...this.validity(),
        };
        const signed = signTx(this.requireKey(id), tx);
        return single(signed, (block) => block.applyTx(signed));
      }
      case "swap":
        return this.swap(keyed);
    }
  }

  private transfer(keyed: number[]): Transfer | undefined {
    const from = this.funded(keyed);
    if (from === undefined) return undefined;
    const isNft = from.token >= MIN_NFT_TOKEN_ID;
    const fee = isNft ? 0n : this.fee(from.balance / 4n);
    const tx: Transfer = {
      type: "Transfer",
      accountId: from.id,
      from: this.addressOf(from.id),
      to: this.someAddress(),
      token: from.token,
      amount: isNft ? 1n : this.packableAmount(from.balance - fee),
      fee,
      nonce: this.nonceOf(from.id),
      ...this.validity(),
    };
    return signTx(this.requireKey(from.id), tx);
  }

  private swap(keyed: number[]): { apply: (block: BlockBuilder) => Operation[]; txs: (Tx | undefined)[] } | undefined {
    const makerA = this.funded(keyed, undefined, true);
    const makerB = this.funded(keyed.filter((id) => id !== makerA?.id), undefined, true);
    if (makerA === undefined || makerB === undefined || makerA.token === makerB.token) return undefined;
    const submitter = this.funded(keyed, 0) ?? { id: makerA.id, token: 0, balance: 0n };
    const amountA = this.packableAmount(makerA.balance / 2n);
    const amountB = this.packableAmount(makerB.balance / 2n);
    const recipients = [...this.state.tree.accountIds()].filter((id) => id !== this.storageId());
    const order = (maker: { id: number; token: number }, buy: number, sell: bigint, get: bigint, validity: { validFrom: number; validUntil: number }): Order =>
      signOrder(this.requireKey(maker.id), {
        accountId: maker.id,
        recipient: this.addressOf(this.pick(recipients)),
        nonce: this.nonceOf(maker.id),
        tokenSell: maker.token,
        tokenBuy: buy,
        // a price the fill meets exactly or beats
        ratio: [sell + BigInt(Math.floor(this.next() * 3)), get],
        amount: this.next() < 0.5 ? 0n : sell,
        ...validity,
      });
    const tx: Swap = {
      type: "Swap",
      submitterId: submitter.id,
      submitterAddress: this.addressOf(submitter.id),
      nonce: this.nonceOf(submitter.id),
      orders: [order(makerA, makerB.token, amountA, amountB, this.validity()), order(makerB, makerA.token, amountB, amountA, this.validity())],
      amounts: [amountA, amountB],
      fee: this.fee(submitter.balance / 4n),
      feeToken: 0,
    };
    const signed = signTx(this.requireKey(submitter.id), tx);
    return { apply: (block) => [block.applyTx(signed)], txs: [signed] };
  }

  /** A keyed account with a non-zero balance (of `token` when given, fungible only when asked). */
  private funded(ids: number[], token?: number, fungibleOnly = false): { id: number; token: number; balance: bigint } | undefined {
    const candidates: { id: number; token: number; balance: bigint }[] = [];
    for (const id of ids) {
      for (const [held, balance] of this.state.tree.balances(id)) {
        if (balance === 0n || (token !== undefined && held !== token) || (fungibleOnly && held >= MIN_NFT_TOKEN_ID)) continue;
        if (held === 2 ** 31 - 2) continue;
        candidates.push({ id, token: held, balance });
      }
    }
    return candidates.length === 0 ? undefined : this.pick(candidates);
  }

  private nftsOf(accountId: number): number[] {
    if (this.state.tree.account(accountId) === undefined) return [];
    return [...this.state.tree.balances(accountId)].filter(([token, balance]) => token >= MIN_NFT_TOKEN_ID && token < 2 ** 31 - 2 && balance === 1n).map(([token]) => token);
  }

  private validity(): { validFrom: number; validUntil: number } {
    if (this.next() < 0.7) return ALWAYS;
    return { validFrom: this.timestamp - Math.floor(this.next() * 100), validUntil: this.timestamp + Math.floor(this.next() * 100) };
  }

  /** An existing account's address, or a fresh one while the tree has room. */
  private someAddress(): string {
    const ids = [...this.state.tree.accountIds()].filter((id) => id !== this.storageId());
    const room = ids.length < 2 ** this.parameters.accountDepth - 4;
    if (room && this.next() < (ids.length < 6 ? 0.8 : 0.3)) {
      return `0x${[...this.bytes(20)].map((b) => b.toString(16).padStart(2, "0")).join("")}`;
    }
    return this.addressOf(this.pick(ids));
  }

  private addressOf(id: number): string {
    const account = this.state.tree.account(id);
    if (account === undefined) throw new Error(`account ${id} does not exist`);
    return account.address;
  }

  private nonceOf(id: number): number {
    return this.state.tree.account(id)?.nonce ?? 0;
  }

  private requireKey(id: number): TestKey {
    const key = this.keys.get(id);
    if (key === undefined) throw new Error(`account ${id} has no key`);
    return key;
  }

  private storageId(): number {
    return 2 ** this.parameters.accountDepth - 1;
  }

  private amount(max: bigint): bigint {
    if (max <= 0n) return 0n;
    return (BigInt(Math.floor(this.next() * 2 ** 48)) % max) + 1n;
  }

  /** Amounts below 2^35 are packable exactly. */
  private packableAmount(max: bigint): bigint {
    return this.amount(max < 2n ** 34n ? max : 2n ** 34n);
  }

  /** Fees below 2^11 are packable exactly; sometimes 0. */
  private fee(max: bigint): bigint {
    if (this.next() < 0.2 || max <= 0n) return 0n;
    return this.amount(max < 2047n ? max : 2047n);
  }

  private bytes(length: number): Uint8Array {
    return Uint8Array.from({ length }, () => Math.floor(this.next() * 256));
  }

  private pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)] as T;
  }
}

function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
