/* global process, console, performance */
// Prover benchmarks, one JSON object per line ({"bench", "value", "unit", ...}):
//   prover.*   the native prover and snarkjs 0.7.6 on the same zkey and witness in this run: wall time per
//              constraint, speed-up (wall and CPU time), peak RSS of each (each runs in its own process)
//   devkeys.*  the fast INSECURE dev key generator, from the .r1cs to a snarkjs-compatible zkey
//   exit.prove_s_node     the same exit proof in Node as zklite-exit makes it: witness + the native prover
//   exit.browser_prove_s  the exit circuit (field inputs, production depths 24/32) proved in headless Chromium by
//              @zklite/prover/browser's web worker (snarkjs' browser build), INSECURE dev keys, key from the Cache API
// Cases: the package's 49,440-constraint test circuit (always), and the 2-chunk block circuit of
// @zklite/circuits when that package is built and its compiled circuit is in the per-machine cache
// (read through a relative import: @zklite/prover does not depend on @zklite/circuits).
// usage: npm run bench -w @zklite/prover [-- --only medium|block2|block8|exit-browser] [-- --runs N] [-- --zkey Z --wtns W [--name N]]
//        (block8: the 8-chunk production block, not in the default run; its circuit is compiled on first use)
import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import os from "node:os";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { generateDevZkey, nativeEngine, nativeProverStatus } from "../dist/index.js";

const here = path.dirname(fileURLToPath(import.meta.url));
const argument = (name, fallback) => {
  const at = process.argv.indexOf(name);
  return at >= 0 ? process.argv[at + 1] : fallback;
};
const only = argument("--only", "all");
// the first native proof of a key also checks every point of it (once per key file and process)
const runs = Number(argument("--runs", "2"));
const print = (line) => console.log(JSON.stringify(line));
const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const machine = `${os.cpus().length} cores, ${os.cpus()[0]?.model ?? "?"}, load ${os.loadavg()[0].toFixed(1)}`;

const status = nativeProverStatus();
if (!status.available) {
  print({ bench: "prover.native_available", value: 0, unit: "bool", note: status.reason });
  process.exit(0);
}

/** snarkjs in a child process of its own, so its peak RSS and CPU time are its own */
function snarkjsProve(zkey, wtns) {
  const script = `
    import * as snarkjs from "snarkjs";
    const started = performance.now();
    const { proof, publicSignals } = await snarkjs.groth16.prove(${JSON.stringify(zkey)}, ${JSON.stringify(wtns)});
    const ms = performance.now() - started;
    const usage = process.resourceUsage();
    console.log(JSON.stringify({ ms, cpu: (usage.userCPUTime + usage.systemCPUTime) / 1e6, maxRSS: usage.maxRSS * 1024, proof, publicSignals }));
    process.exit(0);`;
  const result = spawnSync(process.execPath, ["--input-type=module", "-e", script], { cwd: here, encoding: "utf8", maxBuffer: 1 << 26 });
  if (result.status !== 0) throw new Error(`snarkjs failed: ${result.stderr}`);
  return JSON.parse(result.stdout.trim().split("\n").pop());
}

async function verify(zkey, result) {
  const snarkjs = await import("snarkjs");
  const vkey = await snarkjs.zKey.exportVerificationKey(zkey);
  return snarkjs.groth16.verify(vkey, result.publicSignals, result.proof);
}

async function compare(name, zkey, wtns, constraints) {
  const native = [];
  let last;
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    last = await nativeEngine.prove(zkey, wtns);
    native.push({ ms: performance.now() - started, cpu: last.stats.cpu_seconds, rss: last.stats.peak_rss_bytes });
  }
  if (!(await verify(zkey, last))) throw new Error(`${name}: the native proof does not verify`);
  const sj = snarkjsProve(zkey, wtns);
  if (!(await verify(zkey, sj))) throw new Error(`${name}: the snarkjs proof does not verify`);
  const steady = native.length > 1 ? native.slice(1) : native;
  const ms = median(steady.map((r) => r.ms));
  const cpu = median(steady.map((r) => r.cpu));
  const rss = Math.max(...native.map((r) => r.rss));
  const base = { case: name, constraints, domain: last.stats.domain, threads: last.stats.threads, machine, first_native_ms: Math.round(native[0].ms) };
  print({ bench: "prover.us_per_constraint", value: Number(((ms * 1000) / constraints).toFixed(2)), unit: "µs/constraint", ...base, native_ms: Math.round(ms), cpu_us_per_constraint: Number(((cpu * 1e6) / constraints).toFixed(2)), stages_s: last.stats.seconds });
  print({ bench: "prover.speedup_vs_snarkjs", value: Number((sj.ms / ms).toFixed(2)), unit: "x (wall)", ...base, native_ms: Math.round(ms), snarkjs_ms: Math.round(sj.ms) });
  print({ bench: "prover.speedup_vs_snarkjs_cpu", value: Number((sj.cpu / cpu).toFixed(2)), unit: "x (CPU time)", ...base, native_cpu_s: cpu, snarkjs_cpu_s: Number(sj.cpu.toFixed(2)) });
  print({ bench: "prover.peak_rss", value: rss, unit: "bytes", ...base, snarkjs_peak_rss: sj.maxRSS, ratio: Number((rss / sj.maxRSS).toFixed(3)) });
}

