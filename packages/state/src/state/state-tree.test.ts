import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import { referencePoseidon, type ReferencePoseidon } from "../../test/reference-poseidon.js";
import { referenceStateRoot, type ReferenceAccount } from "../../test/reference-tree.js";
import { hashBatchOnThisThread } from "../tree/rehash.js";
import { verifyAccountProof, verifyBalanceProof } from "./proof-verification.js";
import { PRODUCTION_TREE_DEPTHS, StateTree } from "./state-tree.js";

let reference: ReferencePoseidon;
beforeAll(async () => {
  reference = await referencePoseidon();
});

// Fixed vectors, computed with circomlibjs 0.1.7's Poseidon and the naive tree of test/reference-tree.ts.
const EMPTY_ACCOUNT_LEAF = 0x17506042de490d8a88bc8063efc84fefdd7f36e20f0f8e8ef36ebade6a090f2fn;
const EMPTY_STATE_ROOT = 0x0b25e3022922b7144525733db958b75da704c21011453dd6302781e1177da1b1n;
const GENESIS_ROOT_FEE_0x11 = 0x19e64401d971d41c12358a44d07486afb087be1a657ab9769429f68e701afb1an;
const SMALL_STATE_ROOT = 0x04cfb7cb1182430e97bd27bea143cd5b87e00362985204c15ecdfd4fef30f848n;

const FEE_ADDRESS = `0x${"11".repeat(20)}`;
const NFT_STORAGE_ID = 2 ** 24 - 1;

function genesisLike(tree: StateTree): void {
  tree.createAccount(0, FEE_ADDRESS);
  tree.createAccount(NFT_STORAGE_ID, `0x${"ff".repeat(20)}`);
  tree.setBalance(NFT_STORAGE_ID, 2 ** 31 - 2, 65536n);
}

describe("StateTree fixed vectors (production depths 24/32)", () => {
  it("empty state", () => {
    const tree = new StateTree(PRODUCTION_TREE_DEPTHS);
    expect(tree.emptyAccountLeaf).toBe(EMPTY_ACCOUNT_LEAF);
    expect(tree.root()).toBe(EMPTY_STATE_ROOT);
  });

  it("genesis-like state and a small known state", () => {
    const tree = new StateTree(PRODUCTION_TREE_DEPTHS);
    genesisLike(tree);
    expect(tree.root()).toBe(GENESIS_ROOT_FEE_0x11);
    tree.createAccount(1, "0x19AA2ED8712072E918632259780E587698EF58DF");
    tree.setNonce(1, 3);
    tree.setPubKeyHash(1, "sync:18e8446d7748f2de52b28345bdbc76160e6b35eb");
    tree.setBalance(1, 0, 10n ** 18n);
    tree.setBalance(1, 5, 42n);
    tree.createAccount(2, `0x${"22".repeat(20)}`);
    tree.setBalance(2, 65536, 1n);
    expect(tree.root()).toBe(SMALL_STATE_ROOT);
  });
});

interface Model {
  accounts: Map<number, { address: string; nonce: number; pkh: string; balances: Map<number, bigint> }>;
}

function toReference(model: Model): ReferenceAccount[] {
  return [...model.accounts.entries()].map(([id, a]) => ({
    id,
    nonce: a.nonce,
    pubKeyHash: BigInt(`0x${a.pkh.slice(5)}`),
    address: BigInt(a.address),
    balances: a.balances,
  }));
}

const hex40 = fc.uint8Array({ minLength: 20, maxLength: 20 }).map((b) => Buffer.from(b).toString("hex"));
type Mutation =
  | { kind: "create"; id: number; address: string }
  | { kind: "nonce"; id: number; nonce: number }
  | { kind: "pkh"; id: number; pkh: string }
  | { kind: "balance"; id: number; token: number; amount: bigint };
const mutation = fc.oneof(
  fc.record({ kind: fc.constant("create" as const), id: fc.nat({ max: 15 }), address: hex40.map((h) => `0x${h}`) }),
  fc.record({ kind: fc.constant("nonce" as const), id: fc.nat({ max: 15 }), nonce: fc.nat() }),
  fc.record({ kind: fc.constant("pkh" as const), id: fc.nat({ max: 15 }), pkh: hex40.map((h) => `sync:${h}`) }),
  fc.record({ kind: fc.constant("balance" as const), id: fc.nat({ max: 15 }), token: fc.nat({ max: 255 }), amount: fc.bigInt({ min: 0n, max: (1n << 128n) - 1n }) }),
);

function apply(tree: StateTree, model: Model, m: Mutation): void {
  const account = model.accounts.get(m.id);
  if (m.kind === "create") {
    if (account !== undefined || tree.accountIdByAddress(m.address) !== undefined) return;
    tree.createAccount(m.id, m.address);
    model.accounts.set(m.id, { address: m.address, nonce: 0, pkh: `sync:${"0".repeat(40)}`, balances: new Map() });
    return;
  }
  if (account === undefined) return;
  if (m.kind === "nonce") {
    tree.setNonce(m.id, m.nonce);
    account.nonce = m.nonce;
  } else if (m.kind === "pkh") {
    tree.setPubKeyHash(m.id, m.pkh);
    account.pkh = m.pkh;
  } else {
    tree.setBalance(m.id, m.token, m.amount);
    account.balances.set(m.token, m.amount);
  }
}

