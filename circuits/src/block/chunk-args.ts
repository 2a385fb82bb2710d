/**
 * The arguments each chunk carries (circom/lib/block/args.circom), by name. Every chunk of an operation
 * carries the same values; what each slot means depends on the operation (see `operationArgs`).
 */
export const ARG = {
  A0: 0,
  A1: 1,
  A2: 2,
  A3: 3,
  A4: 4,
  T0: 5,
  T1: 6,
  T2: 7,
  AMT0: 8,
  AMT1: 9,
  M0: 10,
  E0: 11,
  M1: 12,
  E1: 13,
  FM: 14,
  FE: 15,
  N0: 16,
  N1: 17,
  N2: 18,
  ADDR0: 19,
  ADDR1: 20,
  ADDR2: 21,
  PKH0: 22,
  VF0: 23,
  VU0: 24,
  VF1: 25,
  VU1: 26,
  CH_HI: 27,
  CH_LO: 28,
  SERIAL: 29,
  RA0: 30,
  RA1: 31,
  RB0: 32,
  RB1: 33,
  MASK_A: 34,
  MASK_B: 35,
} as const;

export type ArgName = keyof typeof ARG;
export const ARG_COUNT = Object.keys(ARG).length;

export type ChunkArgs = Partial<Record<ArgName, bigint>>;

/** The argument vector of the circuit input; unnamed slots are 0. */
export function argVector(args: ChunkArgs): bigint[] {
  const vector = new Array<bigint>(ARG_COUNT).fill(0n);
  for (const [name, value] of Object.entries(args)) vector[ARG[name as ArgName]] = value;
  return vector;
}
