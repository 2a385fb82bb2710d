#!/usr/bin/env node
// Benchmarks of the fast engine against the libraries it replaces, measured in this process on the same
// inputs: zksync-crypto's verify_musig / sign_musig and circomlibjs' Poseidon. Prints one JSON object per
// line. Each contender runs in several alternating rounds and the best round counts, which keeps the
// comparison fair on a busy machine. Run after `npm run build` (it imports dist/).
import { availableParallelism, cpus } from "node:os";
import { createRequire } from "node:module";
import { randomBytes } from "node:crypto";
import { buildPoseidon } from "circomlibjs";
import {
  closeFastWorkers,
  fastEngineKind,
  initFast,
  verifyMusigBatch,
} from "../dist/fast/index.js";
import { loadNativeEngine, loadWasmEngine } from "../dist/fast/engine/load-engine.js";

const require = createRequire(import.meta.url);
const zksync = require("zksync-crypto");
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);
const ROUND_MS = Number(process.env.BENCH_ROUND_MS ?? 1000);

const emit = (record) => console.log(JSON.stringify(record));
/** BENCH_ONLY=verify|sign|batch|poseidon runs one section. */
const only = process.env.BENCH_ONLY;
const runs = (section) => only === undefined || only === section;

/** Calls `step(i)` repeatedly for about ROUND_MS; returns operations per second. */
function measureRound(step) {
  const started = performance.now();
  let operations = 0;
  while (performance.now() - started < ROUND_MS) {
    for (let i = 0; i < 4; i++) step(operations++);
  }
  return (operations * 1000) / (performance.now() - started);
}

/** Alternating rounds of every contender; best round per contender. */
function compare(contenders) {
  const best = Object.fromEntries(Object.keys(contenders).map((name) => [name, 0]));
  for (let round = 0; round < ROUNDS; round++) {
    for (const [name, step] of Object.entries(contenders)) best[name] = Math.max(best[name], measureRound(step));
  }
  return best;
}

const round1 = (value) => Math.round(value * 10) / 10;
const machine = { cores: availableParallelism(), cpu: cpus()[0]?.model ?? "unknown", node: process.version };

// --- inputs: signatures made by zksync-crypto
const keys = Array.from({ length: 8 }, () => zksync.privateKeyFromSeed(randomBytes(32)));
const signed = Array.from({ length: 64 }, (_, i) => {
  const message = randomBytes(i % 93);
  const privateKey = keys[i % keys.length];
  return { privateKey, message, signature: zksync.sign_musig(privateKey, message) };
});
const pick = (i) => signed[i % signed.length];

await initFast();
const engines = { default: (await import("../dist/fast/index.js")).verifyMusig };
const wasm = (await loadWasmEngine()).engine;
const nativeX64 = loadNativeEngine("x64")?.engine;
const portable = loadNativeEngine("portable")?.engine;
for (const { message, signature } of signed) {
  if (!zksync.verify_musig(message, signature) || !engines.default(message, signature) || !wasm.verifyMusig(message, signature)) {
    throw new Error("a benchmark input does not verify");
  }
}
emit({ bench: "setup", value: signed.length, unit: "signatures", defaultEngine: fastEngineKind(), ...machine });

