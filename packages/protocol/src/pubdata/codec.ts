/**
 * Encoding and decoding of one operation's pubdata (§4.2): the op code, the fields in order, zero
 * padding up to `chunks × 10` bytes. Each op is described once as a field layout; decoding checks that
 * re-encoding gives the same bytes, so only canonical pubdata (e.g. minimal float exponents) is accepted.
 */
import { addressToBytes, bytesToAddress, bytesToPubKeyHash, pubKeyHashToBytes } from "../address.js";
import { bytesEqual, requireBytes, toHex } from "../bytes.js";
import { CHUNK_BYTES, OP_CHUNKS, OP_CODE } from "../constants.js";
import { describeValue, isZkLiteError, protocolError, requireObject } from "../errors.js";
import { unpackAmount, unpackFee } from "../float-packing.js";
import { decodeUintBE, encodeUintBE, requireInteger } from "../integers.js";
import {
  serializeAccountId,
  serializeAmountFull,
  serializeAmountPacked,
  serializeContentHash,
  serializeFeePacked,
  serializeNonce,
  serializeTokenId,
} from "../tx/fields.js";
import { isOperationType, operationTypeOfOpCode, type Operation, type OperationType } from "./operations.js";

interface FieldCodec<T> {
  readonly size: number;
  /** Validates and encodes (throws a field-specific `ZkLiteError`). */
  encode(value: T): Uint8Array;
  /** Reads `size` bytes without validating; decoding re-encodes to validate. */
  read(bytes: Uint8Array): T;
}

const uint = (bytes: Uint8Array): number => Number(decodeUintBE(bytes, 0, bytes.length));

const accountId: FieldCodec<number> = { size: 4, encode: serializeAccountId, read: uint };
const tokenId: FieldCodec<number> = { size: 4, encode: serializeTokenId, read: uint };
const u32: FieldCodec<number> = { size: 4, encode: serializeNonce, read: uint };
const address: FieldCodec<string> = { size: 20, encode: addressToBytes, read: bytesToAddress };
const pubKeyHash: FieldCodec<string> = { size: 20, encode: pubKeyHashToBytes, read: bytesToPubKeyHash };
const hash32: FieldCodec<string> = { size: 32, encode: serializeContentHash, read: toHex };
const fullAmount: FieldCodec<bigint> = { size: 16, encode: serializeAmountFull, read: (b) => decodeUintBE(b, 0, 16) };
const packedAmount: FieldCodec<bigint> = { size: 5, encode: serializeAmountPacked, read: unpackAmount };
const packedFee: FieldCodec<bigint> = { size: 2, encode: serializeFeePacked, read: unpackFee };
const nonceMask: FieldCodec<number> = {
  size: 1,
  encode: (mask) => encodeUintBE(requireInteger(mask, 0, 3, "nonce mask", "VALUE_OUT_OF_RANGE"), 1),
  read: uint,
};

type Fields<Op> = Omit<Op, "type">;
/** The ordered fields of an operation; each entry's codec must match its field's type. */
type Layout<Op> = ReadonlyArray<{ [K in keyof Fields<Op>]: readonly [K, FieldCodec<Fields<Op>[K]>] }[keyof Fields<Op>]>;

const LAYOUTS: { readonly [T in OperationType]: Layout<Extract<Operation, { type: T }>> } = {
  Noop: [],
  Deposit: [
    ["accountId", accountId],
    ["token", tokenId],
    ["amount", fullAmount],
    ["to", address],
  ],
  TransferToNew: [
    ["fromId", accountId],
    ["token", tokenId],
    ["amount", packedAmount],
    ["to", address],
    ["toId", accountId],
    ["fee", packedFee],
  ],
  Withdraw: [
    ["accountId", accountId],
    ["token", tokenId],
    ["amount", fullAmount],
    ["fee", packedFee],
    ["to", address],
  ],
  Transfer: [
    ["fromId", accountId],
    ["token", tokenId],
    ["toId", accountId],
    ["amount", packedAmount],
    ["fee", packedFee],
  ],
  FullExit: [
    ["accountId", accountId],
    ["owner", address],
    ["token", tokenId],
    ["amount", fullAmount],
    ["nftCreatorId", accountId],
    ["nftCreatorAddress", address],
    ["nftSerialId", u32],
    ["nftContentHash", hash32],
  ],
  ChangePubKey: [
    ["accountId", accountId],
    ["newPkHash", pubKeyHash],
    ["account", address],
    ["nonce", u32],
    ["feeToken", tokenId],
    ["fee", packedFee],
  ],
  ForcedExit: [
    ["initiatorId", accountId],
    ["targetId", accountId],
    ["token", tokenId],
    ["amount", fullAmount],
    ["fee", packedFee],
    ["target", address],
  ],
  MintNFT: [
    ["creatorId", accountId],
    ["recipientId", accountId],
    ["contentHash", hash32],
    ["feeToken", tokenId],
    ["fee", packedFee],
  ],
  WithdrawNFT: [
    ["accountId", accountId],
    ["creatorId", accountId],
    ["creatorAddress", address],
    ["serialId", u32],
    ["contentHash", hash32],
    ["to", address],
    ["token", tokenId],
    ["feeToken", tokenId],
    ["fee", packedFee],
  ],
  Swap: [
    ["accountA", accountId],
    ["recipientA", accountId],
    ["accountB", accountId],
    ["recipientB", accountId],
    ["submitterId", accountId],
    ["tokenA", tokenId],
    ["tokenB", tokenId],
    ["feeToken", tokenId],
    ["amountA", packedAmount],
    ["amountB", packedAmount],
    ["fee", packedFee],
    ["nonceMask", nonceMask],
  ],
};

