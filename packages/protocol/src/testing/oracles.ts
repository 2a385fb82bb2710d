/**
 * Test-only independent models, written from PROTOCOL.md with ethers' ABI packing and a brute-force
 * float search, sharing no code with the implementation.
 */
import { getBytes, solidityPacked, zeroPadBytes } from "ethers";

export interface FloatSpec {
  exponentBits: number;
  mantissaBits: number;
}
export const AMOUNT_SPEC: FloatSpec = { exponentBits: 5, mantissaBits: 35 };
export const FEE_SPEC: FloatSpec = { exponentBits: 5, mantissaBits: 11 };

/**
 * Searches every exponent for the best packable value below (`down`) or above (`up`) `value`; returns
 * it with its encoding at the smallest exponent, or undefined when nothing qualifies.
 */
export function bruteForcePack(value: bigint, spec: FloatSpec, mode: "down" | "up"): { value: bigint; bytes: string } | undefined {
  const maxMantissa = 2n ** BigInt(spec.mantissaBits) - 1n;
  let best: { value: bigint; mantissa: bigint; exponent: number } | undefined;
  for (let exponent = 0; exponent < 2 ** spec.exponentBits; exponent++) {
    const scale = 10n ** BigInt(exponent);
    let mantissa = mode === "down" ? value / scale : (value + scale - 1n) / scale;
    if (mantissa > maxMantissa) {
      if (mode === "up") continue;
      mantissa = maxMantissa;
    }
    const candidate = mantissa * scale;
    const better = best === undefined || (mode === "down" ? candidate > best.value : candidate < best.value);
    if (better) best = { value: candidate, mantissa, exponent };
  }
  if (best === undefined) return undefined;
  const packed = best.mantissa * 2n ** BigInt(spec.exponentBits) + BigInt(best.exponent);
  const width = (spec.exponentBits + spec.mantissaBits) / 8;
  return { value: best.value, bytes: "0x" + packed.toString(16).padStart(width * 2, "0") };
}

function packedExact(value: bigint, spec: FloatSpec): string {
  const result = bruteForcePack(value, spec, "down");
  if (result === undefined || result.value !== value) throw new Error(`oracle: ${value} not packable`);
  return result.bytes;
}
export const oracleAmount = (v: bigint) => packedExact(v, AMOUNT_SPEC);
export const oracleFee = (v: bigint) => packedExact(v, FEE_SPEC);
const pkh = (text: string) => "0x" + text.replace(/^sync:/, "");

type Fields = Record<string, unknown>;
const n = (v: unknown) => v as number;
const b = (v: unknown) => v as bigint;
const s = (v: unknown) => v as string;

/** Sign bytes per PROTOCOL.md §3.2 (the Swap takes its 31-byte orders hash as hex). */
export function oracleSignBytes(type: string, tx: Fields, ordersHash?: string): string {
  const tr = ["uint64", "uint64"];
  const trv = [n(tx.validFrom), n(tx.validUntil)];
  switch (type) {
    case "Transfer":
      return solidityPacked(
        ["uint8", "uint8", "uint32", "address", "address", "uint32", "bytes5", "bytes2", "uint32", ...tr],
        [0xfa, 1, tx.accountId, tx.from, tx.to, tx.token, oracleAmount(b(tx.amount)), oracleFee(b(tx.fee)), tx.nonce, ...trv],
      );
    case "Withdraw":
      return solidityPacked(
        ["uint8", "uint8", "uint32", "address", "address", "uint32", "uint128", "bytes2", "uint32", ...tr],
        [0xfc, 1, tx.accountId, tx.from, tx.to, tx.token, tx.amount, oracleFee(b(tx.fee)), tx.nonce, ...trv],
      );
    case "ChangePubKey":
      return solidityPacked(
        ["uint8", "uint8", "uint32", "address", "bytes20", "uint32", "bytes2", "uint32", ...tr],
        [0xf8, 1, tx.accountId, tx.account, pkh(s(tx.newPkHash)), tx.feeToken, oracleFee(b(tx.fee)), tx.nonce, ...trv],
      );
    case "ForcedExit":
      return solidityPacked(
        ["uint8", "uint8", "uint32", "address", "uint32", "bytes2", "uint32", ...tr],
        [0xf7, 1, tx.initiatorAccountId, tx.target, tx.token, oracleFee(b(tx.fee)), tx.nonce, ...trv],
      );
    case "MintNFT":
      return solidityPacked(
        ["uint8", "uint8", "uint32", "address", "bytes32", "address", "uint32", "bytes2", "uint32"],
        [0xf6, 1, tx.creatorId, tx.creatorAddress, tx.contentHash, tx.recipient, tx.feeToken, oracleFee(b(tx.fee)), tx.nonce],
      );
    case "WithdrawNFT":
      return solidityPacked(
        ["uint8", "uint8", "uint32", "address", "address", "uint32", "uint32", "bytes2", "uint32", ...tr],
        [0xf5, 1, tx.accountId, tx.from, tx.to, tx.token, tx.feeToken, oracleFee(b(tx.fee)), tx.nonce, ...trv],
      );
    case "Order": {
      const [sell, buy] = tx.ratio as [bigint, bigint];
      return solidityPacked(
        ["uint8", "uint8", "uint32", "address", "uint32", "uint32", "uint32", "uint120", "uint120", "bytes5", ...tr],
        [0x6f, 1, tx.accountId, tx.recipient, tx.nonce, tx.tokenSell, tx.tokenBuy, sell, buy, oracleAmount(b(tx.amount)), ...trv],
      );
    }
    case "Swap": {
      const [a, c] = tx.amounts as [bigint, bigint];
      return solidityPacked(
        ["uint8", "uint8", "uint32", "address", "uint32", "bytes31", "uint32", "bytes2", "bytes5", "bytes5"],
        [0xf4, 1, tx.submitterId, tx.submitterAddress, tx.nonce, ordersHash, tx.feeToken, oracleFee(b(tx.fee)), oracleAmount(a), oracleAmount(c)],
      );
    }
    default:
      throw new Error(`oracle: unknown type ${type}`);
  }
}

