// Benchmarks of @zklite/state (run `npm run build` first). Prints one JSON object per line.
//   state.poseidon4          µs per 4-input Poseidon on one thread (the cost of one tree node)
//   state.execute_transfers  transfers/s applied with signature checks off and no hashing
//   state.seal_transfers     transfers/s for executing a block of transfers and computing its root,
//                            production depths (24/32), hashing on a worker pool using both cores
//   state.seal_hashes_per_transfer  Poseidon hashes the seal needed per transfer
//   state.heap_per_account   heap bytes per one-token account at production depths
//   state.snapshot_100k_s    seconds for RollupState.snapshot() of a state of BENCH_RESTORE_ACCOUNTS accounts
//   state.restore_100k_s     seconds for RollupState.fromSnapshot of that snapshot (everything hashed once,
//                            level by level, on this thread), production depths
//   state.restore_100k_pool_s  the same with fromSnapshotWith on a worker pool using both cores
// Sizes: BENCH_EXECUTE_TRANSFERS (default 50000), BENCH_SEAL_TRANSFERS (default 500),
// BENCH_SEAL_ACCOUNTS (default 4 × BENCH_SEAL_TRANSFERS), BENCH_RESTORE_ACCOUNTS (default 100000).
import { availableParallelism } from "node:os";
import { PRODUCTION_TREE_DEPTHS, RollupState, SKIP_SIGNATURE_CHECKS, initPoseidon, poseidon } from "../dist/index.js";
import { PoseidonWorkerPool } from "../dist/parallel/poseidon-worker-pool.js";

const env = (name, fallback) => Number(process.env[name] ?? fallback);
const EXECUTE_TRANSFERS = env("BENCH_EXECUTE_TRANSFERS", 50_000);
const SEAL_TRANSFERS = env("BENCH_SEAL_TRANSFERS", 500);
const SEAL_ACCOUNTS = env("BENCH_SEAL_ACCOUNTS", 4 * SEAL_TRANSFERS);
const RESTORE_ACCOUNTS = env("BENCH_RESTORE_ACCOUNTS", 100_000);
const RANGE = { validFrom: 0, validUntil: 2 ** 32 - 1 };
const print = (bench, value, unit, extra = {}) => console.log(JSON.stringify({ bench, value: Number(value.toPrecision(4)), unit, ...extra }));
const address = (n) => `0x${n.toString(16).padStart(40, "0")}`;
const pubKeyHash = (n) => `sync:${(n + 1).toString(16).padStart(40, "0")}`;

// Deterministic pseudo-random pairs (xorshift), so every run does the same work.
function* pairs(accounts, count, seed = 88172645463325252n) {
  let x = seed;
  const next = () => {
    x ^= (x << 13n) & 0xffffffffffffffffn;
    x ^= x >> 7n;
    x ^= (x << 17n) & 0xffffffffffffffffn;
    return Number(x % BigInt(accounts));
  };
  for (let i = 0; i < count; i++) {
    const from = next() + 1;
    let to = next() + 1;
    if (to === from) to = (to % accounts) + 1;
    yield [from, to];
  }
}

function transfer(from, to, nonce) {
  return { type: "Transfer", accountId: from, from: address(from), to: address(to), token: 0, amount: 1000n, fee: 10n, nonce, ...RANGE };
}

/** Genesis + `accounts` funded, keyed accounts, all inside `block` (no hashing). */
function fund(block, accounts) {
  for (let i = 1; i <= accounts; i++) {
    block.applyPriorityOp({ type: "Deposit", from: address(i), to: address(i), token: 0, amount: 10n ** 30n });
    block.applyTx({ type: "ChangePubKey", accountId: i, account: address(i), newPkHash: pubKeyHash(i), feeToken: 0, fee: 0n, nonce: 0, ...RANGE, ethAuthData: { type: "Onchain" } });
  }
}

function newState() {
  return RollupState.genesis({ ...PRODUCTION_TREE_DEPTHS, feeAccountAddress: `0x${"fe".repeat(20)}`, signatureChecker: SKIP_SIGNATURE_CHECKS });
}

await initPoseidon();

{
  const inputs = [1n, 2n, 3n, 4n];
  for (let i = 0; i < 50; i++) poseidon(inputs);
  const n = 2000;
  const start = performance.now();
  for (let i = 0; i < n; i++) inputs[0] = poseidon(inputs);
  print("state.poseidon4", ((performance.now() - start) * 1000) / n, "us/hash");
}

