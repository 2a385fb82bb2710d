import fc from "fast-check";
import type { Operation, PriorityOp, Tx } from "@zklite/protocol";
import type { BlockBuilder } from "../src/executor/block-builder.js";
import type { RollupState } from "../src/executor/rollup-state.js";
import { address, changePubKey, mintNFT, order, pubKeyHash, signedBy, swap, transfer, withdraw, withdrawNFT } from "./fixtures.js";

/**
 * Random operation sequences for property tests, on a `fundedState(KEYED, …, TOKENS)`: every operation type
 * (deposits, transfers to old and new accounts, withdrawals, forced and full exits, ChangePubKey, NFT mints,
 * transfers and withdrawals, swaps, batches) and block seals. Most steps are valid; some are bound to fail
 * (wrong nonce, too large amount, missing NFT, unknown account).
 */

export const KEYED = 4; // accounts 1..4 have keys; addresses 20.. are fresh or keyless
export const TOKENS = [0, 1] as const;
export const NFT = 65536;

export type Step =
  | { kind: "deposit"; to: number; token: number; amount: bigint }
  | { kind: "transfer"; from: number; to: number; token: number; amount: bigint; fee: bigint; nonceSkew: number }
  | { kind: "withdraw"; from: number; token: number; amount: bigint; fee: bigint; nonceSkew: number }
  | { kind: "forcedExit"; from: number; target: number; token: number }
  | { kind: "fullExit"; account: number; token: number; wrongOwner: boolean }
  | { kind: "changePubKey"; account: number; key: number }
  | { kind: "mint"; creator: number; recipient: number }
  | { kind: "nftTransfer"; from: number; to: number; nft: number }
  | { kind: "withdrawNFT"; from: number; nft: number }
  | { kind: "swap"; submitter: number; makers: [number, number]; amount: bigint }
  | { kind: "batch"; txs: { from: number; to: number; token: number; amount: bigint }[] }
  | { kind: "seal" };

const keyed = fc.integer({ min: 1, max: KEYED });
const anyAddress = fc.oneof(keyed, fc.integer({ min: 20, max: 26 }));
const token = fc.constantFrom(...TOKENS);
const nft = fc.constantFrom(NFT, NFT + 1, NFT + 2);
const amount = fc.oneof(fc.bigInt({ min: 0n, max: 3000n }), fc.constant(10n ** 6n));
const fee = fc.constantFrom(0n, 1n, 5n);
const skew = fc.oneof({ weight: 6, arbitrary: fc.constant(0) }, { weight: 1, arbitrary: fc.constantFrom(-1, 1) });

export const stepArb: fc.Arbitrary<Step> = fc.oneof(
  fc.record({ kind: fc.constant("deposit" as const), to: anyAddress, token, amount }),
  fc.record({ kind: fc.constant("transfer" as const), from: keyed, to: anyAddress, token, amount, fee, nonceSkew: skew }),
  fc.record({ kind: fc.constant("withdraw" as const), from: keyed, token, amount, fee, nonceSkew: skew }),
  fc.record({ kind: fc.constant("forcedExit" as const), from: keyed, target: anyAddress, token }),
  fc.record({ kind: fc.constant("fullExit" as const), account: fc.integer({ min: 0, max: 12 }), token: fc.constantFrom(...TOKENS, NFT, NFT + 1), wrongOwner: fc.boolean() }),
  // a fresh account (address 20..26) takes the key of that address: it can sign from then on
  fc.record({ kind: fc.constant("changePubKey" as const), account: fc.integer({ min: 20, max: 26 }), key: fc.integer({ min: 20, max: 26 }) }),
  // NFTs live in the extended balance trees (ids ≥ 1024), their counters at 2^31 − 2
  fc.record({ kind: fc.constant("mint" as const), creator: keyed, recipient: anyAddress }),
  fc.record({ kind: fc.constant("nftTransfer" as const), from: keyed, to: anyAddress, nft }),
  fc.record({ kind: fc.constant("withdrawNFT" as const), from: keyed, nft }),
  fc.record({ kind: fc.constant("swap" as const), submitter: keyed, makers: fc.tuple(keyed, keyed), amount: fc.bigInt({ min: 1n, max: 50n }) }),
  fc.record({ kind: fc.constant("batch" as const), txs: fc.array(fc.record({ from: keyed, to: anyAddress, token, amount }), { minLength: 1, maxLength: 3 }) }),
  fc.record({ kind: fc.constant("seal" as const) }),
);

