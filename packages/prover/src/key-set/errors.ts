import { ZkLiteError } from "@zklite/crypto-wasm";

/** Why a key set or a verification key was refused. */
export type KeySetErrorCode = "KEY_SET_NOT_FOUND" | "KEY_SET_INVALID_JSON" | "KEY_SET_INVALID" | "KEY_SET_FILE_MISSING" | "VKEY_INVALID";

export class KeySetError extends ZkLiteError<KeySetErrorCode> {}