async function devkeys(name, r1csPath, zkeyPath) {
  const started = performance.now();
  const result = await generateDevZkey({ r1csPath, zkeyPath });
  const seconds = (performance.now() - started) / 1000;
  print({ bench: `devkeys.${name}_s`, value: Number(seconds.toFixed(2)), unit: "s", case: name, constraints: result.constraints, domain: result.domain, cpu_s: result.cpu_seconds, peak_rss: result.peak_rss_bytes, insecure: true, machine });
  return result;
}

const workDir = path.join(here, "..", ".cache", "bench");
mkdirSync(workDir, { recursive: true });

if (argument("--zkey") !== undefined) {
  await compare(argument("--name", "custom"), argument("--zkey"), argument("--wtns"), Number(argument("--constraints", "0")) || 1);
}

if (only === "all" || only === "medium") {
  {
    const fixtures = await import("../dist/test-support/fixtures.js");
    const medium = await fixtures.devKeyFixture("medium");
    const zkey = path.join(workDir, "medium.zkey");
    const result = await devkeys("medium", medium.r1csPath, zkey);
    const wtns = path.join(workDir, "medium.wtns");
    writeFileSync(wtns, await fixtures.witnessBytes(medium, fixtures.mediumInput()));
    await compare("medium (49,440 constraints: squares, Poseidon, bits)", zkey, wtns, result.constraints);
  }
}

/** A real block witness through @zklite/circuits (relative import: no package dependency), then both provers. */
async function blockCase(label, parameters, devkeysName) {
  const circuitsDist = path.join(here, "..", "..", "..", "circuits", "dist");
  if (!existsSync(path.join(circuitsDist, "index.js"))) {
    print({ bench: `prover.${devkeysName}`, value: 0, unit: "skipped", note: "build @zklite/circuits first" });
    return;
  }
  const circuits = await import(pathToFileURL(path.join(circuitsDist, "index.js")).href);
  const { BlockScenario } = await import(pathToFileURL(path.join(circuitsDist, "test-support", "block-scenario.js")).href);
  const { init } = await import("@zklite/crypto-wasm");
  await init();
  const circuit = await circuits.compileBlockCircuit(parameters); // cached per machine; the first compilation takes minutes
  const scenario = new BlockScenario({ ...parameters, chunks: Math.max(parameters.chunks, 16) }, 0xbe9c);
  scenario.randomBlock(["deposit"]).commit();
  scenario.randomBlock(["changePubKey"]).commit();
  const request = { blockNumber: 3, feeAccountId: 0, timestamp: 1_700_000_120, operations: [scenario.transferEntry()] };
  const witness = circuits.buildBlockWitness(scenario.state.tree, request, parameters);
  const snarkjs = await import("snarkjs");
  const wtns = path.join(workDir, `${devkeysName}.wtns`);
  await snarkjs.wtns.calculate(witness.input, circuit.wasmPath, wtns);
  const zkey = path.join(workDir, `${devkeysName}.zkey`);
  await devkeys(devkeysName, circuit.r1csPath, zkey);
  await compare(label, zkey, wtns, circuit.header.constraints);
}

if (only === "all" || only === "block2") {
  await blockCase("block, 2 chunks (one Transfer, depths 4/32)", { chunks: 2, accountDepth: 4, balanceDepth: 32, feeSlots: 1, extendedLanes: 1 }, "block_2");
}

/**
 * The exit circuit at 24/32 in Chromium (the wallet's exodus path): a random RollupState and buildExitWitness
 * through @zklite/circuits (relative import), the page and worker bundles of this package's dist, served on
 * 127.0.0.1. One cold proof (downloads the zkey), then `runs` proofs each in a new worker with the zkey from the
 * Cache API (the wallet reopened): value = their median wall time, from the page's call to the proof.
 */
