/**
 * zksync.js 0.13's `Wallet` over the zkLite node (`Provider`, tRPC) and ethers v6: one L1 account (an ethers signer)
 * with its L2 key (`Signer`). L2 operations come as `sign…` (a `SignedTransaction`: the tx JSON and its Ethereum
 * signature) and as the executing method that also asks the node for the fee and nonce when they are not given,
 * submits, and returns a `Transaction` handle. L1 operations (deposits, approvals, on-chain key authorization, full
 * exits, pending balances) are ethers transactions on the rollup contract through ABI-only bindings.
 */
import type { AccountInfo, AccountState, FeeTypeInput, NetworkConfig } from "@zklite/api";
import {
  hexlify,
  type ContractTransactionResponse,
  type Signer as EthersSigner,
  type TransactionRequest,
} from "ethers";
import {
  MAX_TIMESTAMP,
  MIN_NFT_TOKEN_ID,
  ZERO_PUBKEY_HASH,
  batchEthSignMessage,
  groth16SolidityProof,
  getChangePubkeyMessage,
  type ChangePubKeyEthAuthData,
  type Create2Data,
  type PubKeyHash,
  type TxEthSignature,
  type TxInput,
} from "@zklite/protocol";
import { describeInput, requireAddress, toAmount, toInteger, requireArgs, type BigNumberish } from "./wallet-input.js";
import { BatchBuilder, type BatchBuilderInternalTx } from "./batch-builder.js";
import { Create2WalletSigner, unableToSign } from "./create2-wallet-signer.js";
import { EthMessageSigner } from "./eth-message-signer.js";
import type { EthSignerType } from "./eth-signature-type.js";
import { ETHOperation } from "./eth-operation.js";
import { erc20Contract, l1Call, rollupContract } from "./l1-call.js";
import type { TokenRatio, WeiRatio } from "./ratio.js";
import type { SignedTransaction } from "./signed-transaction.js";
import { Signer } from "./signer.js";
import type { SyncProvider } from "./sync-provider.js";
import { TokenSet, type TokenLike } from "./token-set.js";
import { submitSignedTransaction, Transaction } from "./transaction.js";
import { walletError } from "./wallet-errors.js";
import type { ChangePubKeyAuthType, NFT, Nonce, OrderData } from "./wallet-types.js";

/** zksync.js's `MAX_ERC20_APPROVE_AMOUNT` (2^256 − 1) and `ERC20_APPROVE_TRESHOLD` (2^255). */
export const MAX_ERC20_APPROVE_AMOUNT = (1n << 256n) - 1n;
export const ERC20_APPROVE_THRESHOLD = 1n << 255n;

const ETH_ADDRESS = `0x${"00".repeat(20)}`;

interface TimeRange {
  validFrom?: number;
  validUntil?: number;
}

/** Options of an L1 transaction, passed to ethers (gas, nonce, …). */
export type EthTxOptions = Omit<TransactionRequest, "to" | "data" | "from">;

export class Wallet {
  accountId: number | undefined;

  private constructor(
    private readonly _ethSigner: EthersSigner,
    private readonly _ethMessageSigner: EthMessageSigner,
    readonly cachedAddress: string,
    readonly provider: SyncProvider,
    /** The node's tokens; `refreshTokens()` re-reads them (a token listed later). */
    public tokenSet: TokenSet,
    readonly config: NetworkConfig,
    readonly signer: Signer | undefined,
    accountId: number | undefined,
    readonly ethSignerType: EthSignerType | undefined,
  ) {
    this.accountId = accountId;
  }

  // ---------------------------------------------------------------- construction

  /**
   * A wallet for `ethSigner`'s account. Without `signer`, the L2 key is derived from the signature of zkSync's
   * "Access zkSync account" message (with the chain id of the signer's network); with it, `ethSignerType` is required.
   * Fails with NETWORK_MISMATCH if the signer's network is not the node's L1.
   */
  static async fromEthSigner(ethSigner: EthersSigner, provider: SyncProvider, signer?: Signer, accountId?: number, ethSignerType?: EthSignerType): Promise<Wallet> {
    if (typeof ethSigner !== "object" || ethSigner === null || typeof ethSigner.getAddress !== "function") throw walletError("INVALID_ARGUMENT", "ethSigner must be an ethers v6 Signer");
    if (accountId !== undefined) toInteger(accountId, "accountId");
    let type = ethSignerType;
    let l2Signer = signer;
    if (l2Signer === undefined) {
      const derived = await Signer.fromETHSignature(ethSigner);
      l2Signer = derived.signer;
      type = type ?? derived.ethSignatureType;
    } else if (type === undefined) {
      throw walletError("INVALID_ARGUMENT", "a wallet given its signer needs its ethSignerType too");
    }
    return Wallet.#create(ethSigner, provider, l2Signer, accountId, type);
  }

  /** A CREATE2 wallet (a smart wallet not deployed yet): the address follows from the L2 key and `create2Data`. */
  static async fromCreate2Data(syncSigner: Signer, provider: SyncProvider, create2Data: Create2Data, accountId?: number, l1Provider?: EthersSigner["provider"]): Promise<Wallet> {
    const create2Signer = new Create2WalletSigner(await syncSigner.pubKeyHash(), create2Data, l1Provider ?? null);
    return Wallet.fromEthSigner(create2Signer, provider, syncSigner, accountId, { verificationMethod: "ERC-1271", isSignedMsgPrefixed: true });
  }

  /** A wallet without an L2 key: reads and L1 operations only. */
  static async fromEthSignerNoKeys(ethSigner: EthersSigner, provider: SyncProvider, accountId?: number, ethSignerType?: EthSignerType): Promise<Wallet> {
    return Wallet.#create(ethSigner, provider, undefined, accountId, ethSignerType);
  }

  static async fromSyncSigner(ethSigner: EthersSigner, syncSigner: Signer, provider: SyncProvider, accountId?: number): Promise<Wallet> {
    return Wallet.fromEthSigner(ethSigner, provider, syncSigner, accountId, { verificationMethod: "ERC-1271", isSignedMsgPrefixed: true });
  }

