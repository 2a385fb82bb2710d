import fc from "fast-check";
import type { Operation, PriorityOp, Tx } from "@zklite/protocol";
import type { BlockBuilder } from "../src/executor/block-builder.js";
import type { RollupState } from "../src/executor/rollup-state.js";
import { ZERO_PUBKEY_HASH } from "../src/executor/rules.js";
import { address, changePubKey, mintNFT, order, pubKeyHash, signedBy, swap, transfer, withdraw, withdrawNFT } from "./fixtures.js";

/**
 * Random operation sequences for property tests, on a `fundedState(KEYED, …, TOKENS)`: every operation type
 * (deposits, transfers to old and new accounts, withdrawals, forced and full exits, ChangePubKey, NFT mints,
 * transfers and withdrawals, swaps, batches) and block seals. Most steps are valid (amounts mostly within the
 * funded 1000 per token, NFTs mostly ones an account holds), so most transactions apply; some are bound to fail
 * (wrong nonce, too large amount, missing NFT, unknown account).
 */

export const KEYED = 4; // accounts 1..4 have keys; addresses 20.. are fresh or keyless
export const TOKENS = [0, 1] as const;
export const NFT = 65536;

export type Step =
  | { kind: "deposit"; to: number; token: number; amount: bigint }
  | { kind: "transfer"; from: number; to: number; token: number; amount: bigint; fee: bigint; nonceSkew: number }
  | { kind: "withdraw"; from: number; token: number; amount: bigint; fee: bigint; nonceSkew: number }
  | { kind: "forcedExit"; from: number; target: KeylessChoice; token: number }
  | { kind: "fullExit"; account: number; token: number; wrongOwner: boolean }
  | { kind: "changePubKey"; account: KeylessChoice; key: number }
  | { kind: "mint"; creator: number; recipient: number }
  | { kind: "nftTransfer"; from: number; to: number; nft: NftChoice }
  | { kind: "withdrawNFT"; from: number; nft: NftChoice }
  | { kind: "swap"; submitter: number; makers: [number, number]; amount: bigint; filled: [boolean, boolean] }
  | { kind: "batch"; txs: { from: number; to: number; token: number; amount: bigint }[] }
  | { kind: "seal" };

/** A fixed NFT id (that may not exist or not be the sender's), or "held": one a keyed account holds, `from` preferred. */
export type NftChoice = number | "held";
/** A fixed address (that may have no account, or a key), or "keyless": an existing keyless account at 20..26, when there is one. */
export type KeylessChoice = number | "keyless";

const keyed = fc.integer({ min: 1, max: KEYED });
const anyAddress = fc.oneof(keyed, fc.integer({ min: 20, max: 26 }));
const token = fc.constantFrom(...TOKENS);
const nft = fc.oneof({ weight: 3, arbitrary: fc.constant<NftChoice>("held") }, { weight: 1, arbitrary: fc.constantFrom<NftChoice>(NFT, NFT + 1, NFT + 2) });
const keyless = (fixed: fc.Arbitrary<number>): fc.Arbitrary<KeylessChoice> => fc.oneof({ weight: 3, arbitrary: fc.constant<KeylessChoice>("keyless") }, { weight: 1, arbitrary: fixed });
// two different makers mostly (one account on both sides is INVALID_SWAP)
const makers = fc.oneof(
  { weight: 5, arbitrary: fc.tuple(keyed, keyed).filter(([a, b]) => a !== b) },
  { weight: 1, arbitrary: keyed.map((a): [number, number] => [a, a]) },
);
// mostly within the funded 1000 per token (so most transactions apply), sometimes far over it
const amount = fc.oneof({ weight: 5, arbitrary: fc.bigInt({ min: 0n, max: 200n }) }, { weight: 1, arbitrary: fc.constantFrom(3000n, 10n ** 6n) });
// in batches more often far over it, so that failing batches (rolled back whole) are common too
const batchAmount = fc.oneof({ weight: 2, arbitrary: fc.bigInt({ min: 0n, max: 200n }) }, { weight: 1, arbitrary: fc.constantFrom(3000n, 10n ** 6n) });
const fee = fc.constantFrom(0n, 1n, 5n);
const skew = fc.oneof({ weight: 6, arbitrary: fc.constant(0) }, { weight: 1, arbitrary: fc.constantFrom(-1, 1) });

