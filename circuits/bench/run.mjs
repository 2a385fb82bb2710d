/* global process, console, performance */
// Circuit benchmarks, one JSON object per line:
//   constraints.*  the block circuit's constraint model at production parameters (24/32, 8 fee slots, the
//                  sizes' extended lanes) and at the tests' depths, checked against the compiled 16-chunk test
//                  circuit (bench/block-constraints.mjs)
//   block.*        witness generation and Groth16 proving of a 2-chunk test block (one Transfer), dev keys
//   exit.*         the same for the field-input exit circuit at test and production depths
// Compilations, ptau files and keys are built on first use and cached per machine (~/.cache/zklite).
// usage: npm run bench -w @zklite/circuits [-- --runs 3] [-- --only constraints|block|exit]
import { randomBytes, randomInt } from "node:crypto";
import { init } from "@zklite/crypto-wasm";
import { initPoseidon } from "@zklite/state";
import { MutableStateTree } from "@zklite/state/internal";
import {
  buildBlockWitness,
  buildExitWitness,
  calculateWitness,
  compileBlockCircuit,
  compileExitCircuit,
  ensureDevKeys,
  PRODUCTION_BLOCK_SIZES,
  PRODUCTION_BLOCK_TREE,
  productionExtendedLanes,
  proveGroth16,
  verifyGroth16,
} from "../dist/index.js";
import { BlockScenario } from "../dist/test-support/block-scenario.js";
import { constraintsPerChunk, estimateBlockConstraints, logModel, measureBlockComponents } from "./block-constraints.mjs";

await initPoseidon();

const argument = (name, fallback) => {
  const at = process.argv.indexOf(name);
  return at >= 0 ? process.argv[at + 1] : fallback;
};
const runs = Number(argument("--runs", "3"));
const only = argument("--only", "all");
const print = (line) => console.log(JSON.stringify(line));
const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

const OPERATION_CHUNKS = { Noop: 1, Deposit: 6, TransferToNew: 6, Withdraw: 6, Transfer: 2, FullExit: 11, ChangePubKey: 6, ForcedExit: 6, MintNFT: 5, WithdrawNFT: 10, Swap: 5 };
const PRODUCTION_FEE_SLOTS = PRODUCTION_BLOCK_TREE.feeSlots;

if (only === "all" || only === "constraints") {
  const production = await measureBlockComponents(24, 32);
  logModel(production);
  // the throughput size: the marginal chunk there, and everything per transfer in a block full of transfers
  const largest = Math.max(...PRODUCTION_BLOCK_SIZES);
  const largestLanes = productionExtendedLanes(largest);
  const perChunk = constraintsPerChunk(production, PRODUCTION_FEE_SLOTS, largestLanes);
  const note = `2 chunks, 1 signature, marginal in a ${largest}-chunk block (${largestLanes} extended lanes)`;
  print({ bench: "constraints.transfer_production", value: Math.round(2 * perChunk), unit: "constraints", target: 50_000, depths: "24/32", note });
  const fullBlock = estimateBlockConstraints(production, largest, PRODUCTION_FEE_SLOTS, largestLanes);
  print({ bench: "constraints.transfer_production_amortized", value: Math.round(fullBlock / (largest / 2)), unit: "constraints", depths: "24/32", note: `a ${largest}-chunk block of transfers / ${largest / 2}, fixed costs included` });
  for (const [type, chunks] of Object.entries(OPERATION_CHUNKS)) {
    print({ bench: `constraints.op.${type}`, value: Math.round(chunks * perChunk), unit: "constraints", chunks, depths: "24/32" });
  }
  for (const chunks of PRODUCTION_BLOCK_SIZES) {
    const lanes = productionExtendedLanes(chunks);
    print({ bench: `constraints.block_${chunks}_production`, value: Math.round(estimateBlockConstraints(production, chunks, PRODUCTION_FEE_SLOTS, lanes)), unit: "constraints", feeSlots: PRODUCTION_FEE_SLOTS, extendedLanes: lanes });
  }
  const exit = await compileExitCircuit("field-inputs", { accountTreeDepth: 24, balanceTreeDepth: 32 });
  print({ bench: "constraints.exit_production", value: exit.header.constraints, unit: "constraints", target: 65_536 });

  // the model against a real compilation: the tests' 16-chunk circuit
  const test = await measureBlockComponents(4, 32);
  const compiled = (await compileBlockCircuit({ chunks: 16, accountDepth: 4, balanceDepth: 32, feeSlots: 2, extendedLanes: 6 })).header.constraints;
  print({ bench: "constraints.block_16_test", value: compiled, unit: "constraints", model: Math.round(estimateBlockConstraints(test, 16, 2, 6)), depths: "4/32" });
}

