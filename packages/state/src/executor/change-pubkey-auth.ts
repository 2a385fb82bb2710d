import { secp256k1 } from "@noble/curves/secp256k1.js";
import { keccak_256 } from "@noble/hashes/sha3.js";
import { bytesToHex, hexToBytes } from "@noble/hashes/utils.js";
import {
  getChangePubKeyEip712Digest,
  getChangePubkeyLegacyMessage,
  getChangePubkeyMessage,
  getCreate2AddressAndSalt,
  getSignedBytesFromMessage,
  type ChangePubKey,
} from "@zklite/protocol";

/**
 * L2-side check of a ChangePubKey's Ethereum authorization (PROTOCOL.md §2.6): the account's L1
 * owner must have approved (newPkHash, nonce, accountId). Injected so a deployment can swap it.
 */
export interface ChangePubKeyAuthChecker {
  isAuthorized(tx: ChangePubKey, ownerAddress: string): boolean;
}

/**
 * zkSync's `is_eth_auth_data_valid`, with the messages built by @zklite/protocol:
 * - Onchain, or no authorization at all: accepted here; the L1 contract checks `authFacts` at commit;
 * - ECDSA: personal_sign over the 60-byte message; a non-zero batch hash is rejected (zkSync's witness
 *   type 0 always hashes a zero word, so L1 could not check it);
 * - EIP712: typed data in domain {name "ZkSync", version "1.0", chainId}; the tx must carry `chainId`;
 * - CREATE2: the owner must be the CREATE2 address derived from the new PubKeyHash, and nonce 0;
 * - legacy `ethSignature` without `ethAuthData`: personal_sign over the "Register zkSync pubkey" text.
 */
export const ethereumChangePubKeyAuth: ChangePubKeyAuthChecker = Object.freeze({
  isAuthorized(tx: ChangePubKey, ownerAddress: string): boolean {
    try {
      return checkAuthorization(tx, ownerAddress.toLowerCase());
    } catch {
      return false; // malformed hex, signature bytes or CREATE2 data
    }
  },
});

function checkAuthorization(tx: ChangePubKey, owner: string): boolean {
  const auth = tx.ethAuthData;
  if (auth === undefined) {
    if (tx.ethSignature === undefined || tx.ethSignature === null) return true;
    const message = getChangePubkeyLegacyMessage(tx.newPkHash, tx.nonce, tx.accountId);
    return recoverSigner(keccak_256(getSignedBytesFromMessage(message, true)), tx.ethSignature) === owner;
  }
  switch (auth.type) {
    case "Onchain":
      return true;
    case "ECDSA": {
      if (auth.batchHash !== undefined && !/^(0x)?0*$/.test(auth.batchHash)) return false;
      const message = getChangePubkeyMessage(tx.newPkHash, tx.nonce, tx.accountId);
      return recoverSigner(keccak_256(getSignedBytesFromMessage(message, true)), auth.ethSignature) === owner;
    }
    case "EIP712":
      if (tx.chainId === undefined) return false;
      return recoverSigner(getChangePubKeyEip712Digest(tx.newPkHash, tx.nonce, tx.accountId, tx.chainId), auth.ethSignature) === owner;
    case "CREATE2":
      return tx.nonce === 0 && getCreate2AddressAndSalt(tx.newPkHash, auth).address === owner;
    default:
      return false;
  }
}

/** Address that produced a 65-byte `r ‖ s ‖ v` signature (v = 27/28 or 0/1) over `digest`. */
function recoverSigner(digest: Uint8Array, signatureHex: string): string | undefined {
  const signature = hexToBytes(signatureHex.replace(/^0x/i, ""));
  if (signature.length !== 65) return undefined;
  const v = signature[64] as number;
  const recovery = v >= 27 ? v - 27 : v;
  if (recovery !== 0 && recovery !== 1) return undefined;
  const publicKey = secp256k1.Signature.fromBytes(signature.subarray(0, 64), "compact").addRecoveryBit(recovery).recoverPublicKey(digest);
  return `0x${bytesToHex(keccak_256(publicKey.toBytes(false).subarray(1)).subarray(12))}`;
}
