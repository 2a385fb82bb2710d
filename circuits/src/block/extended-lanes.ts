import { rescueHash, ZkLiteError } from "@zklite/crypto-wasm";
import type { BalanceProof } from "@zklite/state";
import type { CircuitInput } from "../circuit-input.js";
import type { ChunkPlan } from "./operation-plans.js";

/** A chunk whose balance lives in an extended tree (token id >= 2^10), as its lane proves it. */
export interface ExtendedTouch {
  readonly chunk: number;
  readonly before: BalanceProof;
  readonly after: BalanceProof;
  readonly digestPacked: readonly [bigint, bigint];
}

/**
 * The two field elements the chunk packs for the NFT digest (circom/lib/block/chunk.circom: the creator only
 * when the step uses a digest, then SERIAL and the content hash from the arguments).
 */
export function digestPacked(plan: ChunkPlan): [bigint, bigint] {
  const [creator, serial, contentHigh, contentLow] = plan.claims.digest ?? [0n, plan.args.SERIAL ?? 0n, plan.args.CH_HI ?? 0n, plan.args.CH_LO ?? 0n];
  return [(creator << 160n) | (serial << 128n) | contentHigh, contentLow];
}

const LOW_128 = (1n << 128n) - 1n;

/**
 * Inputs of the block's extended lanes (circom/lib/block/extended_lane.circom): the extended chunks take
 * lanes in order; unused lanes prove a path of zeros that nothing claims. Per chunk: the claim row, and the
 * lane's roots and digest (zero for processable chunks, whose lane inputs the circuit ignores).
 */
export function extendedLaneInputs(chunkCount: number, touches: readonly ExtendedTouch[], laneCount: number, balanceDepth: number): CircuitInput {
  if (touches.length > laneCount) {
    throw new ZkLiteError("TOO_MANY_EXTENDED_TOUCHES", `${touches.length} chunks touch balances of token ids >= 1024; the circuit has ${laneCount} extended lanes`);
  }
  const zeroPath = Array.from({ length: balanceDepth / 2 }, () => [0n, 0n, 0n]);
  const lane = (l: number): ExtendedTouch | undefined => touches[l];
  const chunkLane = new Map(touches.map((touch, l) => [touch.chunk, { touch, l }]));
  const perChunk = (value: (touch: ExtendedTouch) => bigint): bigint[] =>
    Array.from({ length: chunkCount }, (_, i) => {
      const entry = chunkLane.get(i);
      return entry === undefined ? 0n : value(entry.touch);
    });
  const lanes = Array.from({ length: laneCount }, (_, l) => l);
  return {
    laneClaim: Array.from({ length: chunkCount }, (_, i) => lanes.map((l) => (chunkLane.get(i)?.l === l ? 1n : 0n))),
    laneTokenIndex: lanes.map((l) => BigInt(lane(l)?.before.tokenId ?? 0)),
    laneOldBalance: lanes.map((l) => lane(l)?.before.balance ?? 0n),
    laneNewBalance: lanes.map((l) => lane(l)?.after.balance ?? 0n),
    laneSiblings: lanes.map((l) => lane(l)?.before.balancePath.siblings.map((level) => [...level]) ?? zeroPath),
    laneDigestPacked: lanes.map((l) => [...(lane(l)?.digestPacked ?? [0n, 0n])]),
    laneOldRoot: perChunk((touch) => touch.before.extendedRoot),
    laneNewRoot: perChunk((touch) => touch.after.extendedRoot),
    laneDigest: perChunk((touch) => rescueHash([...touch.digestPacked]) & LOW_128),
  };
}