const OP_LAYOUTS: Record<string, { code: number; chunks: number; fields: [string, string][] }> = {
  Noop: { code: 0, chunks: 1, fields: [] },
  Deposit: { code: 1, chunks: 6, fields: [["accountId", "uint32"], ["token", "uint32"], ["amount", "uint128"], ["to", "address"]] },
  TransferToNew: {
    code: 2,
    chunks: 6,
    fields: [["fromId", "uint32"], ["token", "uint32"], ["amount", "amt"], ["to", "address"], ["toId", "uint32"], ["fee", "fee"]],
  },
  Withdraw: { code: 3, chunks: 6, fields: [["accountId", "uint32"], ["token", "uint32"], ["amount", "uint128"], ["fee", "fee"], ["to", "address"]] },
  Transfer: { code: 5, chunks: 2, fields: [["fromId", "uint32"], ["token", "uint32"], ["toId", "uint32"], ["amount", "amt"], ["fee", "fee"]] },
  FullExit: {
    code: 6,
    chunks: 11,
    fields: [
      ["accountId", "uint32"],
      ["owner", "address"],
      ["token", "uint32"],
      ["amount", "uint128"],
      ["nftCreatorId", "uint32"],
      ["nftCreatorAddress", "address"],
      ["nftSerialId", "uint32"],
      ["nftContentHash", "bytes32"],
    ],
  },
  ChangePubKey: {
    code: 7,
    chunks: 6,
    fields: [["accountId", "uint32"], ["newPkHash", "pkh"], ["account", "address"], ["nonce", "uint32"], ["feeToken", "uint32"], ["fee", "fee"]],
  },
  ForcedExit: {
    code: 8,
    chunks: 6,
    fields: [["initiatorId", "uint32"], ["targetId", "uint32"], ["token", "uint32"], ["amount", "uint128"], ["fee", "fee"], ["target", "address"]],
  },
  MintNFT: { code: 9, chunks: 5, fields: [["creatorId", "uint32"], ["recipientId", "uint32"], ["contentHash", "bytes32"], ["feeToken", "uint32"], ["fee", "fee"]] },
  WithdrawNFT: {
    code: 10,
    chunks: 10,
    fields: [
      ["accountId", "uint32"],
      ["creatorId", "uint32"],
      ["creatorAddress", "address"],
      ["serialId", "uint32"],
      ["contentHash", "bytes32"],
      ["to", "address"],
      ["token", "uint32"],
      ["feeToken", "uint32"],
      ["fee", "fee"],
    ],
  },
  Swap: {
    code: 11,
    chunks: 5,
    fields: [
      ["accountA", "uint32"],
      ["recipientA", "uint32"],
      ["accountB", "uint32"],
      ["recipientB", "uint32"],
      ["submitterId", "uint32"],
      ["tokenA", "uint32"],
      ["tokenB", "uint32"],
      ["feeToken", "uint32"],
      ["amountA", "amt"],
      ["amountB", "amt"],
      ["fee", "fee"],
      ["nonceMask", "uint8"],
    ],
  },
};

export const ORACLE_OP_CHUNKS: Record<string, number> = Object.fromEntries(Object.entries(OP_LAYOUTS).map(([k, v]) => [k, v.chunks]));
export const ORACLE_ONCHAIN_OPS = new Set(["Deposit", "Withdraw", "FullExit", "ChangePubKey", "ForcedExit", "WithdrawNFT"]);
export const ORACLE_PROCESSABLE_OPS = new Set(["Withdraw", "ForcedExit", "FullExit", "WithdrawNFT"]);

/** Padded pubdata of an operation per PROTOCOL.md §4.2. */
export function oracleOpPubdata(op: Fields & { type: string }): Uint8Array {
  const layout = OP_LAYOUTS[op.type];
  if (layout === undefined) throw new Error(`oracle: unknown op ${op.type}`);
  const types = ["uint8"];
  const values: unknown[] = [layout.code];
  for (const [name, kind] of layout.fields) {
    const value = op[name];
    const [solidityType, encoded] =
      kind === "amt"
        ? ["bytes5", oracleAmount(b(value))]
        : kind === "fee"
          ? ["bytes2", oracleFee(b(value))]
          : kind === "pkh"
            ? ["bytes20", pkh(s(value))]
            : [kind, value];
    types.push(solidityType);
    values.push(encoded);
  }
  return getBytes(zeroPadBytes(solidityPacked(types, values), layout.chunks * 10));
}
