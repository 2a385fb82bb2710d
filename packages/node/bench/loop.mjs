// Benchmarks of the rollup loop with real proofs (run `npm run build` first): the proving devnet of the tests
// (Hardhat L1 with the 12-chunk block circuit's and the exit circuit's verifiers, the node on PostgreSQL, one
// `zklite-prover-worker`). One JSON object per line:
//   loop.block_latency_s  one transfer: submitted → its block executed on L1 (quiet devnet, 1 prover)
//   loop.proven_tps       BENCH_LOOP_TRANSFERS transfers (default 30) submitted at once → all executed on L1
//   prover.prove_s        one stored 12-chunk block: witness + Groth16, native engine and snarkjs side by side
// Usage: npm run bench -w @zklite/node -- --only loop
import { gunzipSync } from "node:zlib";
import { calculateWitness, nativeEngine, snarkjsEngine, loadKeySet } from "@zklite/prover";
import { Wallet } from "@zklite/sdk";
import { parseEther, Wallet as EthersWallet } from "ethers";
import { startProvingDevnet, PROVING_BLOCK_SIZE } from "../dist/testing/proving-devnet.js";

const TRANSFERS = Number(process.env.BENCH_LOOP_TRANSFERS ?? 30);
const print = (bench, value, unit, extra = {}) => console.log(JSON.stringify({ bench, value: Number(Number(value).toPrecision(4)), unit, chunks: PROVING_BLOCK_SIZE, ...extra }));
const log = (...args) => console.error("[bench]", ...args);

const devnet = await startProvingDevnet({ ZKLITE_LOG_LEVEL: "warn" });
try {
  devnet.startWorker("bench");
  const users = await Promise.all([1, 2, 3, 4, 5, 6].map(async (i) => Wallet.fromEthSigner(await devnet.l1.signer(i), devnet.provider)));
  log("funding", users.length, "users");
  for (const user of users) {
    const op = await user.depositToSyncFromEthereum({ depositTo: user.address(), token: "ETH", amount: parseEther("10") });
    await op.awaitEthereumTxCommit();
  }
  await devnet.l1.mine(2);
  for (const user of users) await (await user.setSigningKey({ feeToken: "ETH", ethAuthType: "ECDSA" })).awaitReceipt(120_000);
  // let the setup blocks reach L1 so the latency below is the transfer's own
  for (;;) {
    const now = await devnet.provider.getNetworkStatus();
    if (now.mempoolSize === 0 && now.pendingBlock === null && now.lastExecutedBlock >= now.lastSealedBlock) break;
    await new Promise((resolve) => setTimeout(resolve, 500));
  }

  log("one transfer");
  const started = performance.now();
  const single = await users[0].syncTransfer({ to: users[1].address(), token: "ETH", amount: 1000n });
  await single.awaitVerifyReceipt(15 * 60_000);
  print("loop.block_latency_s", (performance.now() - started) / 1000, "s", { provers: 1, engine: "native" });

  log(TRANSFERS, "transfers");
  const perUser = Math.ceil(TRANSFERS / users.length);
  const nonces = await Promise.all(users.map((user) => user.getNonce()));
  const loadStarted = performance.now();
  const handles = [];
  for (let k = 0; k < perUser; k++) {
    for (const [u, user] of users.entries()) {
      if (handles.length === TRANSFERS) break;
      handles.push(await user.syncTransfer({ to: EthersWallet.createRandom().address, token: "ETH", amount: 1000n, nonce: nonces[u] + k }));
    }
  }
  await Promise.all(handles.map((handle) => handle.awaitVerifyReceipt(60 * 60_000)));
  const seconds = (performance.now() - loadStarted) / 1000;
  print("loop.proven_tps", TRANSFERS / seconds, "tx/s", { transfers: TRANSFERS, seconds: Math.round(seconds), provers: 1, note: "transfers to new accounts (6 chunks each: 2 per 12-chunk block)" });

  log("prover engines on one stored block");
  const row = await devnet.database.prisma.blockWitness.findFirstOrThrow({ orderBy: { blockNumber: "desc" } });
  const circuit = loadKeySet(devnet.keySetPath, "prove").blocks.get(PROVING_BLOCK_SIZE);
  const input = JSON.parse(gunzipSync(row.witness).toString("utf8"));
  const witnessStarted = performance.now();
  const wtns = await calculateWitness(circuit.wasmPath, input);
  const witnessS = (performance.now() - witnessStarted) / 1000;
  for (const engine of [nativeEngine, snarkjsEngine]) {
    const proveStarted = performance.now();
    await engine.prove(circuit.zkeyPath, wtns);
    print("prover.prove_s", (performance.now() - proveStarted) / 1000, "s", { engine: engine.name, witnessS: Number(witnessS.toFixed(2)), block: row.blockNumber });
  }
} finally {
  await devnet.close();
}
process.exit(0);