if (only === "all" || only === "block") {
  await init();
  const parameters = { chunks: 2, accountDepth: 4, balanceDepth: 32, feeSlots: 1, extendedLanes: 1 };
  const circuit = await compileBlockCircuit(parameters);
  const keys = await ensureDevKeys(circuit);
  const scenario = new BlockScenario({ ...parameters, chunks: 16 }, 0xbe9c);
  scenario.randomBlock(["deposit"]).commit();
  scenario.randomBlock(["changePubKey"]).commit();
  const request = { blockNumber: 3, feeAccountId: 0, timestamp: 1_700_000_120, operations: [scenario.transferEntry()] };
  let started = performance.now();
  const witness = buildBlockWitness(scenario.state.tree, request, parameters);
  const inputMs = performance.now() - started;
  const witnessTimes = [];
  for (let i = 0; i < runs; i++) {
    started = performance.now();
    await calculateWitness(circuit.wasmPath, witness.input);
    witnessTimes.push(performance.now() - started);
  }
  const proveTimes = [];
  let last;
  for (let i = 0; i < runs; i++) {
    started = performance.now();
    last = await proveGroth16(circuit.wasmPath, keys.zkeyPath, witness.input);
    proveTimes.push(performance.now() - started);
  }
  if (!(await verifyGroth16(keys.verificationKeyPath, last.publicSignals, last.proof))) throw new Error("bench block proof does not verify");
  const constraints = circuit.header.constraints;
  const base = { circuit: circuit.name, constraints, runs };
  print({ bench: "block.witness_input_2_chunks", value: Math.round(inputMs), unit: "ms", ...base, note: "buildBlockWitness from @zklite/state" });
  print({ bench: "block.witness_2_chunks", value: Math.round(median(witnessTimes)), unit: "ms", ...base });
  print({ bench: "block.groth16_prove_2_chunks", value: Math.round(median(proveTimes)), unit: "ms", ...base, ptauPower: keys.ptauPower });
  print({ bench: "block.prove_us_per_constraint", value: Number(((median(proveTimes) * 1000) / constraints).toFixed(2)), unit: "µs/constraint", ...base });
}

if (only === "all" || only === "exit") {
  for (const [accountTreeDepth, balanceTreeDepth] of [[4, 16], [24, 32]]) {
    const depths = `${accountTreeDepth}/${balanceTreeDepth}`;
    const circuit = await compileExitCircuit("field-inputs", { accountTreeDepth, balanceTreeDepth });
    const keys = await ensureDevKeys(circuit);
    const tree = new MutableStateTree({ accountTreeDepth, balanceTreeDepth });
    const accountId = randomInt(2 ** Math.min(accountTreeDepth, 20) - 1);
    const tokenId = randomInt(65_536);
    tree.createAccount(accountId, `0x${randomBytes(20).toString("hex")}`);
    tree.setBalance(accountId, tokenId, 10n ** 18n);
    const { input } = buildExitWitness(tree, accountId, tokenId);

    let started = performance.now();
    for (let i = 0; i < runs; i++) await calculateWitness(circuit.wasmPath, input);
    const witnessMs = (performance.now() - started) / runs;
    const proveTimes = [];
    let last;
    for (let i = 0; i < runs; i++) {
      started = performance.now();
      last = await proveGroth16(circuit.wasmPath, keys.zkeyPath, input);
      proveTimes.push(performance.now() - started);
    }
    if (!(await verifyGroth16(keys.verificationKeyPath, last.publicSignals, last.proof))) throw new Error("bench proof does not verify");
    const base = { circuit: circuit.name, constraints: circuit.header.constraints, runs };
    print({ bench: `exit.witness_${depths}`, value: Math.round(witnessMs), unit: "ms", ...base });
    print({ bench: `exit.groth16_prove_${depths}`, value: Math.round(median(proveTimes)), unit: "ms", ...base });
  }
}
process.exit(0); // snarkjs keeps worker threads alive
