/** zkSync's fee types: what a client asks a fee for (`FeeType`) and what the quote says it is (`OutputFeeType`). */

/** ChangePubKey authorization kinds that zkSync prices (PROTOCOL.md §2.6). */
export type ChangePubKeyAuthType = "ECDSA" | "EIP712" | "Onchain" | "CREATE2";

export const CHANGE_PUBKEY_AUTH_TYPES: readonly ChangePubKeyAuthType[] = ["ECDSA", "EIP712", "Onchain", "CREATE2"];

/** A fee type with a fixed gas cost and chunk count. */
export type OutputFeeType =
  | "Transfer"
  | "TransferToNew"
  | "Withdraw"
  | "FastWithdraw"
  | "WithdrawNFT"
  | "FastWithdrawNFT"
  | "Swap"
  | "MintNFT"
  | { readonly ChangePubKey: ChangePubKeyAuthType };

/**
 * What a fee is asked for. `"Transfer"` becomes `"TransferToNew"` when the recipient has no account;
 * `"ForcedExit"` is priced as `"Withdraw"` (as zkSync's server does).
 */
export type FeeType = OutputFeeType | "ForcedExit";

const SIMPLE_TYPES: ReadonlySet<string> = new Set([
  "Transfer",
  "TransferToNew",
  "Withdraw",
  "FastWithdraw",
  "WithdrawNFT",
  "FastWithdrawNFT",
  "Swap",
  "MintNFT",
  "ForcedExit",
]);

export function isFeeType(value: unknown): value is FeeType {
  if (typeof value === "string") return SIMPLE_TYPES.has(value);
  if (typeof value !== "object" || value === null) return false;
  const keys = Object.keys(value);
  const auth = (value as { ChangePubKey?: unknown }).ChangePubKey;
  return keys.length === 1 && keys[0] === "ChangePubKey" && (CHANGE_PUBKEY_AUTH_TYPES as readonly unknown[]).includes(auth);
}

/** The fee type a quote reports, given whether a transfer's recipient already has an account. */
export function outputFeeType(feeType: FeeType, recipientExists: boolean): OutputFeeType {
  if (feeType === "Transfer") return recipientExists ? "Transfer" : "TransferToNew";
  if (feeType === "ForcedExit") return "Withdraw";
  return feeType;
}

/** A stable string for logs and maps: `"Transfer"`, `"ChangePubKey:ECDSA"`. */
export function feeTypeName(feeType: FeeType): string {
  return typeof feeType === "string" ? feeType : `ChangePubKey:${feeType.ChangePubKey}`;
}