async function exitBrowserCase() {
  const circuitsDist = path.join(here, "..", "..", "..", "circuits", "dist");
  if (!existsSync(path.join(circuitsDist, "test-support", "exit-fixture.js"))) {
    print({ bench: "exit.browser_prove_s", value: 0, unit: "skipped", note: "build @zklite/circuits first" });
    return;
  }
  const circuits = await import(pathToFileURL(path.join(circuitsDist, "index.js")).href);
  const fixture = await import(pathToFileURL(path.join(circuitsDist, "test-support", "exit-fixture.js")).href);
  const { initPoseidon } = await import(pathToFileURL(createRequire(path.join(circuitsDist, "index.js")).resolve("@zklite/state")).href);
  await initPoseidon();
  const depths = { accountTreeDepth: 24, balanceTreeDepth: 32 };
  const circuit = await circuits.compileExitCircuit("field-inputs", depths); // cached per machine
  const keys = await circuits.ensureDevKeys(circuit); // INSECURE
  const exit = fixture.randomFungibleExit(fixture.randomExitState(depths, 6, 0));
  const input = JSON.parse(JSON.stringify(exit.input, (_k, v) => (typeof v === "bigint" ? v.toString() : v)));
  const sha = (file) => createHash("sha256").update(readFileSync(file)).digest("hex");
  const files = { wasmUrl: "/keys/exit.wasm", zkeyUrl: "/keys/exit.zkey", wasmSha256: sha(circuit.wasmPath), zkeySha256: sha(keys.zkeyPath) };
  const { startBrowserProverHarness } = await import("../dist/test-support/browser-harness.js");
  const harness = await startBrowserProverHarness({ "/keys/exit.wasm": circuit.wasmPath, "/keys/exit.zkey": keys.zkeyPath });
  const snarkjs = await import("snarkjs");
  const vkey = JSON.parse(readFileSync(keys.verificationKeyPath, "utf8"));
  const expected = circuits.exitFieldPublicInputs(exit.statement).map(String);
  const proveOnce = async (shared = false) => {
    const result = await harness.prove({ ...files, input, shared });
    if (!result.ok) throw new Error(`exit-browser: ${result.code}: ${result.message}`);
    if (JSON.stringify(result.publicSignals) !== JSON.stringify(expected) || !(await snarkjs.groth16.verify(vkey, result.publicSignals, result.proof))) {
      throw new Error("exit-browser: the browser proof does not verify");
    }
    return result;
  };
  let browserInfo;
  try {
    browserInfo = await harness.page.evaluate(() => ({ threads: globalThis.navigator.hardwareConcurrency }));
    const cold = await proveOnce();
    const warm = [];
    for (let i = 0; i < runs; i++) warm.push(await proveOnce());
    const ms = median(warm.map((r) => r.ms));
    await proveOnce(true); // one ExitProver kept by the page: its second proof reuses the worker, key and curve
    const sharedSecond = await proveOnce(true);
    const pick = warm.find((r) => r.ms === ms) ?? warm[0];
    const wtns = path.join(workDir, "exit_24_32.wtns");
    const witnessStarted = performance.now();
    await snarkjs.wtns.calculate(exit.input, circuit.wasmPath, wtns);
    const witnessMs = performance.now() - witnessStarted;
    const node = snarkjsProve(keys.zkeyPath, wtns);
    // the exit tool's path (zklite-exit): witness in Node + the native prover; the first proof of a key checks its points
    await nativeEngine.prove(keys.zkeyPath, wtns);
    const nativeStarted = performance.now();
    const native = await nativeEngine.prove(keys.zkeyPath, wtns);
    const nativeMs = performance.now() - nativeStarted;
    if (!(await snarkjs.groth16.verify(vkey, native.publicSignals, native.proof))) throw new Error("exit-node: the native proof does not verify");
    print({
      bench: "exit.prove_s_node", value: Number(((witnessMs + nativeMs) / 1000).toFixed(2)), unit: "s", case: "exit, field inputs, depths 24/32 (fungible token)",
      witness_s: Number((witnessMs / 1000).toFixed(2)), native_prove_s: Number((nativeMs / 1000).toFixed(2)), snarkjs_prove_s: Number((node.ms / 1000).toFixed(2)),
      goal: "<= 5", insecure_dev_keys: true, machine,
    });
    print({
      bench: "exit.browser_prove_s", value: Number((ms / 1000).toFixed(2)), unit: "s", case: "exit, field inputs, depths 24/32 (fungible token)",
      constraints: circuit.header.constraints, domain: 2 ** 15, zkey_bytes: readFileSync(keys.zkeyPath).byteLength, runs,
      load_s: Number((pick.timings.loadMs / 1000).toFixed(2)), witness_s: Number((pick.timings.witnessMs / 1000).toFixed(2)), proving_s: Number((pick.timings.provingMs / 1000).toFixed(2)),
      cold_s: Number((cold.ms / 1000).toFixed(2)), cold_load_s: Number((cold.timings.loadMs / 1000).toFixed(2)),
      node_snarkjs_s: Number((node.ms / 1000).toFixed(2)), shared_worker_second_s: Number((sharedSecond.ms / 1000).toFixed(2)),
      node_snarkjs_s_note: "snarkjs 0.7.6 in Node on the same zkey and witness, same machine",
      browser: `Chromium ${harness.browserVersion} headless, ${browserInfo.threads} threads`, insecure_dev_keys: true, machine,
    });
  } finally {
    await harness.close();
  }
}

if (only === "all" || only === "exit-browser") await exitBrowserCase();

// not in "all": compiling the 8-chunk production circuit takes ~10 min and 2 GB the first time
if (only === "block8") {
  const circuitsDist = path.join(here, "..", "..", "..", "circuits", "dist");
  const { productionBlockCircuit } = await import(pathToFileURL(path.join(circuitsDist, "index.js")).href);
  await blockCase("production block, 8 chunks (one Transfer, depths 24/32, 8 fee slots, 4 lanes)", productionBlockCircuit(8), "block_8_production");
}
process.exit(0);
