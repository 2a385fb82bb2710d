/**
 * The exit circuit at production depths (24/32, 24,253 constraints) proved in headless Debian Chromium by
 * `@zklite/prover/browser`'s web worker (snarkjs' browser build), with INSECURE dev keys served from
 * 127.0.0.1: the proofs verify in Node against the verification key and their public signals are the
 * statement's; the zkey is downloaded once and read from the Cache API afterwards; bad inputs, an
 * unsatisfiable input, a wrong key and cancellation end in typed errors, never a hang.
 */
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { groth16 } from "snarkjs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startBrowserProverHarness, type BrowserProverHarness } from "@zklite/prover/testing/browser";
import type { RollupState } from "@zklite/state";
import { ensureDevKeys, type DevKeys } from "../ceremony/dev-keys.js";
import { nftExit, randomExitState, randomFungibleExit } from "../test-support/exit-fixture.js";
import { compileExitCircuit } from "./exit-circuit.js";
import { exitFieldPublicInputs } from "./exit-statement.js";
import type { ExitWitness } from "./exit-witness.js";

const PRODUCTION = { accountTreeDepth: 24, balanceTreeDepth: 32 };
const sha256 = (file: string): string => createHash("sha256").update(readFileSync(file)).digest("hex");
const asJson = (input: ExitWitness["input"]): Record<string, unknown> => JSON.parse(JSON.stringify(input, (_key, value: unknown) => (typeof value === "bigint" ? value.toString() : value))) as Record<string, unknown>;

