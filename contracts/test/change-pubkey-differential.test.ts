// Differential test of the ChangePubKey authorization (docs/protocol-deltas.md, "ChangePubKey authorization"): for
// random witnesses, @zklite/state's executor accepts the ChangePubKey ⇔ the rollup contract commits a block that
// carries it. The executor is given what L1 knows: its chain id, and the on-chain authorizations fed from the
// rollup's FactAuth / FactAuthResetRequested events into an OnchainAuthFactStore (as the node will), checked
// against the contract's storage. One deliberate one-way difference: while the owner's reset of an on-chain fact
// is pending, the executor refuses (the fact could change before the block is committed) and L1 still commits.
import { expect } from "chai";
import { time } from "@nomicfoundation/hardhat-network-helpers";
import { SigningKey, TypedDataEncoder, Wallet, concat, hashMessage, hexlify, keccak256, toBeHex, toUtf8Bytes, ZeroHash } from "ethers";
import { ethers } from "hardhat";

import type { ChangePubKey } from "@zklite/protocol";
import { buildBlock, genesisBlock } from "./helpers/blocks";
import { SMALL_BLOCK_CHUNKS, system, type System } from "./helpers/fixture";
import * as ops from "./helpers/ops";
import { loadProtocol, type Protocol } from "./helpers/protocol";

type State = typeof import("@zklite/state");

const SECP256K1_N = 0xfffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364141n;
/** Rounds over every (type, variant) pair; keys, ids, v forms and the tx's chainId field are random in each. */
const ROUNDS = 2;
const FEE_ACCOUNT = `0x${"fe".repeat(20)}`;
const ALWAYS = { validFrom: 0, validUntil: 2 ** 32 - 1 };

const KINDS = {
  ECDSA: ["valid", "valid-v01", "high-s", "wrong-signer", "other-account-id"],
  legacy: ["valid", "valid-v01", "high-s", "wrong-signer"],
  EIP712: ["valid", "valid-v01", "high-s", "wrong-signer", "wrong-chain-id"],
  CREATE2: ["valid", "wrong-salt"],
  Onchain: ["fact", "no-fact", "fact-other-key", "fact-other-nonce", "reset-pending"],
} as const;
type Kind = keyof typeof KINDS;
/** The variants L1 commits; every other one it refuses. */
const L1_COMMITS = new Set<string>(["valid", "valid-v01", "fact", "reset-pending"]);

/** Deterministic randomness from a logged seed (set ZKLITE_SEED to replay a run). */
class Random {
  private counter = 0;
  constructor(readonly seed: string) {}
  bytes32(): string {
    return keccak256(concat([toUtf8Bytes(this.seed), toBeHex(this.counter++, 32)]));
  }
  int(below: number): number {
    return Number(BigInt(this.bytes32()) % BigInt(below));
  }
}

interface Case {
  readonly label: string;
  readonly tx: ChangePubKey;
  /** Only for "reset-pending": the executor refuses, L1 commits. */
  readonly executorStricter: boolean;
}

/** r ‖ s ‖ v of `key` over `digest`, with v as 27/28 or 0/1, and optionally the malleated (r, n − s, v ^ 1). */
function sign(key: string, digest: string, form: { v01: boolean; highS: boolean }): string {
  const sig = new SigningKey(key).sign(digest);
  const s = form.highS ? toBeHex(SECP256K1_N - BigInt(sig.s), 32) : sig.s;
  const parity = form.highS ? 1 - sig.yParity : sig.yParity;
  return concat([sig.r, s, toBeHex(form.v01 ? parity : 27 + parity, 1)]);
}

