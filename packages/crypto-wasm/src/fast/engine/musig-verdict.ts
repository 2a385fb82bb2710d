/** What the engine concluded about a signature, with zksync-crypto's behaviour for each case. */
export type MusigVerdict =
  /** verify_musig returns true */
  | "valid"
  /** verify_musig returns false: decodable, but wrong equation, or A or R outside the prime-order subgroup */
  | "invalid"
  /** verify_musig throws "couldn't read public key" */
  | "malformed-public-key"
  /** verify_musig throws "Failed to parse signature": R is not a curve point or s >= l */
  | "malformed-signature";

const VERDICTS: Readonly<Record<number, MusigVerdict>> = {
  1: "valid",
  0: "invalid",
  [-1]: "malformed-public-key",
  [-2]: "malformed-signature",
};

export function musigVerdictFromCode(code: number): MusigVerdict | undefined {
  return VERDICTS[code];
}
