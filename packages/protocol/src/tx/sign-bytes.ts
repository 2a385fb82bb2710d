/**
 * Signed-message bytes of every transaction (§3.2, zksync.js 0.13 `serialize*`). These bytes are what the
 * zkSync signature signs and what the tx hash hashes.
 */
import { concatBytes, requireBytes } from "../bytes.js";
import { CURRENT_TX_VERSION, ORDERS_HASH_BYTES, TX_TYPE } from "../constants.js";
import { describeValue, protocolError, requireObject } from "../errors.js";
import { serializeAddress } from "../address.js";
import {
  serializeAccountId,
  serializeAmountFull,
  serializeAmountPacked,
  serializeContentHash,
  serializeFeePacked,
  serializeNonce,
  serializePrice,
  serializeTimestamp,
  serializeTokenId,
} from "./fields.js";
import type {
  ChangePubKeyInput,
  ForcedExitInput,
  MintNFTInput,
  OrderInput,
  SwapInput,
  TimeRange,
  TransferInput,
  TxInput,
  WithdrawInput,
  WithdrawNFTInput,
} from "./types.js";

/**
 * zkSync's `rescueHashOrders`: maps the 178 bytes of two serialized orders to the 31-byte orders hash.
 * It needs Rescue (in `@zklite/crypto-wasm`), so callers inject it and this module stays pure.
 */
export type OrdersHasher = (ordersBytes: Uint8Array) => Uint8Array;

const header = (type: number): Uint8Array => Uint8Array.of(type, CURRENT_TX_VERSION);

const timeRange = (tx: TimeRange): Uint8Array[] => [serializeTimestamp(tx.validFrom), serializeTimestamp(tx.validUntil)];

const checked = <T extends object>(tx: T, what: string): T => requireObject(tx, what, "INVALID_TRANSACTION");

export function serializeTransfer(transfer: TransferInput): Uint8Array {
  const tx = checked(transfer, "Transfer");
  return concatBytes(
    header(TX_TYPE.Transfer),
    serializeAccountId(tx.accountId),
    serializeAddress(tx.from),
    serializeAddress(tx.to),
    serializeTokenId(tx.token),
    serializeAmountPacked(tx.amount),
    serializeFeePacked(tx.fee),
    serializeNonce(tx.nonce),
    ...timeRange(tx),
  );
}

export function serializeWithdraw(withdraw: WithdrawInput): Uint8Array {
  const tx = checked(withdraw, "Withdraw");
  return concatBytes(
    header(TX_TYPE.Withdraw),
    serializeAccountId(tx.accountId),
    serializeAddress(tx.from),
    serializeAddress(tx.to),
    serializeTokenId(tx.token),
    serializeAmountFull(tx.amount),
    serializeFeePacked(tx.fee),
    serializeNonce(tx.nonce),
    ...timeRange(tx),
  );
}

export function serializeChangePubKey(changePubKey: ChangePubKeyInput): Uint8Array {
  const tx = checked(changePubKey, "ChangePubKey");
  return concatBytes(
    header(TX_TYPE.ChangePubKey),
    serializeAccountId(tx.accountId),
    serializeAddress(tx.account),
    serializeAddress(tx.newPkHash),
    serializeTokenId(tx.feeToken),
    serializeFeePacked(tx.fee),
    serializeNonce(tx.nonce),
    ...timeRange(tx),
  );
}

export function serializeForcedExit(forcedExit: ForcedExitInput): Uint8Array {
  const tx = checked(forcedExit, "ForcedExit");
  return concatBytes(
    header(TX_TYPE.ForcedExit),
    serializeAccountId(tx.initiatorAccountId),
    serializeAddress(tx.target),
    serializeTokenId(tx.token),
    serializeFeePacked(tx.fee),
    serializeNonce(tx.nonce),
    ...timeRange(tx),
  );
}

/** MintNFT has no time range. */
export function serializeMintNFT(mintNFT: MintNFTInput): Uint8Array {
  const tx = checked(mintNFT, "MintNFT");
  return concatBytes(
    header(TX_TYPE.MintNFT),
    serializeAccountId(tx.creatorId),
    serializeAddress(tx.creatorAddress),
    serializeContentHash(tx.contentHash),
    serializeAddress(tx.recipient),
    serializeTokenId(tx.feeToken),
    serializeFeePacked(tx.fee),
    serializeNonce(tx.nonce),
  );
}