describe("ChangePubKey authorization: executor ⇔ L1 (differential)", () => {
  it(`agrees on ${ROUNDS} rounds of random witnesses of every type and variant`, async function () {
    this.timeout(90_000); // ≈ 7 s
    const sys = await system();
    const [p, state] = await Promise.all([loadProtocol(), import("@zklite/state") as Promise<State>]);
    await state.initPoseidon(); // the state's trees hash with Poseidon, loaded explicitly
    const chainId = Number((await ethers.provider.getNetwork()).chainId);
    const seed = process.env.ZKLITE_SEED ?? hexlify(Wallet.createRandom().privateKey);
    console.log(`      seed ${seed} (ZKLITE_SEED=${seed} replays it)`);
    const random = new Random(seed);
    const pairs = (Object.keys(KINDS) as Kind[]).flatMap((kind) => KINDS[kind].map((variant) => [kind, variant] as const));
    const outcomes = new Map<string, { executor: boolean; l1: boolean }>();

    for (let i = 0; i < ROUNDS * pairs.length; i++) {
      const [kind, variant] = pairs[i % pairs.length] as (typeof pairs)[number];
      const owner = new Wallet(random.bytes32(), ethers.provider);
      const accountsBefore = random.int(4); // the owner's account id is 1 + this
      const accountId = 1 + accountsBefore;
      const nonce = 0;
      const newPkHash = `sync:${random.bytes32().slice(2, 42)}`;
      const testCase = await makeCase(sys, p, random, { kind, variant, owner, accountId, nonce, newPkHash, chainId });

      const facts = await l1AuthFacts(sys, state, owner.address, nonce);
      const executor = runExecutor(state, testCase.tx, { chainId, facts, accountsBefore });
      const witness = p.getChangePubKeyEthWitness(testCase.tx);
      if (executor.accepted) expect(executor.witness).to.deep.equal(witness, "the executor's block carries the same witness");
      const op = ops.changePubKey(accountId, testCase.tx.account, newPkHash, nonce);
      if (executor.accepted) expect(executor.op).to.deep.equal(op);
      const block = await buildBlock(genesisBlock(sys), [{ op, ethWitness: witness }], { chunks: SMALL_BLOCK_CHUNKS });
      const l1 = await sys.zkLite
        .connect(sys.validator)
        .commitBlocks.staticCall(genesisBlock(sys), [block.info])
        .then(() => true, () => false);

      const detail = `${testCase.label}: executor ${executor.accepted ? "accepts" : `refuses (${executor.code})`}, L1 ${l1 ? "commits" : "refuses"}`;
      expect(l1, `${detail} (expected by construction)`).to.equal(L1_COMMITS.has(variant));
      if (testCase.executorStricter) {
        expect([executor.accepted, executor.code, l1], detail).to.deep.equal([false, "ONCHAIN_AUTH_FACT_RESET_PENDING", true]);
      } else {
        expect(executor.accepted, detail).to.equal(l1);
      }
      outcomes.set(testCase.label, { executor: executor.accepted, l1 });
    }
    console.log(`      ${[...outcomes].map(([label, r]) => `${label} ${r.executor ? "✓" : "✗"}${r.l1 ? "✓" : "✗"}`).join(", ")}`);
    // both answers occurred, so the agreement is not the trivial one
    const results = [...outcomes.values()];
    expect(results.some((r) => r.executor && r.l1)).to.equal(true);
    expect(results.some((r) => !r.executor && !r.l1)).to.equal(true);
  });

  it("the valid variant of every type commits and its high-s twin does not, on both sides", async function () {
    const sys = await system();
    const [p, state] = await Promise.all([loadProtocol(), import("@zklite/state") as Promise<State>]);
    await state.initPoseidon(); // the state's trees hash with Poseidon, loaded explicitly
    const chainId = Number((await ethers.provider.getNetwork()).chainId);
    const random = new Random("fixed");
    for (const kind of ["ECDSA", "legacy", "EIP712"] as const) {
      for (const variant of ["valid", "valid-v01", "high-s"] as const) {
        const owner = new Wallet(random.bytes32(), ethers.provider);
        const newPkHash = `sync:${random.bytes32().slice(2, 42)}`;
        const { tx } = await makeCase(sys, p, random, { kind, variant, owner, accountId: 1, nonce: 0, newPkHash, chainId });
        const facts = await l1AuthFacts(sys, state, owner.address, 0);
        const executor = runExecutor(state, tx, { chainId, facts, accountsBefore: 0 });
        const block = await buildBlock(genesisBlock(sys), [{ op: ops.changePubKey(1, owner.address, newPkHash, 0), ethWitness: p.getChangePubKeyEthWitness(tx) }], { chunks: SMALL_BLOCK_CHUNKS });
        const commit = sys.zkLite.connect(sys.validator).commitBlocks.staticCall(genesisBlock(sys), [block.info]);
        if (variant === "high-s") {
          expect(executor.code, `${kind} ${variant}`).to.equal("INVALID_CHANGE_PUBKEY_AUTH");
          await expect(commit).to.be.revertedWithCustomError(sys.zkLite, "ChangePubKeyWitnessInvalid");
        } else {
          expect(executor.accepted, `${kind} ${variant}`).to.equal(true);
          await commit;
        }
      }
    }
  });
});

