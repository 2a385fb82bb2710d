/**
 * The L2 (zkSync) signer: holds a zkSync private key and signs every transaction type exactly as
 * zksync.js 0.13's `Signer` does — same argument objects, same result JSON (amounts as decimal strings,
 * `signature: { pubKey, signature }`), byte-identical signatures.
 */
import {
  init,
  privateKeyFromSeed,
  privateKeyToPubKeyHash,
  rescueHashOrders,
  signMusig,
  SUBGROUP_ORDER,
} from "@zklite/crypto-wasm";
import type { Signer as EthersSigner } from "ethers";
import {
  bytesToPubKeyHash,
  parseAmount,
  serializeChangePubKey,
  serializeForcedExit,
  serializeMintNFT,
  serializeOrder,
  serializeSwap,
  serializeTransfer,
  serializeWithdraw,
  serializeWithdrawNFT,
  toHex,
  type AmountLike,
  type ChangePubKeyEthAuthData,
  type OrderInput,
  type PubKeyHash,
  type TxSignature,
} from "@zklite/protocol";
import { parseHex, protocolError, requireObject } from "@zklite/protocol/validation";
import { getEthSignatureType, signMessagePersonalAPI, type EthSignerType } from "./eth-signature-type.js";

/** zksync.js accepts amounts as anything `BigNumber.from` takes; zkLite takes bigint or decimal strings. */
type Amount = AmountLike | number;

interface TimeRangeArgs {
  validFrom: number;
  validUntil: number;
}

export interface TransferArgs extends TimeRangeArgs {
  accountId: number;
  from: string;
  to: string;
  tokenId: number;
  amount: Amount;
  fee: Amount;
  nonce: number;
}

export interface WithdrawArgs extends TimeRangeArgs {
  accountId: number;
  from: string;
  ethAddress: string;
  tokenId: number;
  amount: Amount;
  fee: Amount;
  nonce: number;
}

export interface ChangePubKeyArgs extends TimeRangeArgs {
  accountId: number;
  account: string;
  newPkHash: PubKeyHash;
  feeTokenId: number;
  fee: Amount;
  nonce: number;
  ethAuthData?: ChangePubKeyEthAuthData;
  ethSignature?: string;
}

export interface ForcedExitArgs extends TimeRangeArgs {
  initiatorAccountId: number;
  target: string;
  tokenId: number;
  fee: Amount;
  nonce: number;
}

export interface MintNFTArgs {
  creatorId: number;
  creatorAddress: string;
  recipient: string;
  contentHash: string;
  feeTokenId: number;
  fee: Amount;
  nonce: number;
}

export interface WithdrawNFTArgs extends TimeRangeArgs {
  accountId: number;
  from: string;
  to: string;
  tokenId: number;
  feeTokenId: number;
  fee: Amount;
  nonce: number;
}

export interface OrderArgs extends TimeRangeArgs {
  accountId: number;
  recipient: string;
  nonce: number;
  tokenSell: number;
  tokenBuy: number;
  ratio: readonly [Amount, Amount];
  amount: Amount;
  signature?: TxSignature;
  ethSignature?: unknown;
}

export interface SwapArgs {
  orders: readonly [OrderArgs, OrderArgs];
  amounts: readonly [Amount, Amount];
  submitterId: number;
  submitterAddress: string;
  nonce: number;
  feeToken: number;
  fee: Amount;
}

type Signed<T> = T & { signature: TxSignature };

/** Decimal text of an amount; numbers must be safe integers (zksync.js callers often pass small numbers). */
function decimal(value: Amount): string {
  if (typeof value === "number") {
    if (!Number.isSafeInteger(value) || value < 0) {
      throw protocolError("INVALID_AMOUNT", `amount must be a non-negative safe integer, got ${value}`);
    }
    return value.toString();
  }
  return parseAmount(value).toString();
}

/** A two-element array (orders, amounts, ratio), or INVALID_TRANSACTION. */
function requirePair<T>(value: readonly [T, T], what: string): readonly [T, T] {
  if (!Array.isArray(value) || value.length !== 2) throw protocolError("INVALID_TRANSACTION", `${what} must be a pair`);
  return value;
}

function asOrderInput(order: OrderArgs): OrderInput {
  const args = requireObject(order, "order", "INVALID_TRANSACTION");
  const ratio = requirePair(args.ratio, "order ratio");
  return { ...args, amount: decimal(args.amount), ratio: [decimal(ratio[0]), decimal(ratio[1])] };
}

function requirePrivateKey(privateKey: unknown): Uint8Array {
  if (!(privateKey instanceof Uint8Array) || privateKey.length !== 32) {
    throw protocolError("INVALID_TRANSACTION", "a zkSync private key is 32 bytes");
  }
  const scalar = BigInt(toHex(privateKey));
  if (scalar === 0n || scalar >= SUBGROUP_ORDER) {
    throw protocolError("INVALID_TRANSACTION", "a zkSync private key must be a non-zero scalar below the subgroup order");
  }
  return Uint8Array.from(privateKey);
}

export class Signer {
  readonly #privateKey: Uint8Array;

  private constructor(privateKey: Uint8Array) {
    this.#privateKey = privateKey;
  }

  static fromPrivateKey(privateKey: Uint8Array): Signer {
    return new Signer(requirePrivateKey(privateKey));
  }