export function nonceOf(state: RollupState, id: number): number {
  return state.account(id)?.nonce ?? 0;
}

/** The id of the account at address(n), or n itself for a keyed account without one (the tx then fails). */
function idOf(state: RollupState, n: number): number {
  return state.accountByAddress(address(n))?.id ?? n;
}

/** The transaction(s) of a step, with the nonces the state expects now (plus the step's skew). */
export function stepTxs(state: RollupState, s: Exclude<Step, { kind: "deposit" | "fullExit" | "seal" }>): Tx[] {
  switch (s.kind) {
    case "transfer":
      return [transfer(s.from, address(s.to), s.amount, { token: s.token, fee: s.fee, nonce: nonceOf(state, s.from) + s.nonceSkew })];
    case "withdraw":
      return [withdraw(s.from, s.amount, { token: s.token, fee: s.fee, nonce: nonceOf(state, s.from) + s.nonceSkew })];
    case "forcedExit":
      return [
        {
          type: "ForcedExit",
          initiatorAccountId: s.from,
          target: address(s.target),
          token: s.token,
          fee: 0n,
          nonce: nonceOf(state, s.from),
          validFrom: 0,
          validUntil: 2 ** 32 - 1,
          signature: signedBy(pubKeyHash(s.from)),
        },
      ];
    case "changePubKey": {
      const id = idOf(state, s.account);
      return [{ ...changePubKey(id, { newPkHash: pubKeyHash(s.key), nonce: nonceOf(state, id) }), account: address(s.account) }];
    }
    case "mint":
      return [mintNFT(s.creator, address(s.recipient), { nonce: nonceOf(state, s.creator) })];
    case "nftTransfer":
      return [transfer(s.from, address(s.to), 1n, { token: s.nft, nonce: nonceOf(state, s.from) })];
    case "withdrawNFT":
      return [withdrawNFT(s.from, s.nft, { nonce: nonceOf(state, s.from) })];
    case "swap": {
      const [a, b] = s.makers;
      const sell = order(a, { tokenSell: 0, tokenBuy: 1, ratio: [1n, 1n], amount: 0n, nonce: nonceOf(state, a) });
      const buy = order(b, { tokenSell: 1, tokenBuy: 0, ratio: [1n, 1n], amount: 0n, nonce: nonceOf(state, b) + (a === b ? 1 : 0) });
      const submitterNonce = nonceOf(state, s.submitter) + (s.submitter === a ? 1 : 0) + (s.submitter === b ? 1 : 0);
      return [swap(s.submitter, [sell, buy], [s.amount, s.amount], { nonce: submitterNonce })];
    }
    case "batch": {
      const nonces = new Map<number, number>();
      return s.txs.map((t) => {
        const nonce = nonces.get(t.from) ?? nonceOf(state, t.from);
        nonces.set(t.from, nonce + 1);
        return transfer(t.from, address(t.to), t.amount, { token: t.token, nonce });
      });
    }
  }
}

/** Applies a non-seal step to the open `block`; returns its operations (throws the state's ZkLiteError). */
export function applyStep(state: RollupState, block: BlockBuilder, s: Exclude<Step, { kind: "seal" }>): Operation[] {
  if (s.kind === "deposit") {
    const op: PriorityOp = { type: "Deposit", from: address(s.to), to: address(s.to), token: s.token, amount: s.amount };
    return [block.applyPriorityOp(op)];
  }
  if (s.kind === "fullExit") {
    const owner = state.account(s.account)?.address ?? address(s.account);
    return [block.applyPriorityOp({ type: "FullExit", accountId: s.account, ethAddress: s.wrongOwner ? address(99) : owner, token: s.token })];
  }
  const txs = stepTxs(state, s);
  return s.kind === "batch" ? block.applyBatch(txs) : [block.applyTx(txs[0] as Tx)];
}
