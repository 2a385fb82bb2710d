import { readFileSync } from "node:fs";
import { KeySetError } from "./errors.js";

/** snarkjs' verification_key.json for Groth16 (the fields a verifier reads; the rest is kept as is). */
export interface Groth16VerificationKey {
  readonly protocol: "groth16";
  readonly curve: string;
  readonly nPublic: number;
  readonly [field: string]: unknown;
}

/** Reads a snarkjs Groth16 verification key; `VKEY_INVALID` when it is not one. */
export function readVerificationKey(vkeyPath: string): Groth16VerificationKey {
  let value: unknown;
  try {
    value = JSON.parse(readFileSync(vkeyPath, "utf8"));
  } catch (error) {
    throw new KeySetError("VKEY_INVALID", `verification key ${vkeyPath}: ${(error as Error).message}`, { cause: error });
  }
  const key = value as Partial<Record<string, unknown>> | null;
  if (key === null || typeof key !== "object" || key.protocol !== "groth16" || typeof key.curve !== "string" || typeof key.nPublic !== "number" || !Array.isArray(key.IC)) {
    throw new KeySetError("VKEY_INVALID", `verification key ${vkeyPath}: not a snarkjs Groth16 verification key (protocol, curve, nPublic, IC)`);
  }
  return key as Groth16VerificationKey;
}
