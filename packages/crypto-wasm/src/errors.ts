/**
 * The one error type zkLite's APIs throw for bad input or a broken invariant.
 *
 * `code` is stable (tests, clients and logs match on it); `message` is for humans.
 * Every package reuses this class (re-exported by `@zklite/sdk`) so callers catch a single type.
 */
export class ZkLiteError<Code extends string = string> extends Error {
  override readonly name = "ZkLiteError";

  constructor(
    readonly code: Code,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

export function isZkLiteError(value: unknown): value is ZkLiteError {
  return value instanceof ZkLiteError;
}