// --- verifyMusig, single thread
const verify = {};
if (runs("verify") || runs("batch")) {
const verifyContenders = {
  "zksync-crypto": (i) => zksync.verify_musig(pick(i).message, pick(i).signature),
  [`fast (default: ${fastEngineKind()})`]: (i) => engines.default(pick(i).message, pick(i).signature),
  "fast wasm": (i) => wasm.verifyMusig(pick(i).message, pick(i).signature),
};
if (portable !== undefined) verifyContenders["fast native portable"] = (i) => portable.verifyMusig(pick(i).message, pick(i).signature);
Object.assign(verify, compare(verifyContenders));
for (const [engine, value] of Object.entries(verify)) {
  emit({ bench: "verifyMusig", engine, value: round1(value), unit: "ops/s", threads: 1, vsZksyncCrypto: round1(value / verify["zksync-crypto"]) });
}
if (nativeX64 !== undefined) {
  // the same x64 addon with the scalar Rescue kernel, for CPUs without AVX-512 IFMA
  loadNativeEngine("x64", { vectorKernel: false });
  const scalar = compare({ "fast native x64, scalar Rescue": (i) => nativeX64.verifyMusig(pick(i).message, pick(i).signature) });
  loadNativeEngine("x64", { vectorKernel: true });
  const value = scalar["fast native x64, scalar Rescue"];
  emit({ bench: "verifyMusig", engine: "fast native x64, scalar Rescue", value: round1(value), unit: "ops/s", threads: 1, vsZksyncCrypto: round1(value / verify["zksync-crypto"]) });
}

}

// --- signMusig, single thread
if (runs("sign")) {
const defaultEngine = nativeX64 ?? portable ?? wasm;
const sign = compare({
  "zksync-crypto": (i) => zksync.sign_musig(pick(i).privateKey, pick(i).message),
  [`fast (${defaultEngine.variant})`]: (i) => defaultEngine.signMusig(pick(i).privateKey, pick(i).message),
  "fast wasm": (i) => wasm.signMusig(pick(i).privateKey, pick(i).message),
});
for (const [engine, value] of Object.entries(sign)) {
  emit({ bench: "signMusig", engine, value: round1(value), unit: "ops/s", threads: 1, vsZksyncCrypto: round1(value / sign["zksync-crypto"]) });
}

}

// --- verifyMusigBatch over worker_threads
if (runs("batch")) {
const batchItems = Array.from({ length: Number(process.env.BENCH_BATCH ?? 4000) }, (_, i) => pick(i));
await verifyMusigBatch(batchItems.slice(0, 64)); // start the workers
let batchBest = 0;
for (let round = 0; round < Math.max(2, Math.ceil(ROUNDS / 2)); round++) {
  const started = performance.now();
  const results = await verifyMusigBatch(batchItems);
  const elapsed = performance.now() - started;
  if (results.some((ok) => !ok)) throw new Error("batch verification rejected a valid signature");
  batchBest = Math.max(batchBest, (batchItems.length * 1000) / elapsed);
}
const singleDefault = verify[`fast (default: ${fastEngineKind()})`];
emit({
  bench: "verifyMusigBatch",
  engine: fastEngineKind(),
  value: round1(batchBest),
  unit: "ops/s",
  threads: availableParallelism(),
  items: batchItems.length,
  vsSingleThread: round1(batchBest / singleDefault),
  vsZksyncCrypto: round1(batchBest / verify["zksync-crypto"]),
});
await closeFastWorkers();
}

// --- Poseidon
if (runs("poseidon")) {
const circomlib = await buildPoseidon();
const { poseidon } = await import("../dist/fast/index.js");
for (const width of [2, 4, 5]) {
  const inputs = Array.from({ length: 64 }, (_, i) => Array.from({ length: width }, (_, j) => BigInt(i * 31 + j) * 0x1234567890abcdefn));
  for (const values of inputs) {
    if (poseidon(values) !== circomlib.F.toObject(circomlib(values))) throw new Error("Poseidon mismatch");
  }
  const result = compare({
    circomlibjs: (i) => circomlib.F.toObject(circomlib(inputs[i % 64])),
    [`fast (default: ${fastEngineKind()})`]: (i) => poseidon(inputs[i % 64]),
    "fast wasm": (i) => wasm.poseidon(inputs[i % 64]),
  });
  for (const [engine, value] of Object.entries(result)) {
    emit({ bench: `poseidon${width}`, engine, value: round1(value), unit: "ops/s", vsCircomlibjs: round1(value / result.circomlibjs) });
  }
}
}