describe("StateTree", () => {
  it("lazy root equals the root recomputed from scratch, and proofs verify against it", () => {
    fc.assert(
      fc.property(fc.array(fc.array(mutation, { maxLength: 12 }), { minLength: 1, maxLength: 3 }), fc.nat({ max: 15 }), fc.nat({ max: 255 }), (rounds, probeId, probeToken) => {
        const tree = new StateTree({ accountTreeDepth: 4, balanceTreeDepth: 8 });
        const model: Model = { accounts: new Map() };
        for (const round of rounds) {
          for (const m of round) apply(tree, model, m);
          const root = tree.root();
          expect(root).toBe(referenceStateRoot(reference, 4, 8, toReference(model)));
          const balanceProof = tree.balanceProof(probeId, probeToken);
          expect(balanceProof.balance).toBe(model.accounts.get(probeId)?.balances.get(probeToken) ?? 0n);
          expect(verifyBalanceProof(balanceProof, root)).toBe(true);
          expect(verifyBalanceProof({ ...balanceProof, balance: balanceProof.balance + 1n }, root)).toBe(false);
          expect(verifyAccountProof({ ...balanceProof, nonce: balanceProof.nonce + 1 }, root)).toBe(false);
          expect(verifyAccountProof(tree.accountProof(probeId), root ^ 1n)).toBe(false);
        }
      }),
      { numRuns: 20 },
    );
  });

  it("reverting to a checkpoint restores the root bit for bit (also after hashing mid-way)", () => {
    fc.assert(
      fc.property(fc.array(mutation, { maxLength: 10 }), fc.array(mutation, { minLength: 1, maxLength: 10 }), fc.boolean(), (before, during, hashMidway) => {
        const tree = new StateTree({ accountTreeDepth: 4, balanceTreeDepth: 8 });
        const model: Model = { accounts: new Map() };
        for (const m of before) apply(tree, model, m);
        const rootBefore = tree.root();
        const checkpoint = tree.checkpoint();
        const scratch: Model = { accounts: new Map([...model.accounts].map(([id, a]) => [id, { ...a, balances: new Map(a.balances) }])) };
        for (const m of during) apply(tree, scratch, m);
        if (hashMidway) tree.root();
        tree.revertTo(checkpoint);
        expect(tree.root()).toBe(rootBefore);
        expect([...tree.accountIds()].sort()).toEqual([...model.accounts.keys()].sort());
      }),
      { numRuns: 25 },
    );
  });

  it("nested checkpoints: releasing the inner one keeps its changes revertible by the outer one", () => {
    const tree = new StateTree({ accountTreeDepth: 4, balanceTreeDepth: 8 });
    tree.createAccount(1, `0x${"01".repeat(20)}`);
    const before = tree.root();
    const outer = tree.checkpoint();
    tree.setBalance(1, 0, 5n);
    const inner = tree.checkpoint();
    tree.setNonce(1, 1);
    tree.release(inner);
    expect(tree.account(1)?.nonce).toBe(1);
    tree.revertTo(outer);
    expect(tree.account(1)?.nonce).toBe(0);
    expect(tree.balance(1, 0)).toBe(0n);
    expect(tree.root()).toBe(before);
  });

  it("async rehash gives the same root and counts its hashes", async () => {
    const a = new StateTree({ accountTreeDepth: 6, balanceTreeDepth: 8 });
    const b = new StateTree({ accountTreeDepth: 6, balanceTreeDepth: 8 });
    for (const tree of [a, b]) {
      tree.createAccount(0, `0x${"aa".repeat(20)}`);
      tree.createAccount(9, `0x${"bb".repeat(20)}`);
      tree.setBalance(9, 3, 77n);
    }
    // One non-empty balance tree × 4 levels, 2 account leaves, then the account tree: ids 0 and 9
    // have distinct parents (0, 2) and share the two nodes above.
    expect(await b.rehashWith(async (inputs) => hashBatchOnThisThread(inputs))).toBe(4 + 2 + 4);
    expect(b.root()).toBe(a.root());
  });

  it("typed errors for unknown accounts, duplicate ids/addresses and ids outside the tree", () => {
    const tree = new StateTree({ accountTreeDepth: 4, balanceTreeDepth: 8 });
    expect(() => tree.setNonce(3, 1)).toThrow(expect.objectContaining({ code: "ACCOUNT_NOT_FOUND" }));
    expect(() => tree.createAccount(16, `0x${"01".repeat(20)}`)).toThrow(expect.objectContaining({ code: "ACCOUNT_ID_TOO_BIG" }));
    tree.createAccount(1, `0x${"01".repeat(20)}`);
    expect(() => tree.createAccount(1, `0x${"02".repeat(20)}`)).toThrow(expect.objectContaining({ code: "INVALID_ARGUMENT" }));
    expect(() => tree.createAccount(2, `0x${"01".repeat(20)}`)).toThrow(expect.objectContaining({ code: "INVALID_ARGUMENT" }));
    expect(() => tree.revertTo(0)).toThrow(expect.objectContaining({ code: "INVALID_ARGUMENT" }));
  });
});