{
  const accounts = 10_000;
  const state = newState();
  const block = state.openBlock({ blockNumber: 1, feeAccountId: 0, timestamp: 1, blockChunkSizes: [10_000_000] });
  fund(block, accounts);
  const nonces = new Array(accounts + 1).fill(1);
  const txs = [...pairs(accounts, EXECUTE_TRANSFERS)].map(([from, to]) => transfer(from, to, nonces[from]++));
  const start = performance.now();
  for (const tx of txs) block.applyTx(tx);
  const seconds = (performance.now() - start) / 1000;
  print("state.execute_transfers", EXECUTE_TRANSFERS / seconds, "tx/s", { transfers: EXECUTE_TRANSFERS, accounts, depths: "24/32" });
  block.abandon();
}

{
  // The calling thread hashes a share too: one worker per remaining core.
  const threads = Math.max(1, availableParallelism() - 1);
  const pool = await PoseidonWorkerPool.start({ threads });
  globalThis.gc?.();
  const heapBefore = process.memoryUsage().heapUsed;
  const state = newState();
  const setup = state.openBlock({ blockNumber: 1, feeAccountId: 0, timestamp: 1, blockChunkSizes: [12 * SEAL_ACCOUNTS] });
  fund(setup, SEAL_ACCOUNTS);
  await setup.sealWith(pool.hashBatch);
  globalThis.gc?.();
  const bytesPerAccount = (process.memoryUsage().heapUsed - heapBefore) / SEAL_ACCOUNTS;

  const nonces = new Array(SEAL_ACCOUNTS + 1).fill(1);
  const txs = [...pairs(SEAL_ACCOUNTS, SEAL_TRANSFERS, 1234567n)].map(([from, to]) => transfer(from, to, nonces[from]++));
  const start = performance.now();
  const block = state.openBlock({ blockNumber: 2, feeAccountId: 0, timestamp: 2, blockChunkSizes: [2 * SEAL_TRANSFERS] });
  for (const tx of txs) block.applyTx(tx);
  const sealed = await block.sealWith(pool.hashBatch);
  const seconds = (performance.now() - start) / 1000;
  await pool.close();
  const extra = { transfers: SEAL_TRANSFERS, accounts: SEAL_ACCOUNTS, hashingThreads: threads + 1, depths: "24/32" };
  print("state.seal_transfers", SEAL_TRANSFERS / seconds, "tx/s", extra);
  print("state.seal_hashes_per_transfer", sealed.hashesComputed / SEAL_TRANSFERS, "hashes/tx", extra);
  // Heap growth per account holding one token, with every tree node cached (GC forced before and after).
  print("state.heap_per_account", bytesPerAccount, "bytes", { accounts: SEAL_ACCOUNTS, depths: "24/32" });
}

{
  // A state of RESTORE_ACCOUNTS keyed accounts holding token 0 (every tenth also token 1 and an NFT-range
  // token in its extended tree), written as a snapshot, snapshotted again and restored.
  const accounts = [];
  for (let id = 1; id <= RESTORE_ACCOUNTS; id++) {
    const balances = [[0, 10n ** 18n + BigInt(id)]];
    if (id % 10 === 0) balances.push([1, BigInt(id)], [65_536 + id, 1n]);
    accounts.push({ id, address: address(id), nonce: id % 7, pubKeyHash: pubKeyHash(id), balances });
  }
  const genesis = newState().snapshot();
  const source = { ...genesis, nextAccountId: RESTORE_ACCOUNTS + 1, accounts: [genesis.accounts[0], ...accounts, ...genesis.accounts.slice(1)] };
  const options = { ...PRODUCTION_TREE_DEPTHS, signatureChecker: SKIP_SIGNATURE_CHECKS };
  const state = RollupState.fromSnapshot(source, options);
  const extra = { accounts: RESTORE_ACCOUNTS, depths: "24/32" };

  let start = performance.now();
  const snapshot = state.snapshot();
  print("state.snapshot_100k_s", (performance.now() - start) / 1000, "s", extra);

  start = performance.now();
  const restored = RollupState.fromSnapshot(snapshot, options);
  print("state.restore_100k_s", (performance.now() - start) / 1000, "s", extra);

  const pool = await PoseidonWorkerPool.start({ threads: Math.max(1, availableParallelism() - 1) });
  start = performance.now();
  const pooled = await RollupState.fromSnapshotWith(snapshot, options, pool.hashBatch);
  print("state.restore_100k_pool_s", (performance.now() - start) / 1000, "s", extra);
  await pool.close();
  if (restored.root !== state.root || pooled.root !== state.root) throw new Error("restored root differs");
}
