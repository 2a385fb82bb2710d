import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import { referencePoseidon, type ReferencePoseidon } from "../../test/reference-poseidon.js";
import { referenceBalanceRoots, referenceEmptyAccountLeaf, referenceStateRoot, type ReferenceAccount } from "../../test/reference-tree.js";
import { FIELD_MODULUS } from "../poseidon.js";
import { rootFromAuditPath } from "../tree/audit-path.js";
import { QuadMerkleTree } from "../tree/quad-merkle-tree.js";
import { hashBatchOnThisThread, runRehashSync, type HashBatch } from "../tree/rehash.js";
import { accountLeafHash, isProcessableToken, PROCESSABLE_TOKEN_DEPTH } from "./leaf-encoding.js";
import { verifyAccountProof, verifyBalanceProof } from "./proof-verification.js";
import { MutableStateTree } from "./mutable-state-tree.js";
import { PRODUCTION_TREE_DEPTHS } from "./state-tree.js";

let reference: ReferencePoseidon;
beforeAll(async () => {
  reference = await referencePoseidon();
});

// Fixed vectors, computed with circomlibjs 0.1.7's Poseidon and the naive trees of test/reference-tree.ts
// (two balance trees per account: processable depth 10, extended depth 32; 5-input account leaves). Each test
// recomputes them with that reference too, so a constant is never the only witness of a value.
const EMPTY_PROCESSABLE_ROOT = 0x11eb54967ae25ce42205223461cda9dbb1a1811db38b71e404d1fd94c9627777n;
const EMPTY_EXTENDED_ROOT_32 = 0x151399c724e17408a7a43cdadba2fc000da9339c56e4d49c6cdee6c4356fbc68n;
const EMPTY_ACCOUNT_LEAF = 0x1a93a9ae7550c59d7800761a0f2a982619ca79e0ab1eb87631072667f0c8f07an;
const EMPTY_STATE_ROOT = 0x2d122fab959d47b5a13f1af7781b540cf538d315a95cd51efc763abfd3ad79d5n;
const GENESIS_ROOT_FEE_0x11 = 0x0c752ff53b9ab00ea109c52861e8fb8fa6f4dba980fd04f160b7d616c03270e2n;
const SMALL_STATE_ROOT = 0x303968c8b73e5be96eb2ec4e717f6449d7093cb63ee307e6e14e3a5019e8e524n;

const FEE_ADDRESS = `0x${"11".repeat(20)}`;
const NFT_STORAGE_ID = 2 ** 24 - 1;

function genesisLike(tree: MutableStateTree): void {
  tree.createAccount(0, FEE_ADDRESS);
  tree.createAccount(NFT_STORAGE_ID, `0x${"ff".repeat(20)}`);
  tree.setBalance(NFT_STORAGE_ID, 2 ** 31 - 2, 65536n);
}

/** The accounts of `genesisLike`, for the reference tree. */
const GENESIS_LIKE: readonly ReferenceAccount[] = [
  { id: 0, nonce: 0, pubKeyHash: 0n, address: BigInt(FEE_ADDRESS), balances: new Map() },
  { id: NFT_STORAGE_ID, nonce: 0, pubKeyHash: 0n, address: BigInt(`0x${"ff".repeat(20)}`), balances: new Map([[2 ** 31 - 2, 65536n]]) },
];

const referenceRoot = (accounts: readonly ReferenceAccount[]): bigint =>
  referenceStateRoot(reference, PRODUCTION_TREE_DEPTHS.accountTreeDepth, PRODUCTION_TREE_DEPTHS.balanceTreeDepth, accounts);

