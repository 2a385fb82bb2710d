/* global console, performance */
// Constraint model of the block circuit (circom/lib/block/block.circom), from compiled components:
//   total(N chunks, F fee slots, K lanes) = commitment(N) + N * (chunk + 48 + 3F + 8K) - 36
//                                           + N/2 * (pairServices + 3) + F * feeCredit + K * lane
// where 48 + 3F + 8K are the block-level constraints of each chunk (36 argument equalities with the previous
// chunk, 12 bindings to the pair's services, 3 per fee slot, 8 bindings per extended lane), 3 per pair keep
// two chunks from claiming one service, and the first chunk has no previous one. commitment(N) = header +
// ceil((256 + 88N + 65) / 512) * compression + 81N (circomlib SHA-256 compressions, plus a boolean check of
// each pubdata bit and on-chain flag).
// Checked against the compiled test circuits (bench/run.mjs prints both); used for production sizes, whose
// full compilation (millions of constraints) does not fit this machine's time budget.
import { compileBlockCommitmentCircuit, compileCircuit } from "../dist/index.js";

async function count(name, source) {
  return (await compileCircuit(name, `pragma circom 2.1.0;\n\n${source}\n`)).header.constraints;
}

export function commitmentCompressions(chunks) {
  return Math.ceil((256 + 88 * chunks + 65) / 512);
}

/** Compiles the components for the given depths and returns the model's parameters. */
export async function measureBlockComponents(accountDepth, balanceDepth) {
  const started = performance.now();
  const chunk = await count(`bench_chunk_${accountDepth}_${balanceDepth}`, `include "block/chunk.circom";\n\ncomponent main = BlockChunk(${accountDepth}, ${balanceDepth});`);
  const pairServices = await count("bench_pair_services", `include "block/pair_services.circom";\n\ncomponent main = ChunkPairServices();`);
  const feeCredit = await count(`bench_fee_credit_${accountDepth}`, `include "block/fee_credit.circom";\n\ncomponent main = FeeCredit(${accountDepth});`);
  const leafUpdate = await count(`bench_leaf_update_${accountDepth}`, `include "block/leaf_update.circom";\n\ncomponent main = LeafUpdate(${accountDepth});`);
  const lane = await count(`bench_extended_lane_${balanceDepth}`, `include "block/extended_lane.circom";\n\ncomponent main = ExtendedLane(${balanceDepth});`);
  const signature = await count("bench_signature", `include "zksync_signature.circom";\n\ncomponent main = ZkSyncSignatureVerifier();`);
  // two commitment sizes with 1 and 3 compressions give the per-compression cost and the fixed header
  const small = (await compileBlockCommitmentCircuit(2)).header.constraints;
  const large = (await compileBlockCommitmentCircuit(10)).header.constraints;
  const compression = (large - small - 81 * 8) / (commitmentCompressions(10) - commitmentCompressions(2));
  const header = small - commitmentCompressions(2) * compression - 81 * 2;
  return { accountDepth, balanceDepth, chunk, pairServices, feeCredit, leafUpdate, lane, signature, compression, header, compileMs: Math.round(performance.now() - started) };
}

export function estimateBlockConstraints(model, chunks, feeSlots, lanes) {
  const commitment = model.header + commitmentCompressions(chunks) * model.compression + 81 * chunks;
  return (
    commitment +
    chunks * (model.chunk + 48 + 3 * feeSlots + 8 * lanes) -
    36 +
    (chunks / 2) * (model.pairServices + 3) +
    feeSlots * model.feeCredit +
    lanes * model.lane
  );
}

/** Marginal constraints of one chunk in a large block: its own logic, block bindings, half a pair, its pubdata's SHA-256 share. */
export function constraintsPerChunk(model, feeSlots, lanes) {
  return model.chunk + 48 + 3 * feeSlots + 8 * lanes + (model.pairServices + 3) / 2 + (88 / 512) * model.compression + 81;
}

export function logModel(model) {
  for (const [part, value] of Object.entries(model)) {
    if (part === "accountDepth" || part === "balanceDepth" || part === "compileMs") continue;
    console.log(JSON.stringify({ bench: `constraints.component.${part}`, value: Math.round(value), unit: "constraints", depths: `${model.accountDepth}/${model.balanceDepth}` }));
  }
}