  static async #create(ethSigner: EthersSigner, provider: SyncProvider, signer: Signer | undefined, accountId: number | undefined, type: EthSignerType | undefined): Promise<Wallet> {
    const [address, tokens, config] = await Promise.all([ethSigner.getAddress(), provider.getTokens(), provider.getConfig()]);
    const wallet = new Wallet(ethSigner, new EthMessageSigner(ethSigner, type), address, provider, new TokenSet(tokens), config, signer, accountId, type);
    await wallet.verifyNetworks();
    return wallet;
  }

  /** NETWORK_MISMATCH when the Ethereum signer's provider is on another chain than the node's L1. */
  async verifyNetworks(): Promise<void> {
    const l1 = this._ethSigner.provider;
    if (l1 === null || l1 === undefined) return;
    const { chainId } = await l1.getNetwork();
    if (chainId !== BigInt(this.config.chainId)) {
      throw walletError("NETWORK_MISMATCH", `the Ethereum signer is on chain ${chainId}, the node's L1 is chain ${this.config.chainId}`);
    }
  }

  async refreshTokens(): Promise<TokenSet> {
    this.tokenSet = new TokenSet(await this.provider.getTokens());
    return this.tokenSet;
  }

  /** Re-reads the node's token list when one of `tokens` is not in it yet (listed on L1 after the wallet was made). */
  async knowTokens(...tokens: readonly TokenLike[]): Promise<void> {
    const missing = tokens.some((token) => token !== undefined && !(typeof token === "number" && token >= MIN_NFT_TOKEN_ID) && !this.tokenSet.has(token));
    if (missing) await this.refreshTokens();
  }

  // ---------------------------------------------------------------- getters

  ethSigner(): EthersSigner {
    return this._ethSigner;
  }

  ethMessageSigner(): EthMessageSigner {
    return this._ethMessageSigner;
  }

  syncSignerConnected(): boolean {
    return this.signer !== undefined;
  }

  async syncSignerPubKeyHash(): Promise<PubKeyHash> {
    return this.#requireSigner().pubKeyHash();
  }

  address(): string {
    return this.cachedAddress;
  }

  getAccountState(): Promise<AccountInfo> {
    return this.provider.getState(this.cachedAddress);
  }

  async getAccountId(): Promise<number | undefined> {
    return (await this.getAccountState()).id ?? undefined;
  }

  /** The given nonce, or the account's committed nonce. */
  async getNonce(nonce: Nonce = "committed"): Promise<number> {
    if (nonce === "committed") return (await this.getAccountState()).committed.nonce;
    return toInteger(nonce, "nonce");
  }

  async getCurrentPubKeyHash(): Promise<PubKeyHash> {
    return (await this.getAccountState()).committed.pubKeyHash;
  }

  /** The account id (known or asked from the node); ACCOUNT_NOT_FOUND while the address has no L2 account. */
  async resolveAccountId(): Promise<number> {
    if (this.accountId !== undefined) return this.accountId;
    const id = await this.getAccountId();
    if (id === undefined) throw walletError("ACCOUNT_NOT_FOUND", `${this.cachedAddress} has no account on zkLite yet: deposit or receive funds first`);
    return id;
  }

  /** Whether the account has any signing key (needs the wallet's L2 signer, as in zksync.js). */
  async isSigningKeySet(): Promise<boolean> {
    this.#requireSigner();
    return (await this.getCurrentPubKeyHash()).toLowerCase() !== ZERO_PUBKEY_HASH;
  }

  /** Whether the account's signing key is this wallet's L2 key. */
  async isCorrespondingSigningKeySet(): Promise<boolean> {
    const [current, own] = await Promise.all([this.getCurrentPubKeyHash(), this.syncSignerPubKeyHash()]);
    return current.toLowerCase() === own.toLowerCase();
  }

  /** The L2 balance in `token` (smallest units), committed (default) or as of the last L1-executed block. */
  async getBalance(token: TokenLike, type: "committed" | "verified" = "committed"): Promise<bigint> {
    await this.knowTokens(token);
    const id = this.tokenSet.resolveTokenId(token);
    const state: AccountState = (await this.getAccountState())[type];
    return BigInt(state.balances[String(id)] ?? "0");
  }

  async getNFT(tokenId: number, type: "committed" | "verified" = "committed"): Promise<NFT | undefined> {
    return (await this.getAccountState())[type].nfts[String(toInteger(tokenId, "tokenId"))];
  }

  /** The L1 balance of the wallet's address in `token` (ETH or an ERC-20). */
  async getEthereumBalance(token: TokenLike): Promise<bigint> {
    await this.knowTokens(token);
    const l1 = this.#l1Provider();
    if (this.tokenSet.isETH(token)) return l1Call("getBalance", () => l1.getBalance(this.cachedAddress));
    const erc20 = erc20Contract(this.tokenSet.resolveTokenAddress(token), l1);
    return l1Call("balanceOf", () => erc20.getFunction("balanceOf")(this.cachedAddress) as Promise<bigint>);
  }

  batchBuilder(nonce?: Nonce): BatchBuilder {
    return BatchBuilder.fromWallet(this, nonce);
  }

  // ---------------------------------------------------------------- Transfer

  async signSyncTransfer(transfer: { to: string; token: TokenLike; amount: BigNumberish; fee: BigNumberish; nonce: number } & TimeRange): Promise<SignedTransaction> {
    const args = requireArgs(transfer, "transfer");
    await this.knowTokens(args.token);
    const tx = await this.getTransfer({ ...args, ...withTimeRange(args) });
    const ethereumSignature = await this.#ethSign(() =>
      this._ethMessageSigner.ethSignTransfer({ ...this.#amounts(args.token, args.amount, args.fee), to: args.to, nonce: args.nonce, accountId: tx.accountId as number }),
    );
    return { tx, ethereumSignature };
  }

  async syncTransfer(transfer: { to: string; token: TokenLike; amount: BigNumberish; fee?: BigNumberish; nonce?: Nonce } & TimeRange): Promise<Transaction> {
    const args = requireArgs(transfer, "transfer");
    await this.knowTokens(args.token);
    const nonce = await this.getNonce(args.nonce);
    const fee = args.fee ?? (await this.#fee("Transfer", args.to, args.token));
    return submitSignedTransaction(await this.signSyncTransfer({ ...args, nonce, fee }), this.provider);
  }

  /** Several transfers as one batch with one Ethereum signature; each fee must be given (zksync.js semantics). */
  async syncMultiTransfer(transfers: readonly ({ to: string; token: TokenLike; amount: BigNumberish; fee: BigNumberish; nonce?: Nonce } & TimeRange)[]): Promise<Transaction[]> {
    if (!Array.isArray(transfers)) throw walletError("INVALID_ARGUMENT", "transfers must be an array");
    if (transfers.length === 0) return [];
    const first = transfers[0] as (typeof transfers)[number];
    const builder = this.batchBuilder(first.nonce);
    for (const transfer of transfers) builder.addTransfer(transfer);
    const { txs, signature } = await builder.build();
    const hashes = await this.provider.submitTxsBatch(
      txs.map((signed) => ({ tx: signed.tx })),
      signature === undefined ? [] : [signature],
    );
    return hashes.map((hash, i) => new Transaction(txs[i] as SignedTransaction, hash, this.provider));
  }

  /** Transfers an NFT with zero fee, the fee paid by a zero transfer to self in `feeToken`, in one batch. */
  async syncTransferNFT(transfer: { to: string; token: NFT | { id: number }; feeToken: TokenLike; fee?: BigNumberish; nonce?: Nonce } & TimeRange): Promise<Transaction[]> {
    const args = requireArgs(transfer, "transfer");
    await this.knowTokens(args.feeToken);
    const nftId = toInteger(requireArgs(args.token, "token").id, "token.id");
    if (nftId < MIN_NFT_TOKEN_ID) throw walletError("NOT_AN_NFT", `token ${nftId} is not an NFT`);
    const nonce = await this.getNonce(args.nonce);
    const fee = args.fee ?? (await this.provider.getTransactionsBatchFee(["Transfer", "Transfer"], [requireAddress(args.to, "to").toLowerCase(), this.cachedAddress.toLowerCase()], args.feeToken));
    return this.syncMultiTransfer([
      { to: args.to, token: nftId, amount: 1, fee: 0, nonce, ...withTimeRange(args) },
      { to: this.cachedAddress, token: args.feeToken, amount: 0, fee, ...withTimeRange(args) },
    ]);
  }

  // ---------------------------------------------------------------- ChangePubKey

  /** A ChangePubKey to this wallet's L2 key, authorized as `ethAuthType` says (PROTOCOL.md §2.6). */
  async signSetSigningKey(changePubKey: { feeToken: TokenLike; fee: BigNumberish; nonce: number; ethAuthType: ChangePubKeyAuthType; batchHash?: string } & TimeRange): Promise<SignedTransaction> {
    const args = requireArgs(changePubKey, "changePubKey");
    await this.knowTokens(args.feeToken);
    const signer = this.#requireSigner();
    const newPkHash = await signer.pubKeyHash();
    const nonce = toInteger(args.nonce, "nonce");
    let ethAuthData: ChangePubKeyEthAuthData;
    switch (args.ethAuthType) {
      case "Onchain":
        ethAuthData = { type: "Onchain" };
        break;
      case "ECDSA": {
        const accountId = await this.#requireAccountId();
        const message = getChangePubkeyMessage(newPkHash, nonce, accountId, args.batchHash);
        const { signature } = await this.#ethSignRequired(() => this._ethMessageSigner.getEthMessageSignature(message));
        ethAuthData = { type: "ECDSA", ethSignature: signature, ...(args.batchHash === undefined ? {} : { batchHash: args.batchHash }) };
        break;
      }
      case "EIP712": {
        const accountId = await this.#requireAccountId();
        const { signature } = await this.#ethSignRequired(() => this._ethMessageSigner.ethSignChangePubKeyEIP712({ pubKeyHash: newPkHash, nonce, accountId }, this.config.chainId));
        ethAuthData = { type: "EIP712", ethSignature: signature };
        break;
      }
      case "CREATE2": {
        if (!(this._ethSigner instanceof Create2WalletSigner)) throw walletError("UNSUPPORTED_AUTH_TYPE", "CREATE2 authorization is only available to CREATE2 wallets (Wallet.fromCreate2Data)");
        const { creatorAddress, saltArg, codeHash } = this._ethSigner.create2WalletData;
        ethAuthData = { type: "CREATE2", creatorAddress, saltArg, codeHash };
        break;
      }
      default:
        throw walletError("UNSUPPORTED_AUTH_TYPE", `unsupported ChangePubKey authorization ${describeInput(args.ethAuthType)}`);
    }
    const tx = await signer.signSyncChangePubKey({
      accountId: await this.#requireAccountId(),
      account: this.cachedAddress,
      newPkHash,
      nonce,
      feeTokenId: this.tokenSet.resolveTokenId(args.feeToken),
      fee: toAmount(args.fee, "fee").toString(),
      ethAuthData,
      ...withTimeRange(args),
    });
    return { tx };
  }

  /** Sets this wallet's L2 key on the account (fee from the node unless given); SIGNING_KEY_ALREADY_SET if it is. */
  async setSigningKey(changePubKey: { feeToken: TokenLike; ethAuthType: ChangePubKeyAuthType; fee?: BigNumberish; nonce?: Nonce } & TimeRange): Promise<Transaction> {
    const args = requireArgs(changePubKey, "changePubKey");
    await this.knowTokens(args.feeToken);
    const nonce = await this.getNonce(args.nonce);
    const fee = args.fee ?? (await this.#fee({ ChangePubKey: args.ethAuthType }, this.cachedAddress, args.feeToken));
    const signed = await this.signSetSigningKey({ ...args, nonce, fee });
    if ((await this.getCurrentPubKeyHash()).toLowerCase() === String(signed.tx.newPkHash).toLowerCase()) {
      throw walletError("SIGNING_KEY_ALREADY_SET", "the account's signing key is already this wallet's key");
    }
    return submitSignedTransaction(signed, this.provider);
  }

  /** Authorizes this wallet's L2 key on L1 (`setAuthPubkeyHash`) for the ChangePubKey with `nonce` ("Onchain" type). */
  async onchainAuthSigningKey(nonce: Nonce = "committed", ethTxOptions: EthTxOptions = {}): Promise<ContractTransactionResponse> {
    const newPubKeyHash = await this.syncSignerPubKeyHash();
    if ((await this.getCurrentPubKeyHash()).toLowerCase() === newPubKeyHash.toLowerCase()) {
      throw walletError("SIGNING_KEY_ALREADY_SET", "the account's signing key is already this wallet's key");
    }
    const numNonce = await this.getNonce(nonce);
    const rollup = rollupContract(this.config.contracts.zkLite, this._ethSigner);
    return l1Call("setAuthPubkeyHash", () => rollup.getFunction("setAuthPubkeyHash")(newPubKeyHash.replace("sync:", "0x"), numNonce, { ...ethTxOptions }) as Promise<ContractTransactionResponse>);
  }

  /** Whether L1 holds an on-chain authorization (`authFacts`) of this address for `nonce`. */
  async isOnchainAuthSigningKeySet(nonce: Nonce = "committed"): Promise<boolean> {
    const numNonce = await this.getNonce(nonce);
    const rollup = rollupContract(this.config.contracts.zkLite, this.#l1Provider());
    const fact = await l1Call("authFacts", () => rollup.getFunction("authFacts")(this.cachedAddress, numNonce) as Promise<string>);
    return BigInt(fact) !== 0n;
  }

  // ---------------------------------------------------------------- Withdraw, ForcedExit

  async signWithdrawFromSyncToEthereum(withdraw: { ethAddress: string; token: TokenLike; amount: BigNumberish; fee: BigNumberish; nonce: number } & TimeRange): Promise<SignedTransaction> {
    const args = requireArgs(withdraw, "withdraw");
    await this.knowTokens(args.token);
    const tx = await this.getWithdrawFromSyncToEthereum({ ...args, ...withTimeRange(args) });
    const ethereumSignature = await this.#ethSign(() =>
      this._ethMessageSigner.ethSignWithdraw({ ...this.#amounts(args.token, args.amount, args.fee), ethAddress: args.ethAddress, nonce: args.nonce, accountId: tx.accountId as number }),
    );
    return { tx, ethereumSignature };
  }

  /** Withdraws to `ethAddress`'s L1 pending balance (paid out by `withdrawPendingBalance` once the block is executed). */
  async withdrawFromSyncToEthereum(withdraw: { ethAddress: string; token: TokenLike; amount: BigNumberish; fee?: BigNumberish; nonce?: Nonce; fastProcessing?: boolean } & TimeRange): Promise<Transaction> {
    const args = requireArgs(withdraw, "withdraw");
    await this.knowTokens(args.token);
    const nonce = await this.getNonce(args.nonce);
    const fee = args.fee ?? (await this.#fee(args.fastProcessing === true ? "FastWithdraw" : "Withdraw", args.ethAddress, args.token));
    const signed = await this.signWithdrawFromSyncToEthereum({ ...args, nonce, fee });
    const tx = args.fastProcessing === true ? { ...signed, tx: { ...signed.tx, fast: true } } : signed;
    return submitSignedTransaction(tx, this.provider);
  }

  async signSyncForcedExit(forcedExit: { target: string; token: TokenLike; fee: BigNumberish; nonce: number } & TimeRange): Promise<SignedTransaction> {
    const args = requireArgs(forcedExit, "forcedExit");
    await this.knowTokens(args.token);
    const tx = await this.getForcedExit(args);
    const { stringFee, stringToken } = this.#amounts(args.token, 0, args.fee);
    const ethereumSignature = await this.#ethSign(() => this._ethMessageSigner.ethSignForcedExit({ stringToken, stringFee, target: args.target, nonce: args.nonce }));
    return { tx, ethereumSignature };
  }

  /** Withdraws the whole `token` balance of `target` (an account without a signing key) to its own L1 address. */
  async syncForcedExit(forcedExit: { target: string; token: TokenLike; fee?: BigNumberish; nonce?: Nonce } & TimeRange): Promise<Transaction> {
    const args = requireArgs(forcedExit, "forcedExit");
    await this.knowTokens(args.token);
    const nonce = await this.getNonce(args.nonce);
    const fee = args.fee ?? (await this.#fee("ForcedExit", args.target, args.token));
    return submitSignedTransaction(await this.signSyncForcedExit({ ...args, nonce, fee }), this.provider);
  }

  // ---------------------------------------------------------------- NFTs

  async signMintNFT(mintNFT: { recipient: string; contentHash: string | Uint8Array; feeToken: TokenLike; fee: BigNumberish; nonce: number }): Promise<SignedTransaction> {
    const args = requireArgs(mintNFT, "mintNFT");
    await this.knowTokens(args.feeToken);
    const tx = await this.getMintNFT(args);
    const { stringFee, stringToken } = this.#amounts(args.feeToken, 0, args.fee);
    const ethereumSignature = await this.#ethSign(() =>
      this._ethMessageSigner.ethSignMintNFT({ stringFeeToken: stringToken, stringFee, recipient: args.recipient, contentHash: tx.contentHash as string, nonce: args.nonce }),
    );
    return { tx, ethereumSignature };
  }

  /** Mints an NFT with `contentHash` (32 bytes) to `recipient`, which must already have an account. */
  async mintNFT(mintNFT: { recipient: string; contentHash: string | Uint8Array; feeToken: TokenLike; fee?: BigNumberish; nonce?: Nonce }): Promise<Transaction> {
    const args = requireArgs(mintNFT, "mintNFT");
    await this.knowTokens(args.feeToken);
    const nonce = await this.getNonce(args.nonce);
    const fee = args.fee ?? (await this.#fee("MintNFT", args.recipient, args.feeToken));
    return submitSignedTransaction(await this.signMintNFT({ ...args, nonce, fee }), this.provider);
  }

  async signWithdrawNFT(withdrawNFT: { to: string; token: number; feeToken: TokenLike; fee: BigNumberish; nonce: number } & TimeRange): Promise<SignedTransaction> {
    const args = requireArgs(withdrawNFT, "withdrawNFT");
    await this.knowTokens(args.feeToken);
    const tx = await this.getWithdrawNFT({ ...args, ...withTimeRange(args) });
    const { stringFee, stringToken } = this.#amounts(args.feeToken, 0, args.fee);
    const ethereumSignature = await this.#ethSign(() =>
      this._ethMessageSigner.ethSignWithdrawNFT({ token: args.token, to: args.to, stringFee, stringFeeToken: stringToken, nonce: args.nonce }),
    );
    return { tx, ethereumSignature };
  }

  async withdrawNFT(withdrawNFT: { to: string; token: number; feeToken: TokenLike; fee?: BigNumberish; nonce?: Nonce; fastProcessing?: boolean } & TimeRange): Promise<Transaction> {
    const args = requireArgs(withdrawNFT, "withdrawNFT");
    await this.knowTokens(args.feeToken);
    if (typeof args.token !== "number" || args.token < MIN_NFT_TOKEN_ID) throw walletError("NOT_AN_NFT", `token ${describeInput(args.token)} is not an NFT`);
    const nonce = await this.getNonce(args.nonce);
    const fee = args.fee ?? (await this.#fee(args.fastProcessing === true ? "FastWithdrawNFT" : "WithdrawNFT", args.to, args.feeToken));
    return submitSignedTransaction(await this.signWithdrawNFT({ ...args, nonce, fee }), this.provider);
  }

  // ---------------------------------------------------------------- Orders and swaps

  /** An order signed with the L2 key only (no Ethereum signature). */
  async getPartialOrder(order: { tokenSell: TokenLike; tokenBuy: TokenLike; ratio: TokenRatio | WeiRatio; amount: BigNumberish; recipient?: string; nonce?: Nonce } & TimeRange): Promise<OrderData> {
    const args = requireArgs(order, "order");
    await this.knowTokens(args.tokenSell, args.tokenBuy);
    const signer = this.#requireSigner();
    const accountId = await this.#requireAccountId();
    const nonce = await this.getNonce(args.nonce);
    const ratio = requireArgs(args.ratio, "ratio");
    const sell = ratio[args.tokenSell as string];
    const buy = ratio[args.tokenBuy as string];
    if (sell === undefined || buy === undefined) throw walletError("INVALID_ARGUMENT", `the ratio must name both tokens ${describeInput(args.tokenSell)} and ${describeInput(args.tokenBuy)}`);
    const weiRatio: [bigint, bigint] =
      ratio.type === "Token"
        ? [this.tokenSet.parseToken(args.tokenSell, String(sell)), this.tokenSet.parseToken(args.tokenBuy, String(buy))]
        : ratio.type === "Wei"
          ? [toAmount(sell as BigNumberish, "ratio"), toAmount(buy as BigNumberish, "ratio")]
          : (() => {
              throw walletError("INVALID_ARGUMENT", "ratio.type must be 'Token' or 'Wei' (use tokenRatio / weiRatio)");
            })();
    const signed = await signer.signSyncOrder({
      accountId,
      recipient: args.recipient === undefined ? this.cachedAddress : requireAddress(args.recipient, "recipient"),
      nonce,
      amount: toAmount(args.amount ?? 0, "amount").toString(),
      tokenSell: this.tokenSet.resolveTokenId(args.tokenSell),
      tokenBuy: this.tokenSet.resolveTokenId(args.tokenBuy),
      ratio: [weiRatio[0].toString(), weiRatio[1].toString()],
      ...withTimeRange(args),
    });
    return signed as OrderData;
  }

  /** An order signed with the L2 key and, for the node's 2FA check, by the maker's Ethereum key. */
  async signOrder(order: Parameters<Wallet["getPartialOrder"]>[0]): Promise<OrderData> {
    const signed = await this.getPartialOrder(order);
    const ethSignature = await this.#ethSign(() =>
      this._ethMessageSigner.ethSignOrder({
        amount: toAmount(signed.amount, "amount") === 0n ? null : this.tokenSet.formatToken(signed.tokenSell, signed.amount),
        tokenSell: this.tokenSet.resolveTokenSymbol(signed.tokenSell),
        tokenBuy: this.tokenSet.resolveTokenSymbol(signed.tokenBuy),
        nonce: signed.nonce,
        recipient: signed.recipient,
        ratio: signed.ratio,
      }),
    );
    return { ...signed, ethSignature };
  }

  /** The name issue 14 uses for `signOrder`. */
  getOrder(order: Parameters<Wallet["getPartialOrder"]>[0]): Promise<OrderData> {
    return this.signOrder(order);
  }

  /** A limit order: amount 0 (any fill; the maker's nonce is not consumed). */
  signLimitOrder(order: Omit<Parameters<Wallet["getPartialOrder"]>[0], "amount">): Promise<OrderData> {
    return this.signOrder({ ...order, amount: 0 });
  }

  async signSyncSwap(swap: { orders: readonly [OrderData, OrderData]; feeToken: TokenLike; amounts: readonly [BigNumberish, BigNumberish]; nonce: number; fee: BigNumberish }): Promise<SignedTransaction> {
    const args = requireArgs(swap, "swap");
    await this.knowTokens(args.feeToken);
    const tx = await this.getSwap(args);
    const { stringFee, stringToken } = this.#amounts(args.feeToken, 0, args.fee);
    const own = await this.#ethSign(() => this._ethMessageSigner.ethSignSwap({ fee: stringFee, feeToken: stringToken, nonce: args.nonce }));
    return { tx, ethereumSignature: [own, args.orders[0].ethSignature ?? null, args.orders[1].ethSignature ?? null] };
  }

  /** Submits a swap of two signed orders; `amounts` may be left out when both orders name their amounts. */
  async syncSwap(swap: { orders: readonly [OrderData, OrderData]; feeToken: TokenLike; amounts?: readonly [BigNumberish, BigNumberish]; nonce?: Nonce; fee?: BigNumberish }): Promise<Transaction> {
    const args = requireArgs(swap, "swap");
    await this.knowTokens(args.feeToken);
    if (!Array.isArray(args.orders) || args.orders.length !== 2) throw walletError("INVALID_ARGUMENT", "a swap takes two orders");
    const nonce = await this.getNonce(args.nonce);
    const fee = args.fee ?? (await this.#fee("Swap", this.cachedAddress, args.feeToken));
    let amounts = args.amounts;
    if (amounts === undefined) {
      const [a, b] = [toAmount(args.orders[0].amount, "order amount"), toAmount(args.orders[1].amount, "order amount")];
      if (a === 0n || b === 0n) throw walletError("SWAP_AMOUNTS_REQUIRED", "a limit order leaves its amount open: give the swap's amounts");
      amounts = [a, b];
    }
    return submitSignedTransaction(await this.signSyncSwap({ ...args, amounts, nonce, fee }), this.provider);
  }

  // ---------------------------------------------------------------- batches

  /** Signs the batch builder's transactions with consecutive nonces and the batch message once (BatchBuilder.build). */
  async processBatchBuilderTransactions(startNonce: Nonce | undefined, txs: readonly BatchBuilderInternalTx[]): Promise<{ txs: SignedTransaction[]; signature?: TxEthSignature }> {
    this.#requireSigner();
    await this.knowTokens(...txs.map((item) => item.token));
    let nonce = await this.getNonce(startNonce);
    const processed: SignedTransaction[] = [];
    const entries: { tx: TxInput; token: { symbol: string; decimals: number }; sender: string }[] = [];
    const display = (token: TokenLike) => {
      const resolved = this.tokenSet.resolve(token);
      return { symbol: resolved.symbol, decimals: resolved.decimals };
    };
    for (const item of txs) {
      const txNonce = nonce++;
      let signed: SignedTransaction["tx"];
      let messageToken: TokenLike;
      switch (item.type) {
        case "Transfer":
          signed = await this.getTransfer({ ...item.tx, nonce: txNonce, ...withTimeRange(item.tx) });
          messageToken = item.tx.token;
          break;
        case "Withdraw":
          signed = await this.getWithdrawFromSyncToEthereum({ ...item.tx, nonce: txNonce, ...withTimeRange(item.tx) });
          messageToken = item.tx.token;
          break;
        case "ChangePubKey": {
          signed = item.alreadySigned === true ? item.tx : (await this.signSetSigningKey({ ...item.tx, nonce: txNonce })).tx;
          if ((await this.getCurrentPubKeyHash()).toLowerCase() === String(signed.newPkHash).toLowerCase()) {
            throw walletError("SIGNING_KEY_ALREADY_SET", "the account's signing key is already this wallet's key");
          }
          messageToken = signed.feeToken as number;
          break;
        }
        case "ForcedExit":
          signed = await this.getForcedExit({ ...item.tx, nonce: txNonce });
          messageToken = item.tx.token;
          break;
        case "MintNFT":
          signed = await this.getMintNFT({ ...item.tx, nonce: txNonce });
          messageToken = item.tx.feeToken;
          break;
        case "WithdrawNFT":
          signed = await this.getWithdrawNFT({ ...item.tx, nonce: txNonce, ...withTimeRange(item.tx) });
          messageToken = item.tx.feeToken;
          break;
        case "Swap":
          signed = await this.getSwap({ ...item.tx, nonce: txNonce });
          messageToken = item.tx.feeToken;
          break;
      }
      processed.push(
        item.type === "Swap"
          ? { tx: signed, ethereumSignature: [null, item.tx.orders[0].ethSignature ?? null, item.tx.orders[1].ethSignature ?? null] }
          : { tx: signed },
      );
      entries.push({ tx: signed as unknown as TxInput, token: display(messageToken), sender: this.cachedAddress });
    }
    if (unableToSign(this._ethSigner)) return { txs: processed };
    const signature = await this._ethMessageSigner.getEthMessageSignature(batchEthSignMessage(entries));
    return { txs: processed, signature };
  }

  // ---------------------------------------------------------------- L1: deposits

  /** Approves the rollup contract to take `token` for deposits (default: unlimited). */
  async approveERC20TokenDeposits(token: TokenLike, maxErc20ApproveAmount: bigint = MAX_ERC20_APPROVE_AMOUNT, ethTxOptions: EthTxOptions = {}): Promise<ContractTransactionResponse> {
    await this.knowTokens(token);
    if (this.tokenSet.isETH(token)) throw walletError("ETH_NEEDS_NO_APPROVAL", "ETH deposits need no approval");
    const erc20 = erc20Contract(this.tokenSet.resolveTokenAddress(token), this._ethSigner);
    return l1Call("approve", () => erc20.getFunction("approve")(this.config.contracts.zkLite, maxErc20ApproveAmount, { ...ethTxOptions }) as Promise<ContractTransactionResponse>);
  }

  /** Whether the rollup may take at least `threshold` (default 2^255) of `token` from this address. */
  async isERC20DepositsApproved(token: TokenLike, threshold: bigint = ERC20_APPROVE_THRESHOLD): Promise<boolean> {
    await this.knowTokens(token);
    if (this.tokenSet.isETH(token)) throw walletError("ETH_NEEDS_NO_APPROVAL", "ETH deposits need no approval");
    const erc20 = erc20Contract(this.tokenSet.resolveTokenAddress(token), this.#l1Provider());
    const allowance = await l1Call("allowance", () => erc20.getFunction("allowance")(this.cachedAddress, this.config.contracts.zkLite) as Promise<bigint>);
    return allowance >= threshold;
  }

  /**
   * Deposits ETH or an ERC-20 to `depositTo`'s L2 account. With `approveDepositAmountForERC20`, first approves exactly
   * `amount` (and waits for it to be mined). Returns the priority operation's handle.
   */
  async depositToSyncFromEthereum(deposit: { depositTo: string; token: TokenLike; amount: BigNumberish; ethTxOptions?: EthTxOptions; approveDepositAmountForERC20?: boolean }): Promise<ETHOperation> {
    const args = requireArgs(deposit, "deposit");
    await this.knowTokens(args.token);
    requireAddress(args.depositTo, "depositTo");
    const amount = toAmount(args.amount, "amount");
    const rollup = rollupContract(this.config.contracts.zkLite, this._ethSigner);
    let ethTx: ContractTransactionResponse;
    if (this.tokenSet.isETH(args.token)) {
      ethTx = await l1Call("depositETH", () => rollup.getFunction("depositETH")(args.depositTo, { ...args.ethTxOptions, value: amount }) as Promise<ContractTransactionResponse>);
    } else {
      const tokenAddress = this.tokenSet.resolveTokenAddress(args.token);
      if (args.approveDepositAmountForERC20 === true) {
        const approval = await this.approveERC20TokenDeposits(args.token, amount);
        await l1Call("approve", () => approval.wait());
      }
      ethTx = await l1Call("depositERC20", () => rollup.getFunction("depositERC20")(tokenAddress, amount, args.depositTo, { ...args.ethTxOptions }) as Promise<ContractTransactionResponse>);
    }
    return new ETHOperation(ethTx, this.provider, this.config.contracts.zkLite);
  }

  // ---------------------------------------------------------------- L1: exits and pending balances

  /** Requests on L1 the full exit of the account's `token` balance (censorship escape). */
  async emergencyWithdraw(withdraw: { token: TokenLike; accountId?: number; ethTxOptions?: EthTxOptions }): Promise<ETHOperation> {
    const args = requireArgs(withdraw, "withdraw");
    await this.knowTokens(args.token);
    const accountId = args.accountId !== undefined ? toInteger(args.accountId, "accountId") : await this.resolveAccountId();
    const tokenAddress = this.tokenSet.isETH(args.token) ? ETH_ADDRESS : this.tokenSet.resolveTokenAddress(args.token);
    const rollup = rollupContract(this.config.contracts.zkLite, this._ethSigner);
    const ethTx = await l1Call("requestFullExit", () => rollup.getFunction("requestFullExit")(accountId, tokenAddress, { ...args.ethTxOptions }) as Promise<ContractTransactionResponse>);
    return new ETHOperation(ethTx, this.provider, this.config.contracts.zkLite);
  }

  /** Requests on L1 the withdrawal of an NFT the account holds. */
  async emergencyWithdrawNFT(withdrawNFT: { tokenId: number; accountId?: number; ethTxOptions?: EthTxOptions }): Promise<ETHOperation> {
    const args = requireArgs(withdrawNFT, "withdrawNFT");
    if (typeof args.tokenId !== "number" || args.tokenId < MIN_NFT_TOKEN_ID) throw walletError("NOT_AN_NFT", `token ${describeInput(args.tokenId)} is not an NFT`);
    const accountId = args.accountId !== undefined ? toInteger(args.accountId, "accountId") : await this.resolveAccountId();
    const rollup = rollupContract(this.config.contracts.zkLite, this._ethSigner);
    const ethTx = await l1Call("requestFullExitNFT", () => rollup.getFunction("requestFullExitNFT")(accountId, args.tokenId, { ...args.ethTxOptions }) as Promise<ContractTransactionResponse>);
    return new ETHOperation(ethTx, this.provider, this.config.contracts.zkLite);
  }

  /** What L1 holds for `owner` (default: this wallet) in `token`, credited when blocks with its withdrawals are executed. */
  async getPendingBalance(token: TokenLike, owner: string = this.cachedAddress): Promise<bigint> {
    requireAddress(owner, "owner");
    await this.knowTokens(token);
    const rollup = rollupContract(this.config.contracts.zkLite, this.#l1Provider());
    return l1Call("getPendingBalance", () => rollup.getFunction("getPendingBalance")(owner, this.#l1TokenAddress(token)) as Promise<bigint>);
  }

  /** Pays out `owner`'s pending balance in `token` (all of it unless `amount`); anyone may send it for any owner. */
  async withdrawPendingBalance(withdraw: { token: TokenLike; owner?: string; amount?: BigNumberish; ethTxOptions?: EthTxOptions }): Promise<ContractTransactionResponse> {
    const args = requireArgs(withdraw, "withdraw");
    await this.knowTokens(args.token);
    const owner = args.owner === undefined ? this.cachedAddress : requireAddress(args.owner, "owner");
    const amount = args.amount === undefined ? await this.getPendingBalance(args.token, owner) : toAmount(args.amount, "amount");
    const rollup = rollupContract(this.config.contracts.zkLite, this._ethSigner);
    return l1Call("withdrawPendingBalance", () => rollup.getFunction("withdrawPendingBalance")(owner, this.#l1TokenAddress(args.token), amount, { ...args.ethTxOptions }) as Promise<ContractTransactionResponse>);
  }

  /**
   * Exodus (the operator is gone and L1 is in exodus mode): credits the balance an exit proof shows in the rollup's last
   * executed state to its owner's pending balance (an NFT becomes withdrawable), paid out by `withdrawPendingBalance`
   * / `withdrawPendingNFTBalance`. The claim, the last executed block's `StoredBlockInfo` and the state come from a
   * restore from L1 (`@zklite/node/data-restore`, in a browser too), the proof from the exit circuit
   * (`@zklite/prover`, native or `/browser`): a snarkjs Groth16 proof or its `uint256[8]`. Anyone may send it for
   * any owner; each account and token exits once.
   */
  async performExodus(exodus: {
    storedBlockInfo: { blockNumber: number; priorityOperations: BigNumberish; pendingOnchainOperationsHash: string; timestamp: BigNumberish; stateHash: string; commitment: string };
    claim: { owner: string; accountId: number; tokenId: number; amount: BigNumberish; nftCreatorAccountId: number; nftCreatorAddress: string; nftSerialId: number; nftContentHash: string };
    proof: unknown;
    ethTxOptions?: EthTxOptions;
  }): Promise<ContractTransactionResponse> {
    const args = requireArgs(exodus, "exodus");
    const claim = requireArgs(args.claim, "claim");
    const proof = Array.isArray(args.proof) && args.proof.length === 8 ? args.proof.map((value, i) => toAmount(value as BigNumberish, `proof[${i}]`)) : groth16SolidityProof(args.proof);
    const rollup = rollupContract(this.config.contracts.zkLite, this._ethSigner);
    return l1Call("performExodus", () =>
      rollup.getFunction("performExodus")(
        args.storedBlockInfo,
        requireAddress(claim.owner, "claim.owner"),
        toInteger(claim.accountId, "claim.accountId"),
        toInteger(claim.tokenId, "claim.tokenId"),
        toAmount(claim.amount, "claim.amount"),
        toInteger(claim.nftCreatorAccountId, "claim.nftCreatorAccountId"),
        requireAddress(claim.nftCreatorAddress, "claim.nftCreatorAddress"),
        toInteger(claim.nftSerialId, "claim.nftSerialId"),
        claim.nftContentHash,
        proof,
        { ...args.ethTxOptions },
      ) as Promise<ContractTransactionResponse>,
    );
  }

  /** Mints on L1 an NFT whose withdrawal was executed (through its creator's factory). */
  async withdrawPendingNFTBalance(tokenId: number, ethTxOptions: EthTxOptions = {}): Promise<ContractTransactionResponse> {
    if (typeof tokenId !== "number" || tokenId < MIN_NFT_TOKEN_ID) throw walletError("NOT_AN_NFT", `token ${describeInput(tokenId)} is not an NFT`);
    const rollup = rollupContract(this.config.contracts.zkLite, this._ethSigner);
    return l1Call("withdrawPendingNFTBalance", () => rollup.getFunction("withdrawPendingNFTBalance")(tokenId, { ...ethTxOptions }) as Promise<ContractTransactionResponse>);
  }

  /** Registers the wallet as the creator consenting to an NFT factory (signature for `registerNFTFactoryCreator`). */
  async signRegisterFactory(factoryAddress: string): Promise<{ signature: TxEthSignature; accountId: number; accountAddress: string }> {
    const accountId = await this.#requireAccountId();
    const signature = await this.#ethSignRequired(() => this._ethMessageSigner.ethSignRegisterFactoryMessage(factoryAddress, accountId, this.cachedAddress));
    return { signature, accountId, accountAddress: this.cachedAddress };
  }

  // ---------------------------------------------------------------- zk-signed transactions (no Ethereum signature)

  protected async getTransfer(transfer: { to: string; token: TokenLike; amount: BigNumberish; fee: BigNumberish; nonce: number; validFrom: number; validUntil: number }): Promise<SignedTransaction["tx"]> {
    const signer = this.#requireSigner();
    return signer.signSyncTransfer({
      accountId: await this.#requireAccountId(),
      from: this.cachedAddress,
      to: requireAddress(transfer.to, "to"),
      tokenId: this.tokenSet.resolveTokenId(transfer.token),
      amount: toAmount(transfer.amount, "amount").toString(),
      fee: toAmount(transfer.fee, "fee").toString(),
      nonce: toInteger(transfer.nonce, "nonce"),
      validFrom: transfer.validFrom,
      validUntil: transfer.validUntil,
    });
  }

  protected async getWithdrawFromSyncToEthereum(withdraw: { ethAddress: string; token: TokenLike; amount: BigNumberish; fee: BigNumberish; nonce: number; validFrom: number; validUntil: number }): Promise<SignedTransaction["tx"]> {
    const signer = this.#requireSigner();
    return signer.signSyncWithdraw({
      accountId: await this.#requireAccountId(),
      from: this.cachedAddress,
      ethAddress: requireAddress(withdraw.ethAddress, "ethAddress"),
      tokenId: this.#fungibleId(withdraw.token),
      amount: toAmount(withdraw.amount, "amount").toString(),
      fee: toAmount(withdraw.fee, "fee").toString(),
      nonce: toInteger(withdraw.nonce, "nonce"),
      validFrom: withdraw.validFrom,
      validUntil: withdraw.validUntil,
    });
  }

  protected async getForcedExit(forcedExit: { target: string; token: TokenLike; fee: BigNumberish; nonce: number } & TimeRange): Promise<SignedTransaction["tx"]> {
    const signer = this.#requireSigner();
    return signer.signSyncForcedExit({
      initiatorAccountId: await this.#requireAccountId(),
      target: requireAddress(forcedExit.target, "target"),
      tokenId: this.#fungibleId(forcedExit.token),
      fee: toAmount(forcedExit.fee, "fee").toString(),
      nonce: toInteger(forcedExit.nonce, "nonce"),
      ...withTimeRange(forcedExit),
    });
  }

  protected async getMintNFT(mintNFT: { recipient: string; contentHash: string | Uint8Array; feeToken: TokenLike; fee: BigNumberish; nonce: number }): Promise<SignedTransaction["tx"]> {
    const signer = this.#requireSigner();
    let contentHash: string;
    try {
      contentHash = hexlify(mintNFT.contentHash);
    } catch (error) {
      throw walletError("INVALID_ARGUMENT", "contentHash must be 32 bytes (hex or Uint8Array)", error);
    }
    return signer.signMintNFT({
      creatorId: await this.#requireAccountId(),
      creatorAddress: this.cachedAddress,
      recipient: requireAddress(mintNFT.recipient, "recipient"),
      contentHash,
      feeTokenId: this.#fungibleId(mintNFT.feeToken),
      fee: toAmount(mintNFT.fee, "fee").toString(),
      nonce: toInteger(mintNFT.nonce, "nonce"),
    });
  }

  protected async getWithdrawNFT(withdrawNFT: { to: string; token: number; feeToken: TokenLike; fee: BigNumberish; nonce: number; validFrom: number; validUntil: number }): Promise<SignedTransaction["tx"]> {
    const signer = this.#requireSigner();
    return signer.signWithdrawNFT({
      accountId: await this.#requireAccountId(),
      from: this.cachedAddress,
      to: requireAddress(withdrawNFT.to, "to"),
      tokenId: this.tokenSet.resolveTokenId(withdrawNFT.token),
      feeTokenId: this.#fungibleId(withdrawNFT.feeToken),
      fee: toAmount(withdrawNFT.fee, "fee").toString(),
      nonce: toInteger(withdrawNFT.nonce, "nonce"),
      validFrom: withdrawNFT.validFrom,
      validUntil: withdrawNFT.validUntil,
    });
  }

  protected async getSwap(swap: { orders: readonly [OrderData, OrderData]; feeToken: TokenLike; amounts: readonly [BigNumberish, BigNumberish]; nonce: number; fee: BigNumberish }): Promise<SignedTransaction["tx"]> {
    const signer = this.#requireSigner();
    if (!Array.isArray(swap.amounts) || swap.amounts.length !== 2) throw walletError("INVALID_ARGUMENT", "a swap takes two amounts");
    return signer.signSyncSwap({
      orders: swap.orders,
      amounts: [toAmount(swap.amounts[0], "amount").toString(), toAmount(swap.amounts[1], "amount").toString()],
      submitterId: await this.#requireAccountId(),
      submitterAddress: this.cachedAddress,
      nonce: toInteger(swap.nonce, "nonce"),
      feeToken: this.#fungibleId(swap.feeToken),
      fee: toAmount(swap.fee, "fee").toString(),
    });
  }

  // ---------------------------------------------------------------- helpers

  #requireSigner(): Signer {
    if (this.signer === undefined) throw walletError("NO_SYNC_SIGNER", "this operation needs the wallet's zkSync signer (the wallet was made without keys)");
    return this.signer;
  }

  async #requireAccountId(): Promise<number> {
    if (this.accountId === undefined) this.accountId = await this.resolveAccountId();
    return this.accountId;
  }

  #fungibleId(token: TokenLike): number {
    const id = this.tokenSet.resolveTokenId(token);
    if (id >= MIN_NFT_TOKEN_ID) throw walletError("NOT_FUNGIBLE", `token ${id} is an NFT; a fungible token is needed here`);
    return id;
  }

  #l1TokenAddress(token: TokenLike): string {
    return this.tokenSet.isETH(token) ? ETH_ADDRESS : this.tokenSet.resolveTokenAddress(token);
  }

  #l1Provider(): NonNullable<EthersSigner["provider"]> {
    const l1 = this._ethSigner.provider;
    if (l1 === null || l1 === undefined) throw walletError("NETWORK_MISMATCH", "the Ethereum signer has no provider: connect it to the node's L1");
    return l1;
  }

  /** The node's fee (addresses lowercased: the node looks recipients up by their lowercase form). */
  async #fee(txType: FeeTypeInput, address: string, token: TokenLike): Promise<bigint> {
    return (await this.provider.getTransactionFee(txType, requireAddress(address, "address").toLowerCase(), token)).totalFeeBigInt;
  }

  /** Message texts of an amount and fee in `token` (null when zero, as the node's messages omit them). */
  #amounts(token: TokenLike, amount: BigNumberish, fee: BigNumberish): { stringAmount: string | null; stringFee: string | null; stringToken: string } {
    const amountValue = toAmount(amount, "amount");
    const feeValue = toAmount(fee, "fee");
    return {
      stringAmount: amountValue === 0n ? null : this.tokenSet.formatToken(token, amountValue),
      stringFee: feeValue === 0n ? null : this.tokenSet.formatToken(token, feeValue),
      stringToken: this.tokenSet.resolveTokenSymbol(token),
    };
  }

  /** The Ethereum signature, or null for a wallet that cannot sign (CREATE2). */
  async #ethSign(sign: () => Promise<TxEthSignature>): Promise<TxEthSignature | null> {
    if (unableToSign(this._ethSigner)) return null;
    return sign();
  }

  async #ethSignRequired(sign: () => Promise<TxEthSignature>): Promise<TxEthSignature> {
    if (unableToSign(this._ethSigner)) throw walletError("ETH_SIGNER_CANNOT_SIGN", "a CREATE2 wallet cannot sign this authorization");
    return sign();
  }
}

function withTimeRange(input: TimeRange): { validFrom: number; validUntil: number } {
  return { validFrom: input.validFrom ?? 0, validUntil: input.validUntil ?? MAX_TIMESTAMP };
}
