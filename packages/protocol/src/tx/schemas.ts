/**
 * zod schemas of the JSON wire shapes (§3.3). Each schema validates a `…Json` object and outputs the
 * parsed type (bigint amounts, lowercase addresses and hex). They also check what serialization needs:
 * packable amounts and fees, ranges of ids, nonces and timestamps, so a parsed tx always serializes.
 */
import { bytesToHex } from "@noble/hashes/utils.js";
import { z } from "zod";
import { parseAddress, parsePubKeyHash } from "../address.js";
import { parseAmount, parseUint } from "../amount.js";
import { parseHex, toHex } from "../bytes.js";
import {
  ETH_SIGNATURE_BYTES,
  MAX_ACCOUNT_ID,
  MAX_AMOUNT,
  MAX_NONCE,
  MAX_NUMBER_OF_TOKENS,
  MAX_PRICE,
  MAX_TIMESTAMP,
  ZK_PUBKEY_BYTES,
  ZK_SIGNATURE_BYTES,
} from "../constants.js";
import { isZkLiteError, protocolError } from "../errors.js";
import { packAmount, packFee } from "../float-packing.js";
import { serializeContentHash } from "./fields.js";
import type {
  ChangePubKey,
  ChangePubKeyJson,
  Deposit,
  DepositJson,
  ForcedExit,
  ForcedExitJson,
  FullExit,
  FullExitJson,
  MintNFT,
  MintNFTJson,
  Order,
  OrderJson,
  PriorityOp,
  Swap,
  SwapJson,
  ToJson,
  Transfer,
  TransferJson,
  Tx,
  TxEthSignature,
  TxSignature,
  Withdraw,
  WithdrawJson,
  WithdrawNFT,
  WithdrawNFTJson,
} from "./types.js";

/** A string field checked and normalized by one of this module's parsers. */
const text = <T>(parse: (value: string) => T) =>
  z.string().transform((value, ctx) => {
    try {
      return parse(value);
    } catch (error) {
      if (!isZkLiteError(error)) throw error;
      ctx.addIssue(error.message);
      return z.NEVER;
    }
  });

const integer = (max: number) => z.number().int().min(0).max(max);

const accountId = integer(MAX_ACCOUNT_ID);
const tokenId = integer(MAX_NUMBER_OF_TOKENS - 1);
const nonce = integer(MAX_NONCE);
const timestamp = integer(MAX_TIMESTAMP);
const address = text(parseAddress);
const pubKeyHash = text(parsePubKeyHash);
const fullAmount = text((value) => parseAmount(value));
const packedAmount = text((value) => (packAmount(value), parseAmount(value)));
const packedFee = text((value) => (packFee(value), parseUint(value, "fee", MAX_AMOUNT)));
const price = text((value) => parseUint(value, "ratio component", MAX_PRICE));
const hex32 = text((value) => toHex(parseHex(value, { length: 32 })));
const contentHash = text((value) => toHex(serializeContentHash(value)));
const ethSignature = text((value) => toHex(parseHex(value, { length: ETH_SIGNATURE_BYTES, what: "eth signature" })));
const bareHex = (length: number) => text((value) => bytesToHex(parseHex(value, { length, prefix: "none" })));

export const txSignatureSchema = z.object({ pubKey: bareHex(ZK_PUBKEY_BYTES), signature: bareHex(ZK_SIGNATURE_BYTES) });
export const txEthSignatureSchema = z.object({
  type: z.enum(["EthereumSignature", "EIP1271Signature"]),
  signature: ethSignature,
});

const signature = txSignatureSchema.optional();
const timeRange = { validFrom: timestamp, validUntil: timestamp };

export const transferSchema = z.object({
  type: z.literal("Transfer"),
  accountId,
  from: address,
  to: address,
  token: tokenId,
  amount: packedAmount,
  fee: packedFee,
  nonce,
  ...timeRange,
  signature,
});

export const withdrawSchema = z.object({
  type: z.literal("Withdraw"),
  accountId,
  from: address,
  to: address,
  token: tokenId,
  amount: fullAmount,
  fee: packedFee,
  nonce,
  ...timeRange,
  signature,
  fast: z.boolean().optional(),
});

export const changePubKeyEthAuthDataSchema = z.discriminatedUnion("type", [
  z.object({ type: z.literal("Onchain") }),
  z.object({ type: z.literal("ECDSA"), ethSignature, batchHash: hex32.optional() }),
  z.object({ type: z.literal("EIP712"), ethSignature, batchHash: hex32.optional() }),
  z.object({ type: z.literal("CREATE2"), creatorAddress: address, saltArg: hex32, codeHash: hex32 }),
]);

export const changePubKeySchema = z.object({
  type: z.literal("ChangePubKey"),
  accountId,
  account: address,
  newPkHash: pubKeyHash,
  feeToken: tokenId,
  fee: packedFee,
  nonce,
  ...timeRange,
  signature,
  ethAuthData: changePubKeyEthAuthDataSchema.optional(),
  ethSignature: ethSignature.nullable().optional(),
  chainId: z.number().int().min(0).optional(),
});

