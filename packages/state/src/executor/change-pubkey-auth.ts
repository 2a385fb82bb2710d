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
import { onchainAuthFactHash, type OnchainAuthFacts } from "./onchain-auth-facts.js";

/** What the L1 the rollup commits to tells the ChangePubKey authorization check. */
export interface ChangePubKeyL1 {
  /** The L1 chain id (`block.chainid`): EIP-712 authorizations must be signed for it; undefined refuses them. */
  readonly chainId: number | undefined;
  /** L1's on-chain authorizations (`authFacts`), for `Onchain` ChangePubKeys. */
  readonly onchainAuthFacts: OnchainAuthFacts;
}

/**
 * - `authorized`: the rollup contract will accept the block's witness for this ChangePubKey;
 * - `invalid`: a signature, CREATE2 derivation or batch hash L1 would refuse;
 * - `chain-id-mismatch`: an EIP-712 authorization, but the executor was given no L1 chain id (a signature for
 *   another chain than the L1's is `invalid`: it recovers another address, as on L1);
 * - `onchain-fact-missing`: `Onchain`, but L1 holds no matching `authFacts` entry (perhaps not seen yet);
 * - `onchain-fact-reset-pending`: `Onchain`, but the owner asked to replace the fact (it may change before commit).
 */
export type ChangePubKeyAuthVerdict =
  | "authorized"
  | "invalid"
  | "chain-id-mismatch"
  | "onchain-fact-missing"
  | "onchain-fact-reset-pending";

/**
 * L2-side check of a ChangePubKey's Ethereum authorization (PROTOCOL.md §2.6): the account's L1 owner must have
 * approved (newPkHash, nonce, accountId), exactly as the rollup contract checks it at commit. Injected so a
 * deployment can swap it.
 */
export interface ChangePubKeyAuthChecker {
  check(tx: ChangePubKey, ownerAddress: string, l1: ChangePubKeyL1): ChangePubKeyAuthVerdict;
}

/** secp256k1's n / 2: OpenZeppelin's `ECDSA.tryRecover` on L1 refuses any s above it (EIP-2). */
const HALF_CURVE_ORDER = secp256k1.Point.CURVE().n >> 1n;

/**
 * zkSync's `is_eth_auth_data_valid`, made to agree with the rollup contract (docs/protocol-deltas.md, "ChangePubKey
 * authorization"), with the messages built by @zklite/protocol:
 * - Onchain, or no authorization at all: L1 must hold `authFacts[owner][nonce] == keccak256(newPkHash)` with no
 *   reset requested;
 * - ECDSA: personal_sign over the 60-byte message; a non-zero batch hash is rejected (zkSync's witness type 0
 *   always hashes a zero word, so L1 could not check it);
 * - EIP712: typed data in domain {name "ZkSync", version "1.0", chainId = the L1's `block.chainid`}; the tx's own
 *   `chainId` field is ignored, as L1 never sees it;
 * - CREATE2: the owner must be the CREATE2 address derived from the new PubKeyHash, and nonce 0;
 * - legacy `ethSignature` without `ethAuthData`: personal_sign over the "Register zkSync pubkey" text.
 * Signatures: 65 bytes r ‖ s ‖ v, v ∈ {0, 1, 27, 28} (0/1 mean 27/28; the witness carries 27/28), low s only.
 */
export const ethereumChangePubKeyAuth: ChangePubKeyAuthChecker = Object.freeze({
  check(tx: ChangePubKey, ownerAddress: string, l1: ChangePubKeyL1): ChangePubKeyAuthVerdict {
    try {
      return checkAuthorization(tx, ownerAddress.toLowerCase(), l1);
    } catch {
      return "invalid"; // malformed hex, signature bytes or CREATE2 data
    }
  },
});

function checkAuthorization(tx: ChangePubKey, owner: string, l1: ChangePubKeyL1): ChangePubKeyAuthVerdict {
  const auth = tx.ethAuthData;
  const signedByOwner = (digest: Uint8Array, signature: string): ChangePubKeyAuthVerdict =>
    recoverSigner(digest, signature) === owner ? "authorized" : "invalid";
  if (auth === undefined) {
    if (tx.ethSignature === undefined || tx.ethSignature === null) return checkOnchain(tx, owner, l1.onchainAuthFacts);
    const message = getChangePubkeyLegacyMessage(tx.newPkHash, tx.nonce, tx.accountId);
    return signedByOwner(keccak_256(getSignedBytesFromMessage(message, true)), tx.ethSignature);
  }
  switch (auth.type) {
    case "Onchain":
      return checkOnchain(tx, owner, l1.onchainAuthFacts);
    case "ECDSA": {
      if (auth.batchHash !== undefined && !/^(0x)?0*$/.test(auth.batchHash)) return "invalid";
      const message = getChangePubkeyMessage(tx.newPkHash, tx.nonce, tx.accountId);
      return signedByOwner(keccak_256(getSignedBytesFromMessage(message, true)), auth.ethSignature);
    }
    case "EIP712":
      if (l1.chainId === undefined) return "chain-id-mismatch";
      return signedByOwner(getChangePubKeyEip712Digest(tx.newPkHash, tx.nonce, tx.accountId, l1.chainId), auth.ethSignature);
    case "CREATE2":
      return tx.nonce === 0 && getCreate2AddressAndSalt(tx.newPkHash, auth).address === owner ? "authorized" : "invalid";
    default:
      return "invalid";
  }
}

function checkOnchain(tx: ChangePubKey, owner: string, facts: OnchainAuthFacts): ChangePubKeyAuthVerdict {
  const fact = facts.authFact(owner, tx.nonce);
  if (fact === undefined || fact.factHash.toLowerCase() !== onchainAuthFactHash(tx.newPkHash)) return "onchain-fact-missing";
  return fact.resetRequested ? "onchain-fact-reset-pending" : "authorized";
}

/** Address that produced a 65-byte `r ‖ s ‖ v` signature (v = 27/28 or 0/1, low s) over `digest`. */
function recoverSigner(digest: Uint8Array, signatureHex: string): string | undefined {
  const signature = hexToBytes(signatureHex.replace(/^0x/i, ""));
  if (signature.length !== 65) return undefined;
  const v = signature[64] as number;
  const recovery = v >= 27 ? v - 27 : v;
  if (recovery !== 0 && recovery !== 1) return undefined;
  const parsed = secp256k1.Signature.fromBytes(signature.subarray(0, 64), "compact");
  if (parsed.s > HALF_CURVE_ORDER) return undefined;
  const publicKey = parsed.addRecoveryBit(recovery).recoverPublicKey(digest);
  return `0x${bytesToHex(keccak_256(publicKey.toBytes(false).subarray(1)).subarray(12))}`;
}
