/**
 * Wraps an ethers v6 signer and signs every zkSync "2FA" message (PROTOCOL.md §2.5–§2.6), with the
 * method names and argument shapes of zksync.js 0.13's `EthMessageSigner`. The message texts come from
 * `@zklite/sdk/protocol`; this class only decides how they are signed (prefix, ECDSA or EIP-1271).
 */
import type { Signer as EthersSigner } from "ethers";
import {
  getChangePubKeyEthMessagePart,
  getChangePubkeyMessage,
  getChangePubKeyTypedData,
  getEthSignMessage,
  getForcedExitEthMessagePart,
  getMintNFTEthMessagePart,
  getOrderEthSignMessage,
  getSignedBytesFromMessage,
  getSwapEthSignMessagePart,
  getTransferEthMessagePart,
  getWithdrawEthMessagePart,
  getWithdrawNFTEthMessagePart,
  serializeAccountId,
  serializeAddress,
  toHex,
  type PubKeyHash,
  type TxEthSignature,
} from "@zklite/protocol";
import { protocolError, requireObject } from "@zklite/protocol/validation";
import { signMessagePersonalAPI, type EthSignerType } from "./eth-signature-type.js";

type Text = string | null | undefined;

interface AmountMessage {
  stringAmount: Text;
  stringToken: string;
  stringFee: Text;
  nonce: number;
}

export class EthMessageSigner {
  constructor(
    private readonly ethSigner: EthersSigner,
    private readonly ethSignerType?: EthSignerType,
  ) {}

  /** Signs raw message bytes or text the way this wallet type expects. */
  async getEthMessageSignature(message: string | Uint8Array): Promise<TxEthSignature> {
    if (this.ethSignerType === undefined) {
      throw protocolError("INVALID_MESSAGE_INPUT", "ethSignerType is unknown: construct EthMessageSigner with the signer type");
    }
    const signedBytes = getSignedBytesFromMessage(message, !this.ethSignerType.isSignedMsgPrefixed);
    const signature = await signMessagePersonalAPI(this.ethSigner, signedBytes);
    const type = this.ethSignerType.verificationMethod === "ECDSA" ? "EthereumSignature" : "EIP1271Signature";
    return { type, signature };
  }

  /** zksync.js accepts `ethAddress` here too, in which case the part describes a withdrawal. */
  getTransferEthMessagePart(tx: Omit<AmountMessage, "nonce"> & { to?: string; ethAddress?: string }): string {
    requireObject(tx, "message input", "INVALID_MESSAGE_INPUT");
    if (tx.ethAddress !== undefined) return getWithdrawEthMessagePart({ ...tx, ethAddress: tx.ethAddress });
    if (tx.to !== undefined) return getTransferEthMessagePart({ ...tx, to: tx.to });
    throw protocolError("INVALID_MESSAGE_INPUT", "either `to` or `ethAddress` must be present");
  }

  getWithdrawEthMessagePart(tx: Omit<AmountMessage, "nonce"> & { ethAddress: string }): string {
    return getWithdrawEthMessagePart(tx);
  }

  getTransferEthSignMessage(transfer: AmountMessage & { to: string; accountId?: number }): string {
    return getEthSignMessage(getTransferEthMessagePart(transfer), transfer.nonce);
  }

  getWithdrawEthSignMessage(withdraw: AmountMessage & { ethAddress: string; accountId?: number }): string {
    return getEthSignMessage(getWithdrawEthMessagePart(withdraw), withdraw.nonce);
  }

  getForcedExitEthMessagePart(forcedExit: { stringToken: string; stringFee: Text; target: string }): string {
    return getForcedExitEthMessagePart(forcedExit);
  }

  getForcedExitEthSignMessage(forcedExit: { stringToken: string; stringFee: Text; target: string; nonce: number }): string {
    return getEthSignMessage(getForcedExitEthMessagePart(forcedExit), forcedExit.nonce);
  }

  getMintNFTEthMessagePart(mintNFT: { stringFeeToken: string; stringFee: Text; recipient: string; contentHash: string }): string {
    return getMintNFTEthMessagePart(mintNFT);
  }

  getMintNFTEthSignMessage(mintNFT: {
    stringFeeToken: string;
    stringFee: Text;
    recipient: string;
    contentHash: string;
    nonce: number;
  }): string {
    return getEthSignMessage(getMintNFTEthMessagePart(mintNFT), mintNFT.nonce);
  }

  getWithdrawNFTEthMessagePart(withdrawNFT: { token: number; to: string; stringFee: Text; stringFeeToken: string }): string {
    return getWithdrawNFTEthMessagePart(withdrawNFT);
  }

