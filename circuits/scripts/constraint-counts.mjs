/* global process, console, performance */
// Compiles circuits at production parameters and prints one JSON line per circuit with its constraint count.
// Not part of `npm test` (a production block circuit takes minutes and gigabytes to compile).
//   node scripts/constraint-counts.mjs                      exit circuit, both forms, at 24/32 and 4/16
//   node scripts/constraint-counts.mjs 24/32 4/32           exit circuit at the given depths
//   node scripts/constraint-counts.mjs --block 8 [32 ...]   production block circuits of these sizes (24/32, 8 fee slots, productionExtendedLanes)
import { compileBlockCircuit, compileExitCircuit, productionBlockCircuit } from "../dist/index.js";

const print = (line) => console.log(JSON.stringify(line));
const args = process.argv.slice(2);

if (args[0] === "--block") {
  for (const chunks of args.slice(1).map(Number)) {
    const started = performance.now();
    const parameters = productionBlockCircuit(chunks);
    const circuit = await compileBlockCircuit(parameters);
    print({ bench: `constraints.block_${chunks}_production_compiled`, value: circuit.header.constraints, unit: "constraints", ...parameters, compileMs: Math.round(performance.now() - started) });
  }
} else {
  for (const pair of args.length > 0 ? args : ["24/32", "4/16"]) {
    const [accountTreeDepth, balanceTreeDepth] = pair.split("/").map(Number);
    for (const form of ["field-inputs", "sha256"]) {
      const started = performance.now();
      const circuit = await compileExitCircuit(form, { accountTreeDepth, balanceTreeDepth });
      const { constraints, publicInputs, publicOutputs } = circuit.header;
      print({ bench: `exit ${form} ${pair}`, value: constraints, unit: "constraints", publicInputs, publicOutputs, compileMs: Math.round(performance.now() - started) });
    }
  }
}
