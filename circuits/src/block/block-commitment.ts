import { ZkLiteError } from "@zklite/crypto-wasm";
import { bytesToBitsMsbFirst } from "@zklite/crypto-wasm/ts";
import { onchainOpsOffsetCommitment, toHex, type BlockCommitmentInput } from "@zklite/protocol";
import { FIELD_MODULUS } from "@zklite/state";
import { compileCircuit, type CompiledCircuit } from "../circom-compiler.js";
import type { CircuitInput } from "../circuit-input.js";

const CHUNK_BYTES = 10;

/** The block-commitment component (circom/lib/block_commitment.circom) alone, for a block of `chunks` chunks. */
export function compileBlockCommitmentCircuit(chunks: number): Promise<CompiledCircuit> {
  if (!Number.isInteger(chunks) || chunks < 1 || chunks > 1024) throw new ZkLiteError("BAD_BLOCK_CHUNKS", `block size ${chunks} is not in 1..1024 chunks`);
  const source = `pragma circom 2.1.0;\n\ninclude "block_commitment.circom";\n\ncomponent main = BlockCommitment(${chunks});\n`;
  return compileCircuit(`block_commitment_${chunks}`, source);
}

/**
 * The component's input for a block (the same fields `@zklite/protocol`'s `blockCommitment` takes). The roots
 * must be field elements (zkLite's Poseidon roots) and the timestamp must fit in 64 bits.
 */
export function blockCommitmentCircuitInput(block: BlockCommitmentInput): CircuitInput {
  const oldRoot = fieldRoot(block.oldStateRoot, "old state root");
  const newRoot = fieldRoot(block.newStateRoot, "new state root");
  const timestamp = BigInt(block.timestamp);
  if (timestamp < 0n || timestamp >= 1n << 64n) throw new ZkLiteError("BLOCK_TIMESTAMP_TOO_BIG", `timestamp ${timestamp} does not fit in 64 bits`);
  const starts = onchainOpsOffsetCommitment(block.publicData);
  if (block.publicData.length !== starts.length * CHUNK_BYTES) throw new ZkLiteError("INVALID_PUBDATA", "pubdata is not a whole number of chunks");
  const pubdataBits = Array.from(bytesToBitsMsbFirst(block.publicData), BigInt);
  return {
    blockNumber: BigInt(block.blockNumber),
    feeAccount: BigInt(block.feeAccount),
    oldRoot,
    newRoot,
    timestamp,
    pubdataBits,
    onchainOpStarts: [...starts].map(BigInt),
  };
}

function fieldRoot(root: BlockCommitmentInput["oldStateRoot"], what: string): bigint {
  let value: bigint;
  if (typeof root === "bigint") value = root;
  else if (typeof root === "string" && /^0x[0-9a-fA-F]{64}$/.test(root)) value = BigInt(root);
  else if (root instanceof Uint8Array && root.length === 32) value = BigInt(toHex(root));
  else throw new ZkLiteError("INVALID_BLOCK", `${what} must be a bigint, 0x + 64 hex digits or 32 bytes`);
  if (value < 0n) throw new ZkLiteError("ROOT_NOT_A_FIELD_ELEMENT", `${what} is negative`);
  if (value >= FIELD_MODULUS) throw new ZkLiteError("ROOT_NOT_A_FIELD_ELEMENT", `${what} is not below the BN254 scalar field modulus`);
  return value;
}