export function serializeWithdrawNFT(withdrawNFT: WithdrawNFTInput): Uint8Array {
  const tx = checked(withdrawNFT, "WithdrawNFT");
  return concatBytes(
    header(TX_TYPE.WithdrawNFT),
    serializeAccountId(tx.accountId),
    serializeAddress(tx.from),
    serializeAddress(tx.to),
    serializeTokenId(tx.token),
    serializeTokenId(tx.feeToken),
    serializeFeePacked(tx.fee),
    serializeNonce(tx.nonce),
    ...timeRange(tx),
  );
}

export function serializeOrder(order: OrderInput): Uint8Array {
  const o = checked(order, "Order");
  const ratio = requirePair(o.ratio, "Order ratio");
  return concatBytes(
    header(TX_TYPE.Order),
    serializeAccountId(o.accountId),
    serializeAddress(o.recipient),
    serializeNonce(o.nonce),
    serializeTokenId(o.tokenSell),
    serializeTokenId(o.tokenBuy),
    serializePrice(ratio[0]),
    serializePrice(ratio[1]),
    serializeAmountPacked(o.amount),
    ...timeRange(o),
  );
}

/** The 178-byte preimage of the orders hash: `serializeOrder(a) ‖ serializeOrder(b)`. */
export function serializeOrders(orders: readonly [OrderInput, OrderInput]): Uint8Array {
  const [a, b] = requirePair(orders, "Swap orders");
  return concatBytes(serializeOrder(a), serializeOrder(b));
}

/**
 * Swap sign bytes. `ordersHash` is either the precomputed 31-byte orders hash or a function computing it
 * from `serializeOrders(swap.orders)` (pass `rescueHashOrders` from `@zklite/crypto-wasm`). The orders
 * are validated in both cases. Throws `INVALID_ORDERS_HASH` if the hash is not 31 bytes.
 */
export function serializeSwap(swap: SwapInput, ordersHash: Uint8Array | OrdersHasher): Uint8Array {
  const tx = checked(swap, "Swap");
  const ordersBytes = serializeOrders(tx.orders);
  const amounts = requirePair(tx.amounts, "Swap amounts");
  const hash = typeof ordersHash === "function" ? ordersHash(ordersBytes) : ordersHash;
  requireBytes(hash, "orders hash", "INVALID_ORDERS_HASH", ORDERS_HASH_BYTES);
  return concatBytes(
    header(TX_TYPE.Swap),
    serializeAccountId(tx.submitterId),
    serializeAddress(tx.submitterAddress),
    serializeNonce(tx.nonce),
    hash,
    serializeTokenId(tx.feeToken),
    serializeFeePacked(tx.fee),
    serializeAmountPacked(amounts[0]),
    serializeAmountPacked(amounts[1]),
  );
}

/**
 * Sign bytes of any transaction, by `type`. A Swap needs `hashOrders` (else `INVALID_ORDERS_HASH`);
 * an unknown type throws `INVALID_TRANSACTION`.
 */
export function serializeTx(tx: TxInput, hashOrders?: OrdersHasher): Uint8Array {
  checked(tx, "transaction");
  switch (tx.type) {
    case "Transfer":
      return serializeTransfer(tx);
    case "Withdraw":
      return serializeWithdraw(tx);
    case "ChangePubKey":
      return serializeChangePubKey(tx);
    case "ForcedExit":
      return serializeForcedExit(tx);
    case "MintNFT":
      return serializeMintNFT(tx);
    case "WithdrawNFT":
      return serializeWithdrawNFT(tx);
    case "Swap":
      if (hashOrders === undefined) {
        throw protocolError("INVALID_ORDERS_HASH", "serializing a Swap needs the orders hasher (rescueHashOrders)");
      }
      return serializeSwap(tx, hashOrders);
    default:
      throw protocolError("INVALID_TRANSACTION", `unknown transaction type ${describeValue((tx as { type: unknown }).type)}`);
  }
}

function requirePair<T>(value: readonly [T, T], what: string): readonly [T, T] {
  if (!Array.isArray(value) || value.length !== 2) {
    throw protocolError("INVALID_TRANSACTION", `${what} must be a pair, got ${describeValue(value)}`);
  }
  return value;
}
