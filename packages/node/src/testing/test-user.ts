/** Test helper: an L2 user — an Ethereum key, its zkSync signer and the Ethereum "2FA" signer. */
import { EthMessageSigner, Signer, utils } from "@zklite/sdk";
import { Wallet } from "ethers";
import type { Provider } from "@zklite/sdk";

export class TestUser {
  private constructor(
    readonly wallet: Wallet,
    readonly signer: Signer,
    readonly eth: EthMessageSigner,
  ) {}

  static async create(privateKey?: string): Promise<TestUser> {
    const wallet = privateKey === undefined ? (Wallet.createRandom() as unknown as Wallet) : new Wallet(privateKey);
    const { signer, ethSignatureType } = await Signer.fromETHSignature(wallet);
    return new TestUser(wallet, signer, new EthMessageSigner(wallet, ethSignatureType));
  }

  get address(): string {
    return this.wallet.address.toLowerCase();
  }

  async pubKeyHash(): Promise<string> {
    return this.signer.pubKeyHash();
  }

  /** A ChangePubKey setting this user's key, with an ECDSA authorization. */
  async changePubKey(accountId: number, nonce: number, fee: bigint, feeTokenId = 0) {
    const newPkHash = await this.signer.pubKeyHash();
    const auth = await this.eth.ethSignChangePubKey({ pubKeyHash: newPkHash, nonce, accountId });
    return this.signer.signSyncChangePubKey({
      accountId,
      account: this.address,
      newPkHash,
      feeTokenId,
      fee: fee.toString(),
      nonce,
      validFrom: 0,
      validUntil: utils.MAX_TIMESTAMP,
      ethAuthData: { type: "ECDSA", ethSignature: auth.signature },
    });
  }

  /** A signed Transfer of ETH (token 0) and its Ethereum signature. */
  async transfer(accountId: number, to: string, amount: bigint, fee: bigint, nonce: number, token = { id: 0, symbol: "ETH", decimals: 18 }) {
    const tx = await this.signer.signSyncTransfer({
      accountId,
      from: this.address,
      to: to.toLowerCase(),
      tokenId: token.id,
      amount: amount.toString(),
      fee: fee.toString(),
      nonce,
      validFrom: 0,
      validUntil: utils.MAX_TIMESTAMP,
    });
    const ethSignature = await this.eth.ethSignTransfer({
      stringAmount: amount === 0n ? null : utils.formatUnits(amount, token.decimals),
      stringFee: fee === 0n ? null : utils.formatUnits(fee, token.decimals),
      stringToken: token.symbol,
      to: to.toLowerCase(),
      nonce,
      accountId,
    });
    return { tx, ethSignature };
  }

  /** A signed Withdraw of ETH to this user's own L1 address, and its Ethereum signature. */
  async withdraw(accountId: number, amount: bigint, fee: bigint, nonce: number) {
    const tx = await this.signer.signSyncWithdraw({
      accountId,
      from: this.address,
      ethAddress: this.address,
      tokenId: 0,
      amount: amount.toString(),
      fee: fee.toString(),
      nonce,
      validFrom: 0,
      validUntil: utils.MAX_TIMESTAMP,
    });
    const ethSignature = await this.eth.ethSignWithdraw({
      stringAmount: utils.formatUnits(amount, 18),
      stringFee: fee === 0n ? null : utils.formatUnits(fee, 18),
      stringToken: "ETH",
      ethAddress: this.address,
      nonce,
      accountId,
    });
    return { tx, ethSignature };
  }

  /** Waits until `check` holds for this user's account state on `provider`. */
  async waitForState(provider: Provider, check: (state: Awaited<ReturnType<Provider["getState"]>>) => boolean, timeoutMs = 60_000) {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const state = await provider.getState(this.address);
      if (check(state)) return state;
      if (Date.now() > deadline) throw new Error(`account ${this.address} did not reach the expected state: ${JSON.stringify(state)}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
}
