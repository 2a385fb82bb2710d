/** Test-only: maps the vector file's zksync.js `Signer` inputs to transaction objects. */
import type { VectorTxData } from "./vector-file.js";

const RENAMES: Record<string, Record<string, string>> = {
  Transfer: { tokenId: "token" },
  Withdraw: { tokenId: "token", ethAddress: "to" },
  ChangePubKey: { feeTokenId: "feeToken" },
  ForcedExit: { tokenId: "token" },
  MintNFT: { feeTokenId: "feeToken" },
  WithdrawNFT: { tokenId: "token", feeTokenId: "feeToken" },
};

/** The vector's `data` with zksync.js tx field names (amounts stay decimal strings). */
export function txFromSignerData(type: string, data: VectorTxData): Record<string, unknown> {
  const renames = RENAMES[type] ?? {};
  return Object.fromEntries(Object.entries(data).map(([key, value]) => [renames[key] ?? key, value]));
}

/** JSON numbers in the txHashTest inputs become decimal strings (serializer inputs take no JS numbers). */
export function amountsAsStrings(tx: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = { ...tx };
  for (const key of ["amount", "fee"]) if (typeof out[key] === "number") out[key] = String(out[key]);
  return out;
}
