import { ZkLiteError } from "@zklite/crypto-wasm";

export { ZkLiteError };

/**
 * Stable codes of the errors @zklite/state throws. Transaction-rule codes follow zkSync's
 * `check_correctness` / state-handler checks (PROTOCOL.md §3.4); the others guard the API.
 */
export type StateErrorCode =
  // transaction rules
  | "NONCE_MISMATCH"
  | "INSUFFICIENT_BALANCE"
  | "INVALID_SIGNATURE"
  | "WRONG_SIGNER"
  | "ACCOUNT_LOCKED"
  | "NOT_PACKABLE"
  | "TIME_RANGE"
  | "ZERO_ADDRESS"
  | "FORCED_EXIT_NOT_ALLOWED"
  | "ACCOUNT_NOT_FOUND"
  | "ACCOUNT_ID_MISMATCH"
  | "ACCOUNT_ID_TOO_BIG"
  | "ACCOUNT_TREE_FULL"
  | "INVALID_RECIPIENT"
  | "INVALID_TOKEN"
  | "INVALID_FEE_TOKEN"
  | "AMOUNT_TOO_BIG"
  | "BALANCE_OVERFLOW"
  | "NONCE_OVERFLOW"
  | "INVALID_CHANGE_PUBKEY_AUTH"
  | "CHAIN_ID_MISMATCH"
  | "ONCHAIN_AUTH_FACT_MISSING"
  | "ONCHAIN_AUTH_FACT_RESET_PENDING"
  | "INVALID_PUBKEY_HASH"
  | "NFT_NOT_OWNED"
  | "NFT_NOT_FOUND"
  | "NFT_LIMIT_REACHED"
  | "INVALID_SWAP"
  | "PRICE_MISMATCH"
  | "EMPTY_BATCH"
  | "BLOCK_FULL"
  | "BLOCK_FEE_TOKENS_FULL"
  | "BLOCK_EXTENDED_TOUCHES_FULL"
  | "NO_OPEN_BLOCK"
  | "BLOCK_ALREADY_OPEN"
  // stored state, and blocks replayed from L1 pubdata
  | "STATE_DIFF_MISMATCH"
  | "PUBDATA_MISMATCH"
  // API misuse
  | "INVALID_TREE_DEPTH"
  | "INVALID_INDEX"
  | "NOT_A_FIELD_ELEMENT"
  | "BLOCK_TOO_BIG"
  | "INVALID_ARGUMENT"
  | "POSEIDON_NOT_INITIALIZED";

export type StateError = ZkLiteError<StateErrorCode>;

export function stateError(code: StateErrorCode, message: string): StateError {
  return new ZkLiteError(code, message);
}
