/** zksync-crypto's Node build on the calling thread, for the cheap calls (key derivation, hashes). */
import { createRequire } from "node:module";

export interface ZkSyncCryptoSync {
  privateKeyFromSeed(seed: Uint8Array): Uint8Array;
  private_key_to_pubkey(privateKey: Uint8Array): Uint8Array;
  rescueHash(message: Uint8Array): Uint8Array;
  sign_musig(privateKey: Uint8Array, message: Uint8Array): Uint8Array;
  verify_musig(message: Uint8Array, signature: Uint8Array): boolean;
}

export function loadZkSyncCryptoSync(): ZkSyncCryptoSync {
  return createRequire(import.meta.url)("zksync-crypto") as ZkSyncCryptoSync;
}