/** The same table seen untyped, for the generic loops below. */
const layoutOf = (type: OperationType): ReadonlyArray<readonly [string, FieldCodec<unknown>]> =>
  LAYOUTS[type] as unknown as ReadonlyArray<readonly [string, FieldCodec<unknown>]>;

/** Significant (non-padding) bytes of an operation's pubdata, op code included. */
export function operationPubdataSize(type: OperationType): number {
  if (!isOperationType(type)) throw protocolError("INVALID_OPERATION", `unknown operation type ${describeValue(type)}`);
  return layoutOf(type).reduce((size, [, codec]) => size + codec.size, 1);
}

/** The operation's pubdata: `OP_CHUNKS[type] × 10` bytes. Throws `INVALID_OPERATION` or a field error code. */
export function encodeOperationPubdata(op: Operation): Uint8Array {
  requireObject(op, "operation", "INVALID_OPERATION");
  if (!isOperationType(op.type)) throw protocolError("INVALID_OPERATION", `unknown operation type ${describeValue(op.type)}`);
  const out = new Uint8Array(OP_CHUNKS[op.type] * CHUNK_BYTES);
  out[0] = OP_CODE[op.type];
  let offset = 1;
  const fields = op as unknown as Record<string, unknown>;
  for (const [name, codec] of layoutOf(op.type)) {
    out.set(codec.encode(fields[name]), offset);
    offset += codec.size;
  }
  return out;
}

/**
 * Decodes the operation starting at `offset` of `publicData` (default 0; the op must fit). Throws
 * `INVALID_PUBDATA` for an unknown op code, truncated data, non-zero padding or a non-canonical field.
 */
export function decodeOperationAt(publicData: Uint8Array, offset = 0): Operation {
  requireBytes(publicData, "pubdata", "INVALID_PUBDATA");
  if (publicData.length === 0) throw protocolError("INVALID_PUBDATA", "pubdata is empty");
  requireInteger(offset, 0, publicData.length - 1, "pubdata offset", "INVALID_PUBDATA");
  const opCode = publicData[offset] as number;
  const type = operationTypeOfOpCode(opCode);
  if (type === undefined) {
    throw protocolError("INVALID_PUBDATA", `unsupported op code 0x${opCode.toString(16).padStart(2, "0")} at byte ${offset}`);
  }
  const end = offset + OP_CHUNKS[type] * CHUNK_BYTES;
  if (end > publicData.length) throw protocolError("INVALID_PUBDATA", `${type} at byte ${offset} is truncated`);
  const op: Record<string, unknown> = { type };
  let at = offset + 1;
  for (const [name, codec] of layoutOf(type)) {
    const bytes = publicData.subarray(at, at + codec.size);
    op[name] = decodeField(codec, bytes, type, name);
    at += codec.size;
  }
  if (publicData.subarray(at, end).some((byte) => byte !== 0)) {
    throw protocolError("INVALID_PUBDATA", `${type} at byte ${offset} has non-zero padding`);
  }
  return op as unknown as Operation;
}

function decodeField(codec: FieldCodec<unknown>, bytes: Uint8Array, type: OperationType, name: string): unknown {
  try {
    const value = codec.read(bytes);
    if (bytesEqual(codec.encode(value), bytes)) return value;
  } catch (error) {
    if (!isZkLiteError(error)) throw error;
    throw protocolError("INVALID_PUBDATA", `${type}.${name}: ${error.message}`, error);
  }
  throw protocolError("INVALID_PUBDATA", `${type}.${name} is not canonically encoded`);
}

/** Decodes exactly one operation: `bytes` must be its whole `chunks × 10` bytes. */
export function decodeOperationPubdata(bytes: Uint8Array): Operation {
  const op = decodeOperationAt(bytes, 0);
  if (bytes.length !== OP_CHUNKS[op.type] * CHUNK_BYTES) {
    throw protocolError("INVALID_PUBDATA", `${op.type} pubdata must be ${OP_CHUNKS[op.type] * CHUNK_BYTES} bytes, got ${bytes.length}`);
  }
  return op;
}
