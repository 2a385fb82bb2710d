// ============================================================================================
//  INSECURE DEVELOPMENT CEREMONY. The keys it makes are for tests and local devnets ONLY.
//  One process picks every secret (tau, alpha, beta, gamma, delta for @zklite/prover's fast generator;
//  or, with ZKLITE_DEV_KEYS=snarkjs, the powers-of-tau tau and the single phase-2 contribution);
//  nothing proves it forgot them, so whoever ran it could forge proofs.
//  Production keys come from the multi-party ceremony described in keys/README.md.
// ============================================================================================
// Builds, into keys/.cache/ (gitignored): the compiled exit circuit (or block circuit with --block CHUNKS),
// the Groth16 proving key (written directly from random toxic waste by @zklite/prover's native generator;
// ZKLITE_DEV_KEYS=snarkjs: a dev powers of tau, `groth16 setup` and one random phase-2 contribution), the
// verification key and the snarkjs Solidity verifier, then prints their paths as one JSON object.
// usage: node keys/dev-ceremony.mjs [--form field-inputs|sha256] [--depths 24/32]
//        node keys/dev-ceremony.mjs --block 8 [--depths 24/32]   (block circuit, 8 fee slots)
// (run `npm run build -w @zklite/circuits` first)
import path from "node:path";
import { fileURLToPath } from "node:url";

const here = path.dirname(fileURLToPath(import.meta.url));
process.env.ZKLITE_CIRCUITS_CACHE ??= path.join(here, ".cache");
const { compileBlockCircuit, compileExitCircuit, ensureDevKeys, PRODUCTION_BLOCK_TREE, productionExtendedLanes } = await import("@zklite/circuits");

const option = (name, fallback) => {
  const at = process.argv.indexOf(name);
  return at >= 0 && process.argv[at + 1] !== undefined ? process.argv[at + 1] : fallback;
};
const form = option("--form", "field-inputs");
const [accountTreeDepth, balanceTreeDepth] = option("--depths", "24/32").split("/").map(Number);

console.error("WARNING: INSECURE development keys (secrets known to this process). Never use them on a real network.");
const started = performance.now();
const blockChunks = option("--block", undefined);
const circuit =
  blockChunks === undefined
    ? await compileExitCircuit(form, { accountTreeDepth, balanceTreeDepth })
    : await compileBlockCircuit({
        chunks: Number(blockChunks),
        accountDepth: accountTreeDepth,
        balanceDepth: balanceTreeDepth,
        feeSlots: PRODUCTION_BLOCK_TREE.feeSlots,
        extendedLanes: productionExtendedLanes(Number(blockChunks)),
      });
const keys = await ensureDevKeys(circuit);
console.log(
  JSON.stringify({
    insecure: true,
    circuit: circuit.name,
    constraints: circuit.header.constraints,
    generator: keys.generator,
    ptauPower: keys.ptauPower,
    wasm: circuit.wasmPath,
    zkey: keys.zkeyPath,
    verificationKey: keys.verificationKeyPath,
    solidityVerifier: keys.verifierSolidityPath,
    seconds: Math.round((performance.now() - started) / 1000),
  }),
);
