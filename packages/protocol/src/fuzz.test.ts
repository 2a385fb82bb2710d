/**
 * Robustness: every function exported by the protocol module, called with random garbage or with
 * valid values whose fields were replaced by garbage, either returns or throws a ZkLiteError.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import * as protocol from "./index.js";
import { operationArb, orderArb, txArb } from "./testing/arbitraries.js";

const garbage = fc.anything({
  withBigInt: true,
  withBoxedValues: true,
  withDate: true,
  withMap: true,
  withSet: true,
  withNullPrototype: true,
  withObjectString: true,
  withSparseArray: true,
  withTypedArray: true,
  withUnicodeString: true,
});

/** Values that get past the first type checks: near-valid strings, numbers, bigints and byte arrays. */
const plausible = fc.oneof(
  fc.constantFrom("0x", "sync:", "0x00", "1.5", "-1", "", "1e18", "0x" + "ab".repeat(20), "sync:" + "ab".repeat(20), "Transfer"),
  fc.integer({ min: -5, max: 2 ** 33 }),
  fc.constantFrom(-1, 0.5, 2 ** 24, 2 ** 31, 2 ** 32, Number.NaN, Number.POSITIVE_INFINITY, Number.MAX_SAFE_INTEGER + 2),
  fc.bigInt({ min: -(2n ** 130n), max: 2n ** 260n }),
  fc.uint8Array({ maxLength: 120 }),
  garbage,
);

/** A valid transaction, order or operation with one field (possibly nested) replaced. */
const corrupted = fc
  .tuple(fc.oneof(txArb, orderArb, operationArb), fc.nat(), fc.nat(), plausible)
  .map(([value, pick, nestedPick, replacement]) => {
    const copy = structuredClone(value) as unknown as Record<string, unknown>;
    const keys = Object.keys(copy);
    const key = keys[pick % keys.length] as string;
    const field = copy[key];
    if (typeof field === "object" && field !== null && Object.keys(field).length > 0) {
      const inner = structuredClone(field) as Record<string, unknown>;
      const innerKeys = Object.keys(inner);
      inner[innerKeys[nestedPick % innerKeys.length] as string] = replacement;
      copy[key] = inner;
    } else {
      copy[key] = replacement;
    }
    return copy;
  });

const argument = fc.oneof(plausible, corrupted, fc.array(corrupted, { maxLength: 3 }));

type AnyFunction = (...args: unknown[]) => unknown;
const functions: [string, AnyFunction][] = Object.entries(protocol as Record<string, unknown>).flatMap(([name, value]) =>
  typeof value === "function" && name !== "ZkLiteError" ? [[name, value as AnyFunction]] : [],
);

function callSafely(fn: (...args: unknown[]) => unknown, args: unknown[]): unknown {
  try {
    fn(...args);
    return undefined;
  } catch (error) {
    return error;
  }
}

describe("robustness against garbage input", () => {
  it("exports the functions under test", () => {
    expect(functions.length).toBeGreaterThan(60);
  });

  for (const [name, fn] of functions) {
    it(`${name} throws only ZkLiteError`, () => {
      fc.assert(
        fc.property(fc.array(argument, { maxLength: 4 }), (args) => {
          const error = callSafely(fn, args);
          if (error !== undefined && !protocol.isZkLiteError(error)) {
            throw new Error(`${name} threw a non-ZkLiteError: ${String(error)}`);
          }
        }),
        { numRuns: 150 },
      );
    });
  }

  it("decoders accept or reject random bytes with ZkLiteError only", () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), fc.nat(300), (bytes, offset) => {
        for (const decode of [
          () => protocol.decodeBlockPubdata(bytes),
          () => protocol.decodeOperationPubdata(bytes),
          () => protocol.decodeOperationAt(bytes, offset),
          () => protocol.onchainOpsOffsetCommitment(bytes),
          () => protocol.pendingOnchainOperationsHash(bytes),
        ]) {
          const error = callSafely(decode, []);
          expect(error === undefined || protocol.isZkLiteError(error)).toBe(true);
        }
      }),
      { numRuns: 500 },
    );
  });
});
