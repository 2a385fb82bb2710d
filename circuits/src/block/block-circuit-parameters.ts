import { ZkLiteError } from "@zklite/crypto-wasm";

/** The shape one compiled block circuit (and its keys) is made for. */
export interface BlockCircuitParameters {
  /** Block size in chunks (even: services are shared by pairs of chunks). */
  readonly chunks: number;
  /** Account tree depth in bits (even). */
  readonly accountDepth: number;
  /** Token id width in bits: the depth of each account's extended balance tree (even, 10..32; NFTs need 32). */
  readonly balanceDepth: number;
  /** Distinct fee tokens a block may collect (BlockParameters.maxFeeTokens of @zklite/state). */
  readonly feeSlots: number;
  /** Chunks per block that may touch a balance of a token id >= 2^10 (maxExtendedTouches of @zklite/state). */
  readonly extendedLanes: number;
}

/** Depths and fee slots of the production circuits. */
export const PRODUCTION_BLOCK_TREE = Object.freeze({ accountDepth: 24, balanceDepth: 32, feeSlots: 8 });

/** Block sizes (chunks) with a production circuit; the reasoning is in docs/benchmarks.md ("Block circuit"). */
export const PRODUCTION_BLOCK_SIZES: readonly number[] = Object.freeze([8, 32, 128, 512]);

/**
 * Extended lanes of a production block: 4 (one MintNFT, or two NFT transfers) up to 128 chunks, then one per
 * 32 chunks (16 at 512). Each lane costs about as much as half a chunk; reasoning in docs/benchmarks.md.
 */
export function productionExtendedLanes(chunks: number): number {
  return Math.max(4, chunks / 32);
}

/** The production circuit's parameters for a block size. */
export function productionBlockCircuit(chunks: number): BlockCircuitParameters {
  return { chunks, ...PRODUCTION_BLOCK_TREE, extendedLanes: productionExtendedLanes(chunks) };
}

export function validateBlockCircuitParameters(parameters: BlockCircuitParameters): void {
  const { chunks, accountDepth, balanceDepth, feeSlots, extendedLanes } = parameters;
  const evenIn = (value: number, min: number, max: number): boolean => Number.isInteger(value) && value >= min && value <= max && value % 2 === 0;
  if (!evenIn(chunks, 2, 2048)) throw new ZkLiteError("BAD_BLOCK_CIRCUIT", `block size ${chunks} must be an even number of chunks in 2..2048`);
  if (!evenIn(accountDepth, 2, 24)) throw new ZkLiteError("BAD_BLOCK_CIRCUIT", `account depth ${accountDepth} must be even, 2..24`);
  if (!evenIn(balanceDepth, 10, 32)) throw new ZkLiteError("BAD_BLOCK_CIRCUIT", `balance depth ${balanceDepth} must be even, 10..32`);
  if (!Number.isInteger(feeSlots) || feeSlots < 1 || feeSlots > 64) throw new ZkLiteError("BAD_BLOCK_CIRCUIT", `fee slots ${feeSlots} must be in 1..64`);
  if (!Number.isInteger(extendedLanes) || extendedLanes < 1 || extendedLanes > 256) {
    throw new ZkLiteError("BAD_BLOCK_CIRCUIT", `extended lanes ${extendedLanes} must be in 1..256`);
  }
}
