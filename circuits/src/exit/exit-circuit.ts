import { ZkLiteError } from "@zklite/crypto-wasm";
import { compileCircuit, type CompiledCircuit } from "../circom-compiler.js";

/**
 * The two forms of the exit circuit (circom/lib/exit.circom):
 * - `field-inputs`: the statement's ten fields are the public inputs (≈ 23k constraints in production);
 * - `sha256`: one public input, the contract's SHA-256 commitment (≈ 114k constraints: SHA-256 of 136 bytes).
 */
export type ExitCircuitForm = "field-inputs" | "sha256";

export interface ExitCircuitDepths {
  /** Account index width in bits (production 24). */
  readonly accountTreeDepth: number;
  /** Token index width in bits (production 32; at least 16). */
  readonly balanceTreeDepth: number;
}

const FIELD_PUBLIC_INPUTS = [
  "root",
  "accountId",
  "owner",
  "tokenId",
  "amount",
  "nftCreatorAccountId",
  "nftCreatorAddress",
  "nftSerialId",
  "nftContentHashHigh",
  "nftContentHashLow",
] as const;

/** The main circuit file of one form at given depths. */
export function exitCircuitSource(form: ExitCircuitForm, depths: ExitCircuitDepths): string {
  const { accountTreeDepth: account, balanceTreeDepth: balance } = depths;
  if (account % 2 !== 0 || account < 2 || account > 32 || balance % 2 !== 0 || balance < 16 || balance > 32) {
    throw new ZkLiteError("BAD_TREE_DEPTHS", `exit circuit depths ${account}/${balance}: need even widths, account 2..32, balance 16..32`);
  }
  const main =
    form === "field-inputs"
      ? `component main {public [${FIELD_PUBLIC_INPUTS.join(", ")}]} = ExitFieldInputs(${account}, ${balance});`
      : `component main = ExitSha256Commitment(${account}, ${balance});`;
  return `pragma circom 2.1.0;\n\ninclude "exit.circom";\n\n${main}\n`;
}

export function exitCircuitName(form: ExitCircuitForm, depths: ExitCircuitDepths): string {
  return `exit_${form === "sha256" ? "sha256" : "fields"}_${depths.accountTreeDepth}_${depths.balanceTreeDepth}`;
}

export function compileExitCircuit(form: ExitCircuitForm, depths: ExitCircuitDepths): Promise<CompiledCircuit> {
  return compileCircuit(exitCircuitName(form, depths), exitCircuitSource(form, depths));
}
