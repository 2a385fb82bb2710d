// The load the node benchmarks send: transfers pre-signed on worker threads (sign-worker.mjs), submitted over HTTP.
import { Worker } from "node:worker_threads";
import { availableParallelism } from "node:os";

/** `perUser` transfers per user from nonce `firstNonce`, each to the next users in turn; round-robin over users. */
export async function presign(users, ids, perUser, firstNonce, fee) {
  const workers = Math.max(1, availableParallelism());
  const jobs = users.map((user, u) => ({
    privateKey: user.wallet.privateKey,
    accountId: ids[u],
    to: Array.from({ length: perUser }, (_, k) => users[(u + 1 + (k % (users.length - 1))) % users.length].address),
    amount: "1000",
    fee: fee.toString(),
    firstNonce,
  }));
  const slices = Array.from({ length: workers }, (_, w) => jobs.filter((_, j) => j % workers === w));
  const results = await Promise.all(
    slices.map((slice) => new Promise((resolve, reject) => {
      const worker = new Worker(new URL("./sign-worker.mjs", import.meta.url), { workerData: { jobs: slice } });
      worker.once("message", resolve);
      worker.once("error", reject);
    })),
  );
  const perUserSigned = new Array(users.length);
  slices.forEach((slice, w) => slice.forEach((job, j) => (perUserSigned[jobs.indexOf(job)] = results[w][j])));
  // round-robin over users: each user's transfers arrive in nonce order
  const bodies = [];
  for (let k = 0; k < perUser; k++) for (let u = 0; u < users.length; u++) bodies.push(perUserSigned[u][k]);
  return bodies;
}

export async function submit(url, body) {
  const started = performance.now();
  const response = await fetch(`${url}/trpc/transaction.submit`, { method: "POST", headers: { "content-type": "application/json" }, body });
  const text = await response.text();
  if (!response.ok) throw new Error(`submission refused: ${text.slice(0, 300)}`);
  return performance.now() - started;
}

export async function settled(provider, expectedTotal, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const status = await provider.getNetworkStatus();
    if (status.totalTransactions >= expectedTotal && status.mempoolSize === 0 && status.pendingBlock === null) return status;
    if (Date.now() > deadline) throw new Error(`not settled: ${JSON.stringify(status)}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