describe("StateTree fixed vectors (production depths 24/32)", () => {
  it("empty state", () => {
    const tree = new MutableStateTree(PRODUCTION_TREE_DEPTHS);
    expect(referenceBalanceRoots(reference, 32, new Map())).toEqual([EMPTY_PROCESSABLE_ROOT, EMPTY_EXTENDED_ROOT_32]);
    expect(referenceRoot([])).toBe(EMPTY_STATE_ROOT);
    expect(tree.emptyProcessableRoot).toBe(EMPTY_PROCESSABLE_ROOT);
    expect(tree.emptyExtendedRoot).toBe(EMPTY_EXTENDED_ROOT_32);
    expect(tree.emptyAccountLeaf).toBe(EMPTY_ACCOUNT_LEAF);
    expect(referenceEmptyAccountLeaf(reference, 32)).toBe(EMPTY_ACCOUNT_LEAF);
    expect(reference([0n, 0n, 0n, EMPTY_PROCESSABLE_ROOT, EMPTY_EXTENDED_ROOT_32])).toBe(EMPTY_ACCOUNT_LEAF);
    expect(tree.root()).toBe(EMPTY_STATE_ROOT);
  });

  it("genesis-like state and a small known state", () => {
    const tree = new MutableStateTree(PRODUCTION_TREE_DEPTHS);
    genesisLike(tree);
    expect(referenceRoot(GENESIS_LIKE)).toBe(GENESIS_ROOT_FEE_0x11);
    expect(tree.root()).toBe(GENESIS_ROOT_FEE_0x11);
    tree.createAccount(1, "0x19AA2ED8712072E918632259780E587698EF58DF");
    tree.setNonce(1, 3);
    tree.setPubKeyHash(1, "sync:18e8446d7748f2de52b28345bdbc76160e6b35eb");
    tree.setBalance(1, 0, 10n ** 18n);
    tree.setBalance(1, 5, 42n);
    tree.setBalance(1, 1023, 9n);
    tree.setBalance(1, 1024, 11n);
    tree.createAccount(2, `0x${"22".repeat(20)}`);
    tree.setBalance(2, 65536, 1n);
    const small: ReferenceAccount[] = [
      ...GENESIS_LIKE,
      { id: 1, nonce: 3, pubKeyHash: 0x18e8446d7748f2de52b28345bdbc76160e6b35ebn, address: 0x19aa2ed8712072e918632259780e587698ef58dfn, balances: new Map([[0, 10n ** 18n], [5, 42n], [1023, 9n], [1024, 11n]]) },
      { id: 2, nonce: 0, pubKeyHash: 0n, address: BigInt(`0x${"22".repeat(20)}`), balances: new Map([[65536, 1n]]) },
    ];
    expect(referenceRoot(small)).toBe(SMALL_STATE_ROOT);
    expect(tree.root()).toBe(SMALL_STATE_ROOT);
    // The account leaf is Poseidon(nonce, pkh, address, processableRoot, extendedRoot), by circomlibjs.
    const proof = tree.accountProof(1);
    const [processableRoot, extendedRoot] = referenceBalanceRoots(reference, 32, new Map([[0, 10n ** 18n], [5, 42n], [1023, 9n], [1024, 11n]]));
    expect([proof.processableRoot, proof.extendedRoot]).toEqual([processableRoot, extendedRoot]);
    const leaf = reference([3n, 0x18e8446d7748f2de52b28345bdbc76160e6b35ebn, 0x19aa2ed8712072e918632259780e587698ef58dfn, processableRoot, extendedRoot]);
    expect(proof.accountPath.leaf).toBe(leaf);
    expect(accountLeafHash(proof)).toBe(leaf);
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

/** Balance depth of the random-state tests: the production token width, so every edge id fits. */
const DEPTH = 32;
/** Token ids at the edges of the two trees, plus random ones in both. */
const EDGE_TOKENS = [0, 1, 1023, 1024, 1025, 65535, 65536, 2 ** 31 - 3, 2 ** 32 - 1] as const;
function anyToken(): fc.Arbitrary<number> {
  return fc.oneof(fc.constantFrom(...EDGE_TOKENS), fc.nat({ max: 1023 }), fc.integer({ min: 1024, max: 2 ** DEPTH - 1 }));
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
  fc.record({ kind: fc.constant("balance" as const), id: fc.nat({ max: 15 }), token: anyToken(), amount: fc.bigInt({ min: 0n, max: (1n << 128n) - 1n }) }),
  // clearing a balance (drops an extended tree that becomes empty)
  fc.record({ kind: fc.constant("balance" as const), id: fc.nat({ max: 15 }), token: anyToken(), amount: fc.constant(0n) }),
);

function apply(tree: MutableStateTree, model: Model, m: Mutation): void {
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
      fc.property(fc.array(fc.array(mutation, { maxLength: 12 }), { minLength: 1, maxLength: 3 }), fc.nat({ max: 15 }), anyToken(), (rounds, probeId, probeToken) => {
        const tree = new MutableStateTree({ accountTreeDepth: 4, balanceTreeDepth: DEPTH });
        const model: Model = { accounts: new Map() };
        for (const round of rounds) {
          for (const m of round) apply(tree, model, m);
          const root = tree.root();
          expect(root).toBe(referenceStateRoot(reference, 4, DEPTH, toReference(model)));
          for (const [id, account] of model.accounts) {
            const nonZero = [...account.balances].filter(([, amount]) => amount !== 0n);
            expect(new Map(tree.balances(id))).toEqual(new Map(nonZero));
          }
          const balanceProof = tree.balanceProof(probeId, probeToken);
          expect(balanceProof.balance).toBe(model.accounts.get(probeId)?.balances.get(probeToken) ?? 0n);
          expect(balanceProof.balancePath.siblings).toHaveLength(isProcessableToken(probeToken) ? 5 : DEPTH / 2);
          const [processableRoot, extendedRoot] = referenceBalanceRoots(reference, DEPTH, model.accounts.get(probeId)?.balances ?? new Map());
          expect([balanceProof.processableRoot, balanceProof.extendedRoot]).toEqual([processableRoot, extendedRoot]);
          expect(verifyBalanceProof(balanceProof, root)).toBe(true);
          expect(verifyBalanceProof(balanceProof, root, { accountTreeDepth: 4, balanceTreeDepth: DEPTH })).toBe(true);
          expect(verifyBalanceProof(balanceProof, root, { accountTreeDepth: 6, balanceTreeDepth: DEPTH })).toBe(false);
          expect(verifyBalanceProof({ ...balanceProof, balance: balanceProof.balance + 1n }, root)).toBe(false);
          expect(verifyBalanceProof({ ...balanceProof, processableRoot: balanceProof.processableRoot ^ 1n }, root)).toBe(false);
          expect(verifyBalanceProof({ ...balanceProof, extendedRoot: balanceProof.extendedRoot ^ 1n }, root)).toBe(false);
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
        const tree = new MutableStateTree({ accountTreeDepth: 4, balanceTreeDepth: DEPTH });
        const model: Model = { accounts: new Map() };
        for (const m of before) apply(tree, model, m);
        const rootBefore = tree.root();
        const balancesBefore = [...tree.accountIds()].map((id) => [id, tree.balances(id)] as const);
        const extendedTreesBefore = tree.extendedTreeCount;
        const checkpoint = tree.checkpoint();
        const scratch: Model = { accounts: new Map([...model.accounts].map(([id, a]) => [id, { ...a, balances: new Map(a.balances) }])) };
        for (const m of during) apply(tree, scratch, m);
        if (hashMidway) tree.root();
        tree.revertTo(checkpoint);
        expect(tree.root()).toBe(rootBefore);
        expect([...tree.accountIds()].sort()).toEqual([...model.accounts.keys()].sort());
        expect([...tree.accountIds()].map((id) => [id, tree.balances(id)] as const)).toEqual(balancesBefore);
        expect(tree.extendedTreeCount).toBe(extendedTreesBefore);
      }),
      { numRuns: 25 },
    );
  });

  it("nested checkpoints: releasing the inner one keeps its changes revertible by the outer one", () => {
    const tree = new MutableStateTree({ accountTreeDepth: 4, balanceTreeDepth: 12 });
    tree.createAccount(1, `0x${"01".repeat(20)}`);
    const before = tree.root();
    const outer = tree.checkpoint();
    tree.setBalance(1, 0, 5n);
    const inner = tree.checkpoint();
    tree.setNonce(1, 1);
    tree.setBalance(1, 2048, 6n);
    tree.release(inner);
    expect(tree.account(1)?.nonce).toBe(1);
    expect(tree.balance(1, 2048)).toBe(6n);
    tree.revertTo(outer);
    expect(tree.account(1)?.nonce).toBe(0);
    expect(tree.balance(1, 0)).toBe(0n);
    expect(tree.balance(1, 2048)).toBe(0n);
    expect(tree.root()).toBe(before);
  });

  it("async rehash gives the same root and counts its hashes", async () => {
    const a = new MutableStateTree({ accountTreeDepth: 6, balanceTreeDepth: 12 });
    const b = new MutableStateTree({ accountTreeDepth: 6, balanceTreeDepth: 12 });
    for (const tree of [a, b]) {
      tree.createAccount(0, `0x${"aa".repeat(20)}`);
      tree.createAccount(9, `0x${"bb".repeat(20)}`);
      tree.setBalance(9, 3, 77n);
    }
    // One non-empty processable tree × 5 levels, 2 account leaves, then the account tree: ids 0 and 9
    // have distinct parents (0, 2) and share the two nodes above.
    expect(await b.rehashWith(async (batch) => hashBatchOnThisThread(batch))).toBe(5 + 2 + 4);
    expect(b.root()).toBe(a.root());
    for (const tree of [a, b]) tree.setBalance(0, 4000, 1n);
    // Account 0's extended tree (6 levels), its leaf, and its 3 ancestors.
    expect(await b.rehashWith(async (batch) => hashBatchOnThisThread(batch))).toBe(6 + 1 + 3);
    expect(b.root()).toBe(a.root());
  });

  it("rehashes both balance trees of every dirty account in one batch per level, then 5-input leaves, then the account tree", () => {
    const tree = new MutableStateTree({ accountTreeDepth: 6, balanceTreeDepth: 16 });
    for (let id = 0; id < 6; id++) tree.createAccount(id, `0x${(id + 1).toString(16).padStart(40, "0")}`);
    tree.setBalance(1, 7, 1n); // processable only
    tree.setBalance(2, 65535, 2n); // extended only
    tree.setBalance(3, 1023, 3n); // both
    tree.setBalance(3, 1024, 4n);
    const batches: HashBatch[] = [];
    const hashes = runRehashSync(tree.rehashProcess(), (batch) => {
      batches.push(batch);
      return hashBatchOnThisThread(batch);
    });
    // heights 1..5: 4 trees (1p, 2e, 3p, 3e); heights 6..8: the two extended trees; then 6 leaves of
    // arity 5; then the account tree (3 levels: ids 0..5 have parents 0, 1, then 0, then the root).
    expect(batches.map((b) => [b.arity, b.inputs.length / b.arity])).toEqual([
      [4, 4], [4, 4], [4, 4], [4, 4], [4, 4], [4, 2], [4, 2], [4, 2], [5, 6], [4, 2], [4, 1], [4, 1],
    ]);
    expect(hashes).toBe(5 * 4 + 3 * 2 + 6 + 4);
    const leafBatch = batches[8] as HashBatch;
    const account3 = leafBatch.inputs.slice(3 * 5, 4 * 5);
    const [processableRoot, extendedRoot] = referenceBalanceRoots(reference, 16, new Map([[1023, 3n], [1024, 4n]]));
    expect(account3).toEqual([0n, 0n, 4n, processableRoot, extendedRoot]);
    expect(tree.root()).toBe(
      referenceStateRoot(reference, 6, 16, [0, 1, 2, 3, 4, 5].map((id) => ({ id, nonce: 0, pubKeyHash: 0n, address: BigInt(id + 1), balances: tree.balances(id) }))),
    );
  });

  it("routes balances by token id: 0..1023 to the processable tree, the rest to the extended tree", () => {
    expect(PROCESSABLE_TOKEN_DEPTH).toBe(10);
    expect([0, 1023, 1024, 65536, -1, 1.5].map(isProcessableToken)).toEqual([true, true, false, false, false, false]);
    const tree = new MutableStateTree({ accountTreeDepth: 4, balanceTreeDepth: 12 });
    tree.createAccount(1, `0x${"01".repeat(20)}`);
    tree.setBalance(1, 1023, 5n);
    tree.setBalance(1, 1024, 6n);
    tree.setBalance(1, 4095, 7n);
    expect(tree.balances(1)).toEqual(new Map([[1023, 5n], [1024, 6n], [4095, 7n]]));
    const proof = tree.accountProof(1);
    const processable = new QuadMerkleTree({ depth: 10, emptyLeaf: 0n });
    processable.set(1023, 5n);
    const extended = new QuadMerkleTree({ depth: 12, emptyLeaf: 0n });
    extended.set(1024, 6n);
    extended.set(4095, 7n);
    expect(proof.processableRoot).toBe(processable.root());
    expect(proof.extendedRoot).toBe(extended.root());
  });

  it("balance proofs verify in either tree; the other tree's path, a swapped or tampered root fail", () => {
    const tree = new MutableStateTree({ accountTreeDepth: 4, balanceTreeDepth: 32 });
    tree.createAccount(1, `0x${"01".repeat(20)}`);
    tree.setBalance(1, 5, 50n);
    tree.setBalance(1, 1023, 51n);
    tree.setBalance(1, 1029, 52n);
    tree.setBalance(1, 65536 + 5, 53n);
    const root = tree.root();
    for (const token of [5, 1023, 1029, 65541, 7, 2 ** 31 - 3]) {
      const proof = tree.balanceProof(1, token);
      expect(verifyBalanceProof(proof, root)).toBe(true);
      expect(verifyBalanceProof({ ...proof, processableRoot: proof.extendedRoot, extendedRoot: proof.processableRoot }, root)).toBe(false);
      expect(verifyBalanceProof({ ...proof, processableRoot: (proof.processableRoot + 1n) % FIELD_MODULUS }, root)).toBe(false);
      expect(verifyBalanceProof({ ...proof, extendedRoot: (proof.extendedRoot + 1n) % FIELD_MODULUS }, root)).toBe(false);
      expect(verifyBalanceProof(proof, root ^ 1n)).toBe(false);
    }
    // The extended tree's path at a processable id (a valid path of that tree, leaf 0) is no proof
    // of the processable balance 0 of token 7...
    const extended = new QuadMerkleTree({ depth: 32, emptyLeaf: 0n });
    extended.set(1029, 52n);
    extended.set(65541, 53n);
    const processableProof = tree.balanceProof(1, 7);
    const extendedPath = extended.auditPath(7);
    expect(rootFromAuditPath(extendedPath)).toBe(processableProof.extendedRoot);
    expect(verifyBalanceProof({ ...processableProof, balancePath: extendedPath }, root)).toBe(false);
    // ...and the processable tree's 5-level path at 5 (= 1029 mod 1024 = 65541 mod 1024) is no proof
    // of token 1029 or 65541, though it folds to the processable root whatever index bits lie above 10.
    const fiveProof = tree.balanceProof(1, 5);
    for (const token of [1029, 65541]) {
      const proof = tree.balanceProof(1, token);
      const forged = { ...proof, balance: 50n, balancePath: { ...fiveProof.balancePath, index: token } };
      expect(rootFromAuditPath(forged.balancePath)).toBe(proof.processableRoot);
      expect(verifyBalanceProof(forged, root)).toBe(false);
    }
  });

  it("a path cut short cannot pass off an internal node of a balance tree as a balance", () => {
    const depths = { accountTreeDepth: 4, balanceTreeDepth: 32 };
    const tree = new MutableStateTree(depths);
    tree.createAccount(1, `0x${"01".repeat(20)}`);
    tree.setBalance(1, 1020, 5n);
    tree.setBalance(1, 2 ** 31 - 3, 6n);
    const root = tree.root();
    // Fold the first `cut` levels of a real path and claim the node reached is the balance of the
    // token id made of the remaining index bits: the shortened path still folds to the tree's root.
    const forge = (realToken: number, cut: number) => {
      const real = tree.balanceProof(1, realToken);
      const node = rootFromAuditPath({ ...real.balancePath, siblings: real.balancePath.siblings.slice(0, cut) });
      const tokenId = Math.floor(realToken / 4 ** cut);
      const forged = { ...real, tokenId, balance: node, balancePath: { index: tokenId, leaf: node, siblings: real.balancePath.siblings.slice(cut) } };
      const treeRoot = isProcessableToken(realToken) ? real.processableRoot : real.extendedRoot;
      expect(rootFromAuditPath(forged.balancePath)).toBe(treeRoot);
      return forged;
    };
    // processable: token 255 "holds" the height-1 node above 1020..1023 via a 4-level path
    const shortProcessable = forge(1020, 1);
    expect(shortProcessable.tokenId).toBe(255);
    expect(verifyBalanceProof(shortProcessable, root)).toBe(false);
    // extended: token 32767 "holds" the height-8 node above 2^31 - 3 via an 8-level path; only the
    // geometry tells that the extended tree has 16 levels
    const shortExtended = forge(2 ** 31 - 3, 8);
    expect(shortExtended.tokenId).toBe(32767);
    expect(verifyBalanceProof(shortExtended, root, depths)).toBe(false);
    expect(verifyBalanceProof(tree.balanceProof(1, 32767), root, depths)).toBe(true);
    // the account path is pinned by the geometry too
    const proof = tree.balanceProof(1, 1020);
    expect(verifyAccountProof(proof, root, depths)).toBe(true);
    expect(verifyAccountProof(proof, root, { accountTreeDepth: 6, balanceTreeDepth: 32 })).toBe(false);
  });

  it("an account that never holds an extended token has no extended tree; emptying it drops the tree", () => {
    const tree = new MutableStateTree({ accountTreeDepth: 4, balanceTreeDepth: 32 });
    for (let id = 0; id < 10; id++) {
      tree.createAccount(id, `0x${(id + 1).toString(16).padStart(40, "0")}`);
      tree.setBalance(id, id, 100n);
    }
    const rootBefore = tree.root();
    expect(tree.extendedTreeCount).toBe(0);
    tree.setBalance(3, 70000, 0n); // a zero write creates nothing
    expect(tree.extendedTreeCount).toBe(0);
    const checkpoint = tree.checkpoint();
    tree.setBalance(3, 70000, 1n);
    tree.setBalance(3, 70001, 1n);
    expect(tree.extendedTreeCount).toBe(1);
    expect(tree.root()).not.toBe(rootBefore);
    tree.setBalance(3, 70000, 0n);
    tree.setBalance(3, 70001, 0n);
    expect(tree.extendedTreeCount).toBe(0);
    expect(tree.root()).toBe(rootBefore);
    tree.revertTo(checkpoint); // replays the undo steps through the dropped and re-created tree
    expect(tree.extendedTreeCount).toBe(0);
    expect(tree.balance(3, 70000)).toBe(0n);
    expect(tree.root()).toBe(rootBefore);
    const proof = tree.balanceProof(3, 70000);
    expect(proof.extendedRoot).toBe(tree.emptyExtendedRoot);
    expect(verifyBalanceProof(proof, rootBefore)).toBe(true);
  });

  it("balanceTreeDepth must be even, at least 10 and at most 32 (typed INVALID_TREE_DEPTH)", () => {
    for (const bad of [0, 2, 8, 11, 34, 12.5, Number.NaN]) {
      expect(() => new MutableStateTree({ accountTreeDepth: 4, balanceTreeDepth: bad })).toThrow(expect.objectContaining({ code: "INVALID_TREE_DEPTH" }));
    }
    const smallest = new MutableStateTree({ accountTreeDepth: 4, balanceTreeDepth: 10 });
    expect(smallest.emptyExtendedRoot).toBe(smallest.emptyProcessableRoot);
    smallest.createAccount(0, `0x${"01".repeat(20)}`);
    smallest.setBalance(0, 1023, 1n);
    expect(() => smallest.setBalance(0, 1024, 1n)).toThrow(expect.objectContaining({ code: "INVALID_INDEX" }));
  });

  it("typed errors for unknown accounts, duplicate ids/addresses and ids outside the tree", () => {
    const tree = new MutableStateTree({ accountTreeDepth: 4, balanceTreeDepth: 12 });
    expect(() => tree.setNonce(3, 1)).toThrow(expect.objectContaining({ code: "ACCOUNT_NOT_FOUND" }));
    expect(() => tree.createAccount(16, `0x${"01".repeat(20)}`)).toThrow(expect.objectContaining({ code: "ACCOUNT_ID_TOO_BIG" }));
    tree.createAccount(1, `0x${"01".repeat(20)}`);
    expect(() => tree.createAccount(1, `0x${"02".repeat(20)}`)).toThrow(expect.objectContaining({ code: "INVALID_ARGUMENT" }));
    expect(() => tree.createAccount(2, `0x${"01".repeat(20)}`)).toThrow(expect.objectContaining({ code: "INVALID_ARGUMENT" }));
    expect(() => tree.revertTo(0)).toThrow(expect.objectContaining({ code: "INVALID_ARGUMENT" }));
    const root = tree.root();
    for (const token of [-1, 1.5, 4096, 2 ** 32]) {
      expect(() => tree.setBalance(1, token, 1n)).toThrow(expect.objectContaining({ code: "INVALID_INDEX" }));
      expect(() => tree.balanceProof(1, token)).toThrow(expect.objectContaining({ code: "INVALID_INDEX" }));
    }
    for (const token of [5, 2000]) expect(() => tree.setBalance(1, token, FIELD_MODULUS)).toThrow(expect.objectContaining({ code: "NOT_A_FIELD_ELEMENT" }));
    expect(tree.extendedTreeCount).toBe(0);
    expect(tree.balances(1)).toEqual(new Map());
    expect(tree.root()).toBe(root);
  });
});
