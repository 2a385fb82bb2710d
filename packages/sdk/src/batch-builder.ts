/**
 * zksync.js's `BatchBuilder`: collects unsigned transactions of one wallet, then `build(feeToken?)` gives them
 * consecutive nonces (from the given nonce or the account's committed one), signs each with the L2 key and the batch
 * message (PROTOCOL.md §2.5) once with the Ethereum key. With `feeToken`, every added transaction must have a zero
 * fee: the node's batch fee is put on the last transaction, after appending a zero transfer to self in `feeToken`
 * when the last one pays in another token.
 */
import type { FeeTypeInput } from "@zklite/api";
import type { TxEthSignature } from "@zklite/protocol";
import { describeInput, toAmount, requireArgs, type BigNumberish } from "./wallet-input.js";
import type { SignedTransaction } from "./signed-transaction.js";
import type { SyncProvider } from "./sync-provider.js";
import type { TokenLike, TokenSet } from "./token-set.js";
import type { ChangePubKeyAuthType, OrderData } from "./wallet-types.js";
import { walletError } from "./wallet-errors.js";

type Nonce = number | "committed";

interface TimeRangeInput {
  validFrom?: number;
  validUntil?: number;
}

export interface BatchTransfer extends TimeRangeInput {
  to: string;
  token: TokenLike;
  amount: BigNumberish;
  fee?: BigNumberish;
}
export interface BatchWithdraw extends TimeRangeInput {
  ethAddress: string;
  token: TokenLike;
  amount: BigNumberish;
  fee?: BigNumberish;
}
export interface BatchChangePubKey extends TimeRangeInput {
  feeToken: TokenLike;
  ethAuthType: ChangePubKeyAuthType;
  fee?: BigNumberish;
}
export interface BatchForcedExit extends TimeRangeInput {
  target: string;
  token: TokenLike;
  fee?: BigNumberish;
}
export interface BatchMintNFT {
  recipient: string;
  contentHash: string;
  feeToken: TokenLike;
  fee?: BigNumberish;
}
export interface BatchWithdrawNFT extends TimeRangeInput {
  to: string;
  token: number;
  feeToken: TokenLike;
  fee?: BigNumberish;
}
export interface BatchSwap {
  orders: readonly [OrderData, OrderData];
  amounts: readonly [BigNumberish, BigNumberish];
  feeToken: TokenLike;
  fee?: BigNumberish;
}

/** One collected transaction: its type, its (still unsigned) data with the fee, and what the batch fee needs. */
export type BatchBuilderInternalTx =
  | { type: "Transfer"; tx: BatchTransfer & { fee: BigNumberish }; feeType: FeeTypeInput; address: string; token: TokenLike }
  | { type: "Withdraw"; tx: BatchWithdraw & { fee: BigNumberish }; feeType: FeeTypeInput; address: string; token: TokenLike }
  | { type: "ChangePubKey"; tx: BatchChangePubKey & { fee: BigNumberish }; feeType: FeeTypeInput; address: string; token: TokenLike; alreadySigned?: false }
  | { type: "ChangePubKey"; tx: SignedTransaction["tx"] & { fee: string; feeToken: number }; feeType: FeeTypeInput; address: string; token: TokenLike; alreadySigned: true }
  | { type: "ForcedExit"; tx: BatchForcedExit & { fee: BigNumberish }; feeType: FeeTypeInput; address: string; token: TokenLike }
  | { type: "MintNFT"; tx: BatchMintNFT & { fee: BigNumberish }; feeType: FeeTypeInput; address: string; token: TokenLike }
  | { type: "WithdrawNFT"; tx: BatchWithdrawNFT & { fee: BigNumberish }; feeType: FeeTypeInput; address: string; token: TokenLike }
  | { type: "Swap"; tx: BatchSwap & { fee: BigNumberish }; feeType: FeeTypeInput; address: string; token: TokenLike };

/** What the builder needs from its wallet. */
export interface BatchBuilderWallet {
  readonly provider: SyncProvider;
  readonly tokenSet: TokenSet;
  address(): string;
  /** Re-reads the node's tokens if one of these is not known yet. */
  knowTokens(...tokens: readonly TokenLike[]): Promise<void>;
  processBatchBuilderTransactions(startNonce: Nonce | undefined, txs: readonly BatchBuilderInternalTx[]): Promise<{ txs: SignedTransaction[]; signature?: TxEthSignature }>;
}

export interface BatchBuildResult {
  txs: SignedTransaction[];
  /** The Ethereum signature of the batch message (absent for a wallet that cannot sign). */
  signature?: TxEthSignature;
  /** Sum of the fees by fee token symbol. */
  totalFee: Map<string, bigint>;
}

export class BatchBuilder {
  private constructor(
    private readonly wallet: BatchBuilderWallet,
    private readonly nonce: Nonce | undefined,
    private readonly txs: BatchBuilderInternalTx[],
  ) {}

  static fromWallet(wallet: BatchBuilderWallet, nonce?: Nonce): BatchBuilder {
    return new BatchBuilder(wallet, nonce, []);
  }

  /** The transactions collected so far (read-only view). */
  get transactions(): readonly BatchBuilderInternalTx[] {
    return this.txs;
  }

  addTransfer(transfer: BatchTransfer): this {
    const tx = { ...timeRange(requireArgs(transfer, "transfer")), to: transfer.to, token: transfer.token, amount: transfer.amount, fee: transfer.fee ?? 0 };
    this.txs.push({ type: "Transfer", tx, feeType: "Transfer", address: tx.to, token: tx.token });
    return this;
  }

