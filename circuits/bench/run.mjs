/* global process, console, performance */
// Exit-proof benchmarks: witness and Groth16 proving time of the field-input exit circuit at the tests'
// depths (4/16) and production depths (24/32), with INSECURE dev keys (built and cached on first run:
// the 2^14 ptau for production depths takes a few minutes). One JSON object per line.
// usage: npm run bench -w @zklite/circuits [-- --runs 3]
import { randomBytes, randomInt } from "node:crypto";
import { StateTree } from "@zklite/state";
import { buildExitWitness, calculateWitness, compileExitCircuit, ensureDevKeys, proveGroth16, verifyGroth16 } from "../dist/index.js";

const runsAt = process.argv.indexOf("--runs");
const runs = runsAt >= 0 ? Number(process.argv[runsAt + 1]) : 3;

for (const [accountTreeDepth, balanceTreeDepth] of [[4, 16], [24, 32]]) {
  const depths = `${accountTreeDepth}/${balanceTreeDepth}`;
  const circuit = compileExitCircuit("field-inputs", { accountTreeDepth, balanceTreeDepth });
  const keys = ensureDevKeys(circuit);
  const tree = new StateTree({ accountTreeDepth, balanceTreeDepth });
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
  proveTimes.sort((a, b) => a - b);
  const base = { circuit: circuit.name, constraints: circuit.header.constraints, runs };
  console.log(JSON.stringify({ bench: `exit witness ${depths}`, value: Math.round(witnessMs), unit: "ms", ...base }));
  console.log(JSON.stringify({ bench: `exit groth16 prove ${depths}`, value: Math.round(proveTimes[Math.floor(runs / 2)]), unit: "ms", ...base }));
}
process.exit(0); // snarkjs keeps worker threads alive