  getWithdrawNFTEthSignMessage(withdrawNFT: {
    token: number;
    to: string;
    stringFee: Text;
    stringFeeToken: string;
    nonce: number;
  }): string {
    return getEthSignMessage(getWithdrawNFTEthMessagePart(withdrawNFT), withdrawNFT.nonce);
  }

  getSwapEthSignMessagePart(swap: { fee: Text; feeToken: string }): string {
    return getSwapEthSignMessagePart(swap);
  }

  getSwapEthSignMessage(swap: { fee: Text; feeToken: string; nonce: number }): string {
    return getEthSignMessage(getSwapEthSignMessagePart(swap), swap.nonce);
  }

  getOrderEthSignMessage(order: Parameters<typeof getOrderEthSignMessage>[0]): string {
    return getOrderEthSignMessage(order);
  }

  getChangePubKeyEthMessagePart(changePubKey: { pubKeyHash: PubKeyHash; stringToken: string; stringFee: Text }): string {
    return getChangePubKeyEthMessagePart(changePubKey);
  }

  /** The 60-byte message of an ECDSA ChangePubKey authorization. */
  getChangePubKeyEthSignMessage(changePubKey: { pubKeyHash: PubKeyHash; nonce: number; accountId: number }): Uint8Array {
    const { pubKeyHash, nonce, accountId } = requireObject(changePubKey, "changePubKey", "INVALID_MESSAGE_INPUT");
    return getChangePubkeyMessage(pubKeyHash, nonce, accountId);
  }

  ethSignTransfer(transfer: AmountMessage & { to: string; accountId?: number }): Promise<TxEthSignature> {
    return this.getEthMessageSignature(this.getTransferEthSignMessage(transfer));
  }

  ethSignWithdraw(withdraw: AmountMessage & { ethAddress: string; accountId?: number }): Promise<TxEthSignature> {
    return this.getEthMessageSignature(this.getWithdrawEthSignMessage(withdraw));
  }

  ethSignForcedExit(forcedExit: { stringToken: string; stringFee: Text; target: string; nonce: number }): Promise<TxEthSignature> {
    return this.getEthMessageSignature(this.getForcedExitEthSignMessage(forcedExit));
  }

  ethSignMintNFT(mintNFT: Parameters<EthMessageSigner["getMintNFTEthSignMessage"]>[0]): Promise<TxEthSignature> {
    return this.getEthMessageSignature(this.getMintNFTEthSignMessage(mintNFT));
  }

  ethSignWithdrawNFT(withdrawNFT: Parameters<EthMessageSigner["getWithdrawNFTEthSignMessage"]>[0]): Promise<TxEthSignature> {
    return this.getEthMessageSignature(this.getWithdrawNFTEthSignMessage(withdrawNFT));
  }

  ethSignSwap(swap: { fee: Text; feeToken: string; nonce: number }): Promise<TxEthSignature> {
    return this.getEthMessageSignature(this.getSwapEthSignMessage(swap));
  }

  ethSignOrder(order: Parameters<typeof getOrderEthSignMessage>[0]): Promise<TxEthSignature> {
    return this.getEthMessageSignature(this.getOrderEthSignMessage(order));
  }

  ethSignChangePubKey(changePubKey: { pubKeyHash: PubKeyHash; nonce: number; accountId: number }): Promise<TxEthSignature> {
    return this.getEthMessageSignature(this.getChangePubKeyEthSignMessage(changePubKey));
  }

  /** The signature of a whole batch's message (PROTOCOL.md §2.5), built with `batchEthSignMessage`. */
  ethSignBatch(message: string): Promise<TxEthSignature> {
    return this.getEthMessageSignature(message);
  }

  /** EIP-712 authorization of a ChangePubKey (`ethAuthData.type = "EIP712"`); needs a chain id. */
  async ethSignChangePubKeyEIP712(
    changePubKey: { pubKeyHash: PubKeyHash; nonce: number; accountId: number },
    chainId: number,
  ): Promise<TxEthSignature> {
    const { pubKeyHash, nonce, accountId } = requireObject(changePubKey, "changePubKey", "INVALID_MESSAGE_INPUT");
    const typed = getChangePubKeyTypedData(pubKeyHash, nonce, accountId, chainId);
    const signature = await this.ethSigner.signTypedData(typed.domain, typed.types, typed.message);
    return { type: "EthereumSignature", signature };
  }

  async ethSignRegisterFactoryMessage(factoryAddress: string, accountId: number, accountAddress: string): Promise<TxEthSignature> {
    const hex = (bytes: Uint8Array) => toHex(bytes).slice(2);
    const message =
      `\nCreator's account ID in zkSync: ${hex(serializeAccountId(accountId))}\n` +
      `Creator: ${hex(serializeAddress(accountAddress))}\n` +
      `Factory: ${hex(serializeAddress(factoryAddress))}`;
    return this.getEthMessageSignature(new TextEncoder().encode(message));
  }
}
