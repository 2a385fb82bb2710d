import { sha256 } from "@noble/hashes/sha2.js";
import { ZkLiteError } from "@zklite/crypto-wasm";
import { concatBytes, fromHex, toHex } from "@zklite/protocol";

/** What an exit (exodus) proof claims: the arguments of the contract's `performExodus` plus the root. */
export interface ExitStatement {
  /** Poseidon state root of the last executed block. */
  readonly root: bigint;
  readonly accountId: number;
  /** `0x` + 40 hex: the account's address in the state. */
  readonly owner: string;
  readonly tokenId: number;
  readonly amount: bigint;
  readonly nftCreatorAccountId: number;
  readonly nftCreatorAddress: string;
  readonly nftSerialId: number;
  /** `0x` + 64 hex. */
  readonly nftContentHash: string;
}

/** The 253-bit mask both the contract and the circuit apply to a SHA-256 public input. */
export const PUBLIC_INPUT_MASK = (1n << 253n) - 1n;

/**
 * The bytes the contract hashes (`VerifierAdapter.verifyExitProof`): root32 ‖ accountId u32 ‖ owner20 ‖
 * tokenId u32 ‖ amount u128 ‖ nftCreatorAccountId u32 ‖ nftCreatorAddress20 ‖ nftSerialId u32 ‖
 * nftContentHash32, all big-endian (PROTOCOL.md §5.2): 136 bytes.
 */
export function exitCommitmentBytes(statement: ExitStatement): Uint8Array {
  return concatBytes(
    bigEndian(statement.root, 32, "root"),
    bigEndian(BigInt(statement.accountId), 4, "accountId"),
    hexBytes(statement.owner, 20, "owner"),
    bigEndian(BigInt(statement.tokenId), 4, "tokenId"),
    bigEndian(statement.amount, 16, "amount"),
    bigEndian(BigInt(statement.nftCreatorAccountId), 4, "nftCreatorAccountId"),
    hexBytes(statement.nftCreatorAddress, 20, "nftCreatorAddress"),
    bigEndian(BigInt(statement.nftSerialId), 4, "nftSerialId"),
    hexBytes(statement.nftContentHash, 32, "nftContentHash"),
  );
}

/** The contract's single exit public input: sha256(exitCommitmentBytes) masked to its low 253 bits. */
export function exitSha256PublicInput(statement: ExitStatement): bigint {
  return BigInt(toHex(sha256(exitCommitmentBytes(statement)))) & PUBLIC_INPUT_MASK;
}

/**
 * The public inputs of the field-input exit circuit, in its order: root, accountId, owner, tokenId,
 * amount, nftCreatorAccountId, nftCreatorAddress, nftSerialId, nftContentHash high and low 128 bits.
 */
export function exitFieldPublicInputs(statement: ExitStatement): bigint[] {
  const contentHash = BigInt(toHex(hexBytes(statement.nftContentHash, 32, "nftContentHash")));
  return [
    statement.root,
    BigInt(statement.accountId),
    BigInt(statement.owner),
    BigInt(statement.tokenId),
    statement.amount,
    BigInt(statement.nftCreatorAccountId),
    BigInt(statement.nftCreatorAddress),
    BigInt(statement.nftSerialId),
    contentHash >> 128n,
    contentHash & ((1n << 128n) - 1n),
  ];
}

function bigEndian(value: bigint, bytes: number, field: string): Uint8Array {
  if (value < 0n || value >= 1n << BigInt(8 * bytes)) {
    throw new ZkLiteError("EXIT_FIELD_OUT_OF_RANGE", `${field} = ${value} does not fit in ${bytes} bytes`);
  }
  return fromHex(`0x${value.toString(16).padStart(2 * bytes, "0")}`);
}

function hexBytes(prefixed: string, bytes: number, field: string): Uint8Array {
  if (!new RegExp(`^0x[0-9a-fA-F]{${2 * bytes}}$`).test(prefixed)) {
    throw new ZkLiteError("EXIT_FIELD_OUT_OF_RANGE", `${field} must be 0x followed by ${2 * bytes} hex digits`);
  }
  return fromHex(prefixed);
}
