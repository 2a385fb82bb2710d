/** The subset of zksync-crypto 0.6.2's wasm-bindgen exports this package calls (same in every build). */
export interface ZkSyncCryptoBindings {
  zksync_crypto_init(): void;
  privateKeyFromSeed(seed: Uint8Array): Uint8Array;
  private_key_to_pubkey(privateKey: Uint8Array): Uint8Array;
  private_key_to_pubkey_hash(privateKey: Uint8Array): Uint8Array;
  pubKeyHash(publicKey: Uint8Array): Uint8Array;
  rescueHash(message: Uint8Array): Uint8Array;
  rescueHashOrders(orders: Uint8Array): Uint8Array;
  sign_musig(privateKey: Uint8Array, message: Uint8Array): Uint8Array;
  verify_musig(message: Uint8Array, signature: Uint8Array): boolean;
}

/** Resolved through package.json `imports` (#zksync-crypto-loader): a Node and a browser version. */
export type LoadZkSyncCryptoBindings = () => Promise<ZkSyncCryptoBindings>;
