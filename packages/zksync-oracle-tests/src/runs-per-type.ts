import { ZkLiteError } from "@zklite/sdk";

/** Cases per transaction type when ZKLITE_DIFFERENTIAL_RUNS is not set. */
export const DEFAULT_RUNS_PER_TYPE = 500;

/**
 * ZKLITE_DIFFERENTIAL_RUNS as a positive integer (unset: the default). Anything else (0, a negative or
 * fractional number, text, an empty string) throws: a differential suite with no cases proves nothing.
 */
export function parseRunsPerType(value: string | undefined): number {
  if (value === undefined) return DEFAULT_RUNS_PER_TYPE;
  if (!/^[1-9][0-9]*$/.test(value.trim()) || !Number.isSafeInteger(Number(value))) {
    throw new ZkLiteError("INVALID_TEST_CONFIG", `ZKLITE_DIFFERENTIAL_RUNS=${JSON.stringify(value)} is not a positive integer of cases per type`);
  }
  return Number(value);
}
