/* global process, console, performance */
// Compiles the exit circuit in both forms at the given depths (default: production 24/32 and the tests'
// 4/16) and prints one JSON line per circuit with its constraint count. Not part of `npm test`: the
// SHA-256 form takes about half a minute to compile per depth pair.
// usage: node scripts/constraint-counts.mjs [ACCOUNT_DEPTH/BALANCE_DEPTH ...]
import { compileExitCircuit } from "../dist/index.js";

const pairs = process.argv.length > 2 ? process.argv.slice(2) : ["24/32", "4/16"];
for (const pair of pairs) {
  const [accountTreeDepth, balanceTreeDepth] = pair.split("/").map(Number);
  for (const form of ["field-inputs", "sha256"]) {
    const started = performance.now();
    const circuit = compileExitCircuit(form, { accountTreeDepth, balanceTreeDepth });
    const { constraints, publicInputs, publicOutputs } = circuit.header;
    console.log(JSON.stringify({ bench: `exit ${form} ${pair}`, value: constraints, unit: "constraints", publicInputs, publicOutputs, compileMs: Math.round(performance.now() - started) }));
  }
}