interface CaseSpec {
  readonly kind: Kind;
  readonly variant: string;
  readonly owner: Wallet;
  readonly accountId: number;
  readonly nonce: number;
  readonly newPkHash: string;
  readonly chainId: number;
}

/** The ChangePubKey of one case, after whatever L1 transactions its variant needs (on-chain facts). */
async function makeCase(sys: System, p: Protocol, random: Random, spec: CaseSpec): Promise<Case> {
  const { kind, variant, owner, accountId, nonce, newPkHash, chainId } = spec;
  const base: ChangePubKey = {
    type: "ChangePubKey",
    accountId,
    account: owner.address.toLowerCase(),
    newPkHash,
    feeToken: 0,
    fee: 1000n,
    nonce,
    ...ALWAYS,
    ethAuthData: { type: "Onchain" },
  };
  const label = `${kind}/${variant}`;
  const signer = variant === "wrong-signer" ? random.bytes32() : owner.privateKey;
  const form = { v01: variant === "valid-v01" || (variant !== "valid" && random.int(2) === 0), highS: variant === "high-s" };
  const signedAccountId = variant === "other-account-id" ? accountId + 1 : accountId;
  switch (kind) {
    case "ECDSA": {
      const digest = hashMessage(p.getChangePubkeyMessage(newPkHash, nonce, signedAccountId));
      return { label, tx: { ...base, ethAuthData: { type: "ECDSA", ethSignature: sign(signer, digest, form) } }, executorStricter: false };
    }
    case "legacy": {
      const digest = hashMessage(p.getChangePubkeyLegacyMessage(newPkHash, nonce, accountId));
      return { label, tx: { ...base, ethAuthData: undefined, ethSignature: sign(signer, digest, form) }, executorStricter: false };
    }
    case "EIP712": {
      const typed = p.getChangePubKeyTypedData(newPkHash, nonce, accountId, variant === "wrong-chain-id" ? 1 : chainId);
      const digest = TypedDataEncoder.hash(typed.domain, typed.types, typed.message);
      // the tx's own chainId field (unseen by L1) is sometimes absent, sometimes the signed one
      const claimed = random.int(2) === 0 ? {} : { chainId: typed.domain.chainId };
      return { label, tx: { ...base, ...claimed, ethAuthData: { type: "EIP712", ethSignature: sign(signer, digest, form) } }, executorStricter: false };
    }
    case "CREATE2": {
      const create2 = { creatorAddress: random.bytes32().slice(0, 42), saltArg: random.bytes32(), codeHash: random.bytes32() };
      const { address } = p.getCreate2AddressAndSalt(newPkHash, create2);
      const ethAuthData = { type: "CREATE2" as const, ...create2, ...(variant === "wrong-salt" ? { saltArg: random.bytes32() } : {}) };
      return { label, tx: { ...base, account: address, ethAuthData }, executorStricter: false };
    }
    case "Onchain": {
      if (variant !== "no-fact") {
        await (await sys.governor.sendTransaction({ to: owner.address, value: 10n ** 17n })).wait();
        const rollup = sys.zkLite.connect(owner);
        const authorized = variant === "fact-other-key" ? `sync:${random.bytes32().slice(2, 42)}` : newPkHash;
        await (await rollup.setAuthPubkeyHash(p.pubKeyHashToBytes(authorized), variant === "fact-other-nonce" ? nonce + 1 : nonce)).wait();
        if (variant === "reset-pending") {
          await time.increase(60);
          await (await rollup.setAuthPubkeyHash(p.pubKeyHashToBytes(`sync:${random.bytes32().slice(2, 42)}`), nonce)).wait();
        }
      }
      const tx = random.int(2) === 0 ? base : { ...base, ethAuthData: undefined };
      return { label, tx, executorStricter: variant === "reset-pending" };
    }
  }
}

