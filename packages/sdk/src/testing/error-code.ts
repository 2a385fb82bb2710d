import { isZkLiteError } from "@zklite/protocol";

/** The code of the ZkLiteError `action` throws; fails if it resolves or throws anything else. */
export async function codeOf(action: () => Promise<unknown>): Promise<string> {
  try {
    await action();
  } catch (error) {
    if (isZkLiteError(error)) return error.code;
    throw error;
  }
  throw new Error("no error");
}
