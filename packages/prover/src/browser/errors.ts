import { ZkLiteError } from "@zklite/crypto-wasm";
import type { ExitProverErrorCode } from "./error-codes.js";

/** A refused or failed in-browser exit proof; `code` says why (error-codes.ts). */
export class ExitProverError extends ZkLiteError<ExitProverErrorCode> {}