  addWithdraw(withdraw: BatchWithdraw): this {
    const tx = { ...timeRange(requireArgs(withdraw, "withdraw")), ethAddress: withdraw.ethAddress, token: withdraw.token, amount: withdraw.amount, fee: withdraw.fee ?? 0 };
    this.txs.push({ type: "Withdraw", tx, feeType: "Withdraw", address: tx.ethAddress, token: tx.token });
    return this;
  }

  /** An unsigned key change (signed at build), or one signed already (`{ tx }` from `signSetSigningKey`). */
  addChangePubKey(changePubKey: BatchChangePubKey | SignedTransaction): this {
    requireArgs(changePubKey, "changePubKey");
    if ("tx" in changePubKey) {
      const signed = changePubKey.tx as SignedTransaction["tx"] & { fee: string; feeToken: number; ethAuthData?: { type?: string } };
      if (signed.type !== "ChangePubKey") throw walletError("INVALID_ARGUMENT", `expected a signed ChangePubKey, got a ${describeInput(signed.type)}`);
      const authType = (signed.ethAuthData?.type ?? "Onchain") as ChangePubKeyAuthType;
      this.txs.push({ type: "ChangePubKey", tx: signed, feeType: { ChangePubKey: authType }, address: this.wallet.address(), token: signed.feeToken, alreadySigned: true });
      return this;
    }
    const tx = { ...timeRange(changePubKey), feeToken: changePubKey.feeToken, ethAuthType: changePubKey.ethAuthType, fee: changePubKey.fee ?? 0 };
    this.txs.push({ type: "ChangePubKey", tx, feeType: { ChangePubKey: tx.ethAuthType }, address: this.wallet.address(), token: tx.feeToken });
    return this;
  }

  addForcedExit(forcedExit: BatchForcedExit): this {
    const tx = { ...timeRange(requireArgs(forcedExit, "forcedExit")), target: forcedExit.target, token: forcedExit.token, fee: forcedExit.fee ?? 0 };
    this.txs.push({ type: "ForcedExit", tx, feeType: "ForcedExit", address: tx.target, token: tx.token });
    return this;
  }

  addMintNFT(mintNFT: BatchMintNFT): this {
    const tx = { recipient: requireArgs(mintNFT, "mintNFT").recipient, contentHash: mintNFT.contentHash, feeToken: mintNFT.feeToken, fee: mintNFT.fee ?? 0 };
    this.txs.push({ type: "MintNFT", tx, feeType: "MintNFT", address: tx.recipient, token: tx.feeToken });
    return this;
  }

  addWithdrawNFT(withdrawNFT: BatchWithdrawNFT): this {
    const tx = { ...timeRange(requireArgs(withdrawNFT, "withdrawNFT")), to: withdrawNFT.to, token: withdrawNFT.token, feeToken: withdrawNFT.feeToken, fee: withdrawNFT.fee ?? 0 };
    this.txs.push({ type: "WithdrawNFT", tx, feeType: "WithdrawNFT", address: tx.to, token: tx.feeToken });
    return this;
  }

  addSwap(swap: BatchSwap): this {
    const tx = { orders: requireArgs(swap, "swap").orders, amounts: swap.amounts, feeToken: swap.feeToken, fee: swap.fee ?? 0 };
    this.txs.push({ type: "Swap", tx, feeType: "Swap", address: this.wallet.address(), token: tx.feeToken });
    return this;
  }

  /** Signs the batch; with `feeToken`, the node's batch fee in that token is paid by the last transaction. */
  async build(feeToken?: TokenLike): Promise<BatchBuildResult> {
    if (this.txs.length === 0) throw walletError("EMPTY_BATCH", "a transaction batch cannot be empty");
    await this.wallet.knowTokens(...this.txs.map((item) => item.token), ...(feeToken === undefined ? [] : [feeToken]));
    if (feeToken !== undefined) await this.#setFeeToken(feeToken);
    const totalFee = new Map<string, bigint>();
    for (const item of this.txs) {
      const symbol = this.wallet.tokenSet.resolveTokenSymbol(item.token);
      totalFee.set(symbol, (totalFee.get(symbol) ?? 0n) + toAmount(item.tx.fee, "fee"));
    }
    const { txs, signature } = await this.wallet.processBatchBuilderTransactions(this.nonce, this.txs);
    return { txs, ...(signature === undefined ? {} : { signature }), totalFee };
  }

  async #setFeeToken(feeToken: TokenLike): Promise<void> {
    const tokens = this.wallet.tokenSet;
    if (this.txs.some((item) => ("alreadySigned" in item && item.alreadySigned === true) || toAmount(item.tx.fee, "fee") !== 0n)) {
      throw walletError("BATCH_FEES_NOT_ZERO", "with a batch fee token, every transaction must be unsigned with a zero fee");
    }
    const last = this.txs[this.txs.length - 1] as BatchBuilderInternalTx;
    if (tokens.resolveTokenId(last.token) !== tokens.resolveTokenId(feeToken)) this.addTransfer({ to: this.wallet.address(), token: feeToken, amount: 0 });
    const payer = this.txs[this.txs.length - 1] as BatchBuilderInternalTx;
    payer.tx.fee = await this.wallet.provider.getTransactionsBatchFee(
      this.txs.map((item) => item.feeType),
      this.txs.map((item) => item.address.toLowerCase()),
      feeToken,
    );
  }
}

function timeRange(input: TimeRangeInput): { validFrom?: number; validUntil?: number } {
  return { ...(input.validFrom === undefined ? {} : { validFrom: input.validFrom }), ...(input.validUntil === undefined ? {} : { validUntil: input.validUntil }) };
}