  static async fromSeed(seed: Uint8Array): Promise<Signer> {
    await init();
    return new Signer(privateKeyFromSeed(seed));
  }

  /**
   * Derives the L2 key from the Ethereum signature of "Access zkSync account…" (with the chain id line
   * when the signer's network is not mainnet), as zksync.js does.
   */
  static async fromETHSignature(ethSigner: EthersSigner): Promise<{ signer: Signer; ethSignatureType: EthSignerType }> {
    let chainId = 1n;
    if (ethSigner.provider) chainId = (await ethSigner.provider.getNetwork()).chainId;
    let message = "Access zkSync account.\n\nOnly sign this message for a trusted client!";
    if (chainId !== 1n) message += `\nChain ID: ${chainId}.`;
    const signature = await signMessagePersonalAPI(ethSigner, new TextEncoder().encode(message));
    const address = await ethSigner.getAddress();
    const ethSignatureType = await getEthSignatureType(ethSigner.provider, message, signature, address);
    const signer = await Signer.fromSeed(parseHex(signature, { what: "Ethereum signature" }));
    return { signer, ethSignatureType };
  }

  async pubKeyHash(): Promise<PubKeyHash> {
    await init();
    return bytesToPubKeyHash(privateKeyToPubKeyHash(this.#privateKey));
  }

  async signSyncTransfer(transfer: TransferArgs) {
    const tx = { ...requireObject(transfer, "transfer", "INVALID_TRANSACTION"), type: "Transfer" as const, token: transfer.tokenId };
    const signature = await this.#sign(() => serializeTransfer({ ...tx, amount: decimal(tx.amount), fee: decimal(tx.fee) }));
    return { ...tx, amount: decimal(transfer.amount), fee: decimal(transfer.fee), signature };
  }

  async signSyncWithdraw(withdraw: WithdrawArgs) {
    const args = requireObject(withdraw, "withdraw", "INVALID_TRANSACTION");
    const tx = { ...args, type: "Withdraw" as const, to: args.ethAddress, token: args.tokenId };
    const signature = await this.#sign(() => serializeWithdraw({ ...tx, amount: decimal(tx.amount), fee: decimal(tx.fee) }));
    return { ...tx, amount: decimal(args.amount), fee: decimal(args.fee), signature };
  }

  async signSyncChangePubKey(changePubKey: ChangePubKeyArgs) {
    const args = requireObject(changePubKey, "changePubKey", "INVALID_TRANSACTION");
    const tx = { ...args, type: "ChangePubKey" as const, feeToken: args.feeTokenId };
    const signature = await this.#sign(() => serializeChangePubKey({ ...tx, fee: decimal(tx.fee) }));
    return { ...tx, fee: decimal(args.fee), signature };
  }

  async signSyncForcedExit(forcedExit: ForcedExitArgs) {
    const args = requireObject(forcedExit, "forcedExit", "INVALID_TRANSACTION");
    const tx = { ...args, type: "ForcedExit" as const, token: args.tokenId };
    const signature = await this.#sign(() => serializeForcedExit({ ...tx, fee: decimal(tx.fee) }));
    return { ...tx, fee: decimal(args.fee), signature };
  }

  async signMintNFT(mintNft: MintNFTArgs) {
    const args = requireObject(mintNft, "mintNFT", "INVALID_TRANSACTION");
    const tx = { ...args, type: "MintNFT" as const, feeToken: args.feeTokenId };
    const signature = await this.#sign(() => serializeMintNFT({ ...tx, fee: decimal(tx.fee) }));
    return { ...tx, fee: decimal(args.fee), signature };
  }

  async signWithdrawNFT(withdrawNft: WithdrawNFTArgs) {
    const args = requireObject(withdrawNft, "withdrawNFT", "INVALID_TRANSACTION");
    const tx = { ...args, type: "WithdrawNFT" as const, token: args.tokenId, feeToken: args.feeTokenId };
    const signature = await this.#sign(() => serializeWithdrawNFT({ ...tx, fee: decimal(tx.fee) }));
    return { ...tx, fee: decimal(args.fee), signature };
  }

  async signSyncOrder(order: OrderArgs): Promise<Signed<OrderArgs & { amount: string; ratio: [string, string] }>> {
    const input = asOrderInput(order);
    const signature = await this.#sign(() => serializeOrder(input));
    return { ...order, amount: input.amount as string, ratio: input.ratio as [string, string], signature };
  }

  async signSyncSwap(swap: SwapArgs) {
    const args = requireObject(swap, "swap", "INVALID_TRANSACTION");
    const tx = { ...args, type: "Swap" as const };
    const [amountA, amountB] = requirePair(args.amounts, "swap amounts");
    const [orderA, orderB] = requirePair(args.orders, "swap orders");
    const amounts: [string, string] = [decimal(amountA), decimal(amountB)];
    const orders: [OrderInput, OrderInput] = [asOrderInput(orderA), asOrderInput(orderB)];
    const signature = await this.#sign(() => serializeSwap({ ...tx, amounts, fee: decimal(args.fee), orders }, rescueHashOrders));
    return { ...tx, amounts, fee: decimal(args.fee), signature };
  }

  async #sign(signBytes: () => Uint8Array): Promise<TxSignature> {
    await init();
    const packed = signMusig(this.#privateKey, signBytes());
    return { pubKey: toHex(packed.subarray(0, 32)).slice(2), signature: toHex(packed.subarray(32)).slice(2) };
  }
}