export const forcedExitSchema = z.object({
  type: z.literal("ForcedExit"),
  initiatorAccountId: accountId,
  target: address,
  token: tokenId,
  fee: packedFee,
  nonce,
  ...timeRange,
  signature,
});

export const mintNFTSchema = z.object({
  type: z.literal("MintNFT"),
  creatorId: accountId,
  creatorAddress: address,
  contentHash,
  recipient: address,
  fee: packedFee,
  feeToken: tokenId,
  nonce,
  signature,
});

export const withdrawNFTSchema = z.object({
  type: z.literal("WithdrawNFT"),
  accountId,
  from: address,
  to: address,
  token: tokenId,
  feeToken: tokenId,
  fee: packedFee,
  nonce,
  ...timeRange,
  signature,
  fast: z.boolean().optional(),
});

export const orderSchema = z.object({
  accountId,
  recipient: address,
  nonce,
  tokenSell: tokenId,
  tokenBuy: tokenId,
  ratio: z.tuple([price, price]),
  amount: packedAmount,
  ...timeRange,
  signature,
});

export const swapSchema = z.object({
  type: z.literal("Swap"),
  submitterId: accountId,
  submitterAddress: address,
  nonce,
  orders: z.tuple([orderSchema, orderSchema]),
  amounts: z.tuple([packedAmount, packedAmount]),
  fee: packedFee,
  feeToken: tokenId,
  signature,
});

export const txSchema = z.discriminatedUnion("type", [
  transferSchema,
  withdrawSchema,
  changePubKeySchema,
  forcedExitSchema,
  mintNFTSchema,
  withdrawNFTSchema,
  swapSchema,
]);

export const depositSchema = z.object({ type: z.literal("Deposit"), from: address, token: tokenId, amount: fullAmount, to: address });
export const fullExitSchema = z.object({ type: z.literal("FullExit"), accountId, ethAddress: address, token: tokenId });
export const priorityOpSchema = z.discriminatedUnion("type", [depositSchema, fullExitSchema]);

function parseWith<S extends z.ZodType>(schema: S, json: unknown, what: string): z.output<S> {
  const result = schema.safeParse(json);
  if (result.success) return result.data;
  const issues = result.error.issues;
  const summary = issues
    .slice(0, 3)
    .map((issue) => `${issue.path.map(String).join(".") || "(root)"}: ${issue.message}`)
    .join("; ");
  const more = issues.length > 3 ? ` (+${issues.length - 3} more)` : "";
  throw protocolError("INVALID_TRANSACTION", `invalid ${what}: ${summary}${more}`);
}

/** Validates a JSON transaction by its `type`; throws `INVALID_TRANSACTION` with the first issues. */
export function parseTx(json: unknown): Tx {
  return parseWith(txSchema, json, "transaction");
}

export function parseOrder(json: unknown): Order {
  return parseWith(orderSchema, json, "order");
}

export function parsePriorityOp(json: unknown): PriorityOp {
  return parseWith(priorityOpSchema, json, "priority operation");
}

export function parseTxEthSignature(json: unknown): TxEthSignature {
  return parseWith(txEthSignatureSchema, json, "eth signature");
}

/** The JSON wire form of a parsed value: bigints become decimal strings, undefined fields are dropped. */
export function toJson<T extends Tx | Order | PriorityOp>(value: T): ToJson<T> {
  return jsonValue(value) as ToJson<T>;
}

function jsonValue(value: unknown): unknown {
  if (typeof value === "bigint") return value.toString();
  if (Array.isArray(value)) return value.map(jsonValue);
  if (typeof value !== "object" || value === null) return value;
  return Object.fromEntries(
    Object.entries(value)
      .filter(([, field]) => field !== undefined)
      .map(([key, field]) => [key, jsonValue(field)]),
  );
}

// Compile-time proof that every schema maps exactly its `…Json` type to its parsed type.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
type Check<S extends z.ZodType, Json, Parsed> = Same<z.input<S>, Json> extends true
  ? Same<z.output<S>, Parsed> extends true
    ? true
    : false
  : false;
const schemasMatchTypes: [
  Check<typeof transferSchema, TransferJson, Transfer>,
  Check<typeof withdrawSchema, WithdrawJson, Withdraw>,
  Check<typeof changePubKeySchema, ChangePubKeyJson, ChangePubKey>,
  Check<typeof forcedExitSchema, ForcedExitJson, ForcedExit>,
  Check<typeof mintNFTSchema, MintNFTJson, MintNFT>,
  Check<typeof withdrawNFTSchema, WithdrawNFTJson, WithdrawNFT>,
  Check<typeof orderSchema, OrderJson, Order>,
  Check<typeof swapSchema, SwapJson, Swap>,
  Check<typeof depositSchema, DepositJson, Deposit>,
  Check<typeof fullExitSchema, FullExitJson, FullExit>,
  Check<typeof txSignatureSchema, TxSignature, TxSignature>,
] = [true, true, true, true, true, true, true, true, true, true, true];
void schemasMatchTypes;