/**
 * What the node will know: the rollup's FactAuth and FactAuthResetRequested events of `owner`, replayed into an
 * OnchainAuthFactStore in L1 order. Checked here against the contract's storage for (owner, nonce).
 */
async function l1AuthFacts(sys: System, state: State, owner: string, nonce: number) {
  const store = new state.OnchainAuthFactStore();
  const events = [
    ...(await sys.zkLite.queryFilter(sys.zkLite.filters.FactAuth(owner))),
    ...(await sys.zkLite.queryFilter(sys.zkLite.filters.FactAuthResetRequested(owner))),
  ].sort((a, b) => a.blockNumber - b.blockNumber || a.index - b.index);
  for (const event of events) {
    if (event.eventName === "FactAuth") {
      store.recordFact(owner, Number(event.args[1]), `sync:${String(event.args[2]).slice(2)}`);
    } else {
      store.recordResetRequest(owner, Number(event.args[1]));
    }
  }
  const [fact, timer] = await Promise.all([sys.zkLite.authFacts(owner, nonce), sys.zkLite.authFactsResetTimer(owner, nonce)]);
  const known = store.authFact(owner, nonce);
  expect(known === undefined ? [ZeroHash, false] : [known.factHash, known.resetRequested]).to.deep.equal([fact, timer !== 0n]);
  return store;
}

interface ExecutorResult {
  readonly accepted: boolean;
  readonly code?: string;
  readonly op?: unknown;
  readonly witness?: Uint8Array;
}

/** A fresh executor state: `accountsBefore` other accounts, then the owner's (deposit), then the ChangePubKey. */
function runExecutor(state: State, tx: ChangePubKey, l1: { chainId: number; facts: import("@zklite/state").OnchainAuthFacts; accountsBefore: number }): ExecutorResult {
  const rollup = state.RollupState.genesis({
    accountTreeDepth: 4,
    balanceTreeDepth: 32,
    feeAccountAddress: FEE_ACCOUNT,
    signatureChecker: state.SKIP_SIGNATURE_CHECKS,
    chainId: l1.chainId,
    onchainAuthFacts: l1.facts,
  });
  const setup = rollup.openBlock({ blockNumber: 1, feeAccountId: 0, timestamp: 1_700_000_000, blockChunkSizes: [60] });
  for (let i = 0; i < l1.accountsBefore; i++) {
    const other = `0x${(0x1000 + i).toString(16).padStart(40, "0")}`;
    setup.applyPriorityOp({ type: "Deposit", from: other, to: other, token: 0, amount: 1n });
  }
  setup.applyPriorityOp({ type: "Deposit", from: tx.account, to: tx.account, token: 0, amount: 10n ** 18n });
  setup.seal();
  if (rollup.tree.accountIdByAddress(tx.account) !== tx.accountId) throw new Error("the owner's account id is not the case's");
  const block = rollup.openBlock({ blockNumber: 2, feeAccountId: 0, timestamp: 1_700_000_000, blockChunkSizes: [SMALL_BLOCK_CHUNKS] });
  try {
    const op = block.applyTx(tx);
    const sealed = block.seal();
    return { accepted: true, op, witness: sealed.onchainOperations[0]?.ethWitness };
  } catch (error) {
    block.abandon();
    const code = (error as { code?: unknown }).code;
    if (typeof code !== "string") throw error;
    return { accepted: false, code };
  }
}
