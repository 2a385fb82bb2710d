/**
 * zksync.js's `Create2WalletSigner`: the "Ethereum signer" of an account whose L1 address is a CREATE2 address of a
 * not-yet-deployed smart wallet. It cannot sign anything (the account authorizes its one ChangePubKey with the CREATE2
 * witness instead), so the Wallet sends its transactions without Ethereum signatures. It can carry an L1 provider for
 * reads (balances); sending L1 transactions from it is impossible.
 */
import { AbstractSigner, type Provider, type TransactionRequest, type TypedDataDomain, type TypedDataField } from "ethers";
import { getCreate2AddressAndSalt, type Create2Data, type PubKeyHash } from "@zklite/protocol";
import { walletError } from "./wallet-errors.js";

export class Create2WalletSigner extends AbstractSigner {
  readonly address: string;

  constructor(
    readonly zkSyncPubkeyHash: PubKeyHash,
    readonly create2WalletData: Create2Data,
    provider: Provider | null = null,
  ) {
    super(provider);
    this.address = getCreate2AddressAndSalt(zkSyncPubkeyHash, create2WalletData).address;
  }

  getAddress(): Promise<string> {
    return Promise.resolve(this.address);
  }

  connect(provider: Provider | null): Create2WalletSigner {
    return new Create2WalletSigner(this.zkSyncPubkeyHash, this.create2WalletData, provider);
  }

  signMessage(): Promise<string> {
    return Promise.reject(walletError("ETH_SIGNER_CANNOT_SIGN", "a CREATE2 wallet cannot sign messages"));
  }

  signTransaction(_tx: TransactionRequest): Promise<string> {
    return Promise.reject(walletError("ETH_SIGNER_CANNOT_SIGN", "a CREATE2 wallet cannot sign L1 transactions"));
  }

  signTypedData(_domain: TypedDataDomain, _types: Record<string, TypedDataField[]>, _value: Record<string, unknown>): Promise<string> {
    return Promise.reject(walletError("ETH_SIGNER_CANNOT_SIGN", "a CREATE2 wallet cannot sign typed data"));
  }
}

/** zksync.js's `unableToSign`: whether the Ethereum signer cannot produce signatures. */
export function unableToSign(signer: unknown): boolean {
  return signer instanceof Create2WalletSigner;
}
