import { OP_CHUNKS, type Operation } from "@zklite/protocol";

/**
 * The block circuit's step numbering (circom/lib/block/steps.circom): each operation type owns one step
 * per chunk, in this order. A chunk's step is one-hot in the circuit input.
 */
const OPERATION_ORDER = [
  "Noop",
  "Deposit",
  "TransferToNew",
  "Withdraw",
  "Transfer",
  "FullExit",
  "ChangePubKey",
  "ForcedExit",
  "MintNFT",
  "WithdrawNFT",
  "Swap",
] as const satisfies readonly Operation["type"][];

export type CircuitOperationType = (typeof OPERATION_ORDER)[number];

const FIRST_STEP = new Map<CircuitOperationType, number>();
let next = 0;
for (const type of OPERATION_ORDER) {
  FIRST_STEP.set(type, next);
  next += OP_CHUNKS[type];
}

export const STEP_COUNT = next;

export function operationChunks(type: CircuitOperationType): number {
  return OP_CHUNKS[type];
}

export function stepIndex(type: CircuitOperationType, chunk: number): number {
  return (FIRST_STEP.get(type) as number) + chunk;
}

/** The one-hot step vector of a chunk. */
export function stepVector(type: CircuitOperationType, chunk: number): bigint[] {
  const vector = new Array<bigint>(STEP_COUNT).fill(0n);
  vector[stepIndex(type, chunk)] = 1n;
  return vector;
}