describe("exit proofs in Chromium (web worker, production depths 24/32)", () => {
  let harness: BrowserProverHarness;
  let keys: DevKeys;
  let vkey: unknown;
  let state: RollupState;
  let files: { wasmUrl: string; zkeyUrl: string; wasmSha256: string; zkeySha256: string };

  beforeAll(async () => {
    const circuit = await compileExitCircuit("field-inputs", PRODUCTION);
    expect(circuit.header.constraints).toBe(24_253);
    keys = await ensureDevKeys(circuit);
    vkey = JSON.parse(readFileSync(keys.verificationKeyPath, "utf8"));
    const other = await ensureDevKeys(await compileExitCircuit("field-inputs", { accountTreeDepth: 4, balanceTreeDepth: 16 }));
    state = randomExitState(PRODUCTION, 6, 2);
    files = { wasmUrl: "/keys/exit.wasm", zkeyUrl: "/keys/exit.zkey", wasmSha256: sha256(circuit.wasmPath), zkeySha256: sha256(keys.zkeyPath) };
    harness = await startBrowserProverHarness({ "/keys/exit.wasm": circuit.wasmPath, "/keys/exit.zkey": keys.zkeyPath, "/keys/other.zkey": other.zkeyPath });
  });

  afterAll(async () => {
    await harness?.close();
  });

  async function expectVerifiedProof(exit: ExitWitness): Promise<Extract<Awaited<ReturnType<BrowserProverHarness["prove"]>>, { ok: true }>> {
    const result = await harness.prove({ ...files, input: asJson(exit.input) });
    if (!result.ok) throw new Error(`the browser prover refused: ${result.code}: ${result.message}`);
    expect(result.publicSignals).toEqual(exitFieldPublicInputs(exit.statement).map(String));
    await expect(groth16.verify(vkey, result.publicSignals, result.proof as Parameters<typeof groth16.verify>[2])).resolves.toBe(true);
    return result;
  }

  it("proves a fungible exit; the proof verifies in Node and its public signals are the statement; the zkey is downloaded once", async () => {
    const result = await expectVerifiedProof(randomFungibleExit(state));
    expect(harness.requests("/keys/exit.zkey")).toBe(1);
    const stages = result.events.map((event) => event.stage);
    expect(stages).toEqual(expect.arrayContaining(["cache", "download", "witness", "proving", "done"]));
    expect(stages.indexOf("witness")).toBeLessThan(stages.indexOf("proving"));
    expect(result.events).toContainEqual({ stage: "cache", file: "zkey", hit: false, bytes: 0 });
    const lastDownload = result.events.filter((event) => event.stage === "download" && event.file === "zkey").at(-1);
    expect(lastDownload).toEqual({ stage: "download", file: "zkey", loaded: readFileSync(keys.zkeyPath).byteLength, total: readFileSync(keys.zkeyPath).byteLength });
    expect(result.timings).toEqual(expect.objectContaining({ zkeyCached: false }));
    console.log(`[exit-browser] fungible exit proved in Chromium: ${JSON.stringify(result.timings)}`);
  });

  it("proves an NFT exit in a new worker with the zkey from the Cache API (no second download)", async () => {
    const result = await expectVerifiedProof(nftExit(state, 1));
    expect(harness.requests("/keys/exit.zkey")).toBe(1);
    expect(harness.requests("/keys/exit.wasm")).toBe(1);
    expect(result.events).toContainEqual({ stage: "cache", file: "zkey", hit: true, bytes: readFileSync(keys.zkeyPath).byteLength });
    expect(result.events.some((event) => event.stage === "download")).toBe(false);
    expect(result.timings).toEqual(expect.objectContaining({ zkeyCached: true }));
    console.log(`[exit-browser] NFT exit proved in Chromium (cached key): ${JSON.stringify(result.timings)}`);
  });

  it("refuses a tampered input (wrong balance) with CIRCUIT_UNSATISFIED, at the witness stage", async () => {
    const exit = randomFungibleExit(state);
    const result = await harness.prove({ ...files, input: { ...asJson(exit.input), amount: String(exit.statement.amount + 1n) } });
    expect(result).toEqual(expect.objectContaining({ ok: false, code: "CIRCUIT_UNSATISFIED", name: "ZkLiteError", isExitProverError: true }));
    expect(result.events.some((event) => event.stage === "proving")).toBe(false);
  });

  it("refuses malformed inputs with BAD_INPUT: not a field element, a missing signal, an unknown one", async () => {
    const input = asJson(randomFungibleExit(state).input);
    const { amount: _amount, ...missing } = input;
    for (const bad of [{ ...input, amount: "12abc" }, { ...input, amount: "21888242871839275222246405745257275088548364400416034343698204186575808495617" }, missing, { ...input, surprise: "1" }]) {
      const result = await harness.prove({ ...files, input: bad });
      expect(result).toEqual(expect.objectContaining({ ok: false, code: "BAD_INPUT", isExitProverError: true }));
    }
  });

  it("refuses a zkey with another hash, and the zkey of another circuit, with KEY_MISMATCH", async () => {
    const input = asJson(randomFungibleExit(state).input);
    const wrongHash = await harness.prove({ ...files, zkeySha256: "ab".repeat(32), input });
    expect(wrongHash).toEqual(expect.objectContaining({ ok: false, code: "KEY_MISMATCH" }));
    const otherCircuit = await harness.prove({ ...files, zkeyUrl: "/keys/other.zkey", zkeySha256: undefined, input });
    expect(otherCircuit).toEqual(expect.objectContaining({ ok: false, code: "KEY_MISMATCH" }));
    expect(otherCircuit.ok === false && otherCircuit.message).toMatch(/not for this circuit/);
  });

  it("takes the files as bytes too (a wrong hash of them → KEY_MISMATCH), and a worker that cannot load → WORKER_FAILED", async () => {
    const exit = randomFungibleExit(state);
    const tampered = { ...asJson(exit.input), amount: String(exit.statement.amount + 1n) };
    const asBytes = await harness.prove({ ...files, asBytes: true, input: tampered });
    expect(asBytes).toEqual(expect.objectContaining({ ok: false, code: "CIRCUIT_UNSATISFIED" })); // loaded, hashed, ran the circuit
    const wrongBytes = await harness.prove({ ...files, asBytes: true, zkeySha256: "cd".repeat(32), input: tampered });
    expect(wrongBytes).toEqual(expect.objectContaining({ ok: false, code: "KEY_MISMATCH" }));
    const noWorker = await harness.prove({ ...files, workerUrl: "/missing-worker.js", input: tampered });
    expect(noWorker).toEqual(expect.objectContaining({ ok: false, code: "WORKER_FAILED", isExitProverError: true }));
  });

  it("cancels a running proof (ABORTED within a second), and the same prover then works again", async () => {
    const exit = randomFungibleExit(state);
    const downloads = harness.requests("/keys/exit.zkey");
    const aborted = await harness.prove({ ...files, input: asJson(exit.input), shared: true, abortAt: "proving" });
    expect(aborted).toEqual(expect.objectContaining({ ok: false, code: "ABORTED", isExitProverError: true }));
    expect(aborted.ok === false && aborted.msAfterAbort).toBeLessThan(1000);
    // a new worker behind the same ExitProver: it loads the key (from the cache) and runs the circuit again
    const after = await harness.prove({ ...files, input: { ...asJson(exit.input), amount: String(exit.statement.amount + 1n) }, shared: true });
    expect(after).toEqual(expect.objectContaining({ ok: false, code: "CIRCUIT_UNSATISFIED" }));
    expect(harness.requests("/keys/exit.zkey")).toBe(downloads); // both workers read the key from the Cache API
  });
});