export const stepArb: fc.Arbitrary<Step> = fc.oneof(
  fc.record({ kind: fc.constant("deposit" as const), to: anyAddress, token, amount }),
  fc.record({ kind: fc.constant("transfer" as const), from: keyed, to: anyAddress, token, amount, fee, nonceSkew: skew }),
  fc.record({ kind: fc.constant("withdraw" as const), from: keyed, token, amount, fee, nonceSkew: skew }),
  // mostly existing keyless targets (addresses 20..26 are accounts once something was sent to them, keyless until a ChangePubKey)
  fc.record({ kind: fc.constant("forcedExit" as const), from: keyed, target: keyless(anyAddress), token }),
  fc.record({ kind: fc.constant("fullExit" as const), account: fc.integer({ min: 0, max: 12 }), token: fc.constantFrom(...TOKENS, NFT, NFT + 1), wrongOwner: fc.boolean() }),
  // an account at address 20..26 (mostly an existing keyless one) takes the key of one of those addresses
  fc.record({ kind: fc.constant("changePubKey" as const), account: keyless(fc.integer({ min: 20, max: 26 })), key: fc.integer({ min: 20, max: 26 }) }),
  // NFTs live in the extended balance trees (ids ≥ 1024), their counters at 2^31 − 2
  // mostly to existing accounts (a recipient without an account is ACCOUNT_NOT_FOUND)
  fc.record({ kind: fc.constant("mint" as const), creator: keyed, recipient: fc.oneof({ weight: 2, arbitrary: keyed }, { weight: 1, arbitrary: anyAddress }) }),
  fc.record({ kind: fc.constant("nftTransfer" as const), from: keyed, to: anyAddress, nft }),
  fc.record({ kind: fc.constant("withdrawNFT" as const), from: keyed, nft }),
  fc.record({ kind: fc.constant("swap" as const), submitter: keyed, makers, amount: fc.bigInt({ min: 1n, max: 50n }), filled: fc.tuple(fc.boolean(), fc.boolean()) }),
  fc.record({ kind: fc.constant("batch" as const), txs: fc.array(fc.record({ from: keyed, to: anyAddress, token, amount: batchAmount }), { minLength: 1, maxLength: 3 }) }),
  fc.record({ kind: fc.constant("seal" as const) }),
);

export function nonceOf(state: RollupState, id: number): number {
  return state.account(id)?.nonce ?? 0;
}

/** The id of the account at address(n), or n itself for a keyed account without one (the tx then fails). */
function idOf(state: RollupState, n: number): number {
  return state.accountByAddress(address(n))?.id ?? n;
}

/**
 * The address number of a keyless choice: "keyless" is an existing keyless account at 20..26 (forced exits take
 * the lowest, ChangePubKeys the highest, so both find one for long), else 20.
 */
function keylessAddress(state: RollupState, choice: KeylessChoice, lowest: boolean): number {
  if (choice !== "keyless") return choice;
  const candidates = Array.from({ length: 7 }, (_, i) => (lowest ? 20 + i : 26 - i));
  return candidates.find((n) => state.accountByAddress(address(n))?.pubKeyHash === ZERO_PUBKEY_HASH) ?? 20;
}

/** An NFT that account `id` holds (extended balance tree, below the counters at 2^31 − 2), if any. */
function heldNft(state: RollupState, id: number): number | undefined {
  if (state.account(id) === undefined) return undefined;
  for (const [token, balance] of state.tree.balances(id)) if (token >= NFT && token < 2 ** 31 - 2 && balance === 1n) return token;
  return undefined;
}

/** The sender and NFT of an NFT step: for "held", `from` if it holds one, else the first keyed account that does. */
function nftSender(state: RollupState, from: number, choice: NftChoice): [number, number] {
  if (choice !== "held") return [from, choice];
  const holder = [from, ...Array.from({ length: KEYED }, (_, i) => i + 1)].find((id) => heldNft(state, id) !== undefined) ?? from;
  return [holder, heldNft(state, holder) ?? NFT];
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
          target: address(keylessAddress(state, s.target, true)),
          token: s.token,
          fee: 0n,
          nonce: nonceOf(state, s.from),
          validFrom: 0,
          validUntil: 2 ** 32 - 1,
          signature: signedBy(pubKeyHash(s.from)),
        },
      ];
    case "changePubKey": {
      const n = keylessAddress(state, s.account, false);
      const id = idOf(state, n);
      // the fixture records L1's Onchain authorization for the tx's `account`: it must be the owner's address
      return [changePubKey(id, { account: address(n), newPkHash: pubKeyHash(s.key), nonce: nonceOf(state, id) })];
    }
    case "mint":
      return [mintNFT(s.creator, address(s.recipient), { nonce: nonceOf(state, s.creator) })];
    case "nftTransfer": {
      const [from, token] = nftSender(state, s.from, s.nft);
      return [transfer(from, address(s.to), 1n, { token, nonce: nonceOf(state, from) })];
    }
    case "withdrawNFT": {
      const [from, token] = nftSender(state, s.from, s.nft);
      return [withdrawNFT(from, token, { nonce: nonceOf(state, from) })];
    }
    case "swap": {
      const [a, b] = s.makers;
      // a limit order (amount 0) leaves its maker's nonce as it is; a filled one (amount = what is swapped) bumps it,
      // unless the maker is the submitter; every nonce is checked against the state before the swap
      const [fillA, fillB] = s.filled;
      const sell = order(a, { tokenSell: 0, tokenBuy: 1, ratio: [1n, 1n], amount: fillA ? s.amount : 0n, nonce: nonceOf(state, a) });
      const buy = order(b, { tokenSell: 1, tokenBuy: 0, ratio: [1n, 1n], amount: fillB ? s.amount : 0n, nonce: nonceOf(state, b) });
      return [swap(s.submitter, [sell, buy], [s.amount, s.amount], { nonce: nonceOf(state, s.submitter) })];
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
