/**
 * What the L1 owner signs or proves to authorize a ChangePubKey (§2.6), and the `ethWitness` bytes the
 * operator passes to `commitBlocks` for it.
 */
import { keccak_256 } from "@noble/hashes/sha3.js";
import { bytesToHex, utf8ToBytes } from "@noble/hashes/utils.js";
import { addressToBytes, bytesToAddress, serializeAddress, type Address } from "../address.js";
import { concatBytes, parseHex, toHex } from "../bytes.js";
import { ETH_SIGNATURE_BYTES, MAX_ACCOUNT_ID, MAX_NONCE } from "../constants.js";
import { describeValue, protocolError, requireObject } from "../errors.js";
import { encodeUintBE, requireInteger } from "../integers.js";
import { serializeAccountId, serializeNonce } from "../tx/fields.js";
import type { ChangePubKey } from "../tx/types.js";

const parseWord = (value: unknown, what: string): Uint8Array => parseHex(value, { length: 32, what });

/**
 * The 60 bytes signed (with `personal_sign`) for an ECDSA ChangePubKey:
 * `pubKeyHash(20) ‖ nonce u32 ‖ accountId u32 ‖ batchHash(32, zero when omitted)`.
 */
export function getChangePubkeyMessage(pubKeyHash: string, nonce: number, accountId: number, batchHash?: string): Uint8Array {
  return concatBytes(
    serializeAddress(pubKeyHash),
    serializeNonce(nonce),
    serializeAccountId(accountId),
    batchHash === undefined ? new Uint8Array(32) : parseWord(batchHash, "batch hash"),
  );
}

/** The UTF-8 text of the legacy (`ECDSALegacyMessage`) authorization. */
export function getChangePubkeyLegacyMessage(pubKeyHash: string, nonce: number, accountId: number): Uint8Array {
  const message =
    "Register zkSync pubkey:\n\n" +
    `${bytesToHex(serializeAddress(pubKeyHash))}\n` +
    `nonce: ${toHex(serializeNonce(nonce))}\n` +
    `account id: ${toHex(serializeAccountId(accountId))}\n\n` +
    "Only sign this message for a trusted client!";
  return utf8ToBytes(message);
}

export interface Eip712Domain {
  name: string;
  version: string;
  chainId: number;
}

/** EIP-712 typed data of a ChangePubKey, in the shape ethers' `signTypedData(domain, types, message)` takes. */
export interface ChangePubKeyTypedData {
  domain: Eip712Domain;
  types: { ChangePubKey: { name: string; type: string }[] };
  primaryType: "ChangePubKey";
  message: { pubKeyHash: string; nonce: number; accountId: number };
}

const EIP712_DOMAIN_TYPE = "EIP712Domain(string name,string version,uint256 chainId)";
const CHANGE_PUBKEY_TYPE = "ChangePubKey(bytes20 pubKeyHash,uint32 nonce,uint32 accountId)";

export function getChangePubKeyTypedData(pubKeyHash: string, nonce: number, accountId: number, chainId: number): ChangePubKeyTypedData {
  return {
    domain: { name: "ZkSync", version: "1.0", chainId: requireInteger(chainId, 0, Number.MAX_SAFE_INTEGER, "chain id", "VALUE_OUT_OF_RANGE") },
    types: {
      ChangePubKey: [
        { name: "pubKeyHash", type: "bytes20" },
        { name: "nonce", type: "uint32" },
        { name: "accountId", type: "uint32" },
      ],
    },
    primaryType: "ChangePubKey",
    message: {
      pubKeyHash: toHex(serializeAddress(pubKeyHash)),
      nonce: requireInteger(nonce, 0, MAX_NONCE, "nonce", "NONCE_OUT_OF_RANGE"),
      accountId: requireInteger(accountId, 0, MAX_ACCOUNT_ID, "account id", "ACCOUNT_ID_OUT_OF_RANGE"),
    },
  };
}

const word = (value: number): Uint8Array => encodeUintBE(value, 32);

/** The EIP-712 digest the contract recovers the signer from (`verifyChangePubkeyEIP712`). */
export function getChangePubKeyEip712Digest(pubKeyHash: string, nonce: number, accountId: number, chainId: number): Uint8Array {
  const { domain, message } = getChangePubKeyTypedData(pubKeyHash, nonce, accountId, chainId);
  const domainSeparator = keccak_256(
    concatBytes(
      keccak_256(utf8ToBytes(EIP712_DOMAIN_TYPE)),
      keccak_256(utf8ToBytes(domain.name)),
      keccak_256(utf8ToBytes(domain.version)),
      word(domain.chainId),
    ),
  );
  const pubKeyHashWord = new Uint8Array(32);
  pubKeyHashWord.set(serializeAddress(pubKeyHash)); // bytes20 is left-aligned in its word
  const structHash = keccak_256(
    concatBytes(keccak_256(utf8ToBytes(CHANGE_PUBKEY_TYPE)), pubKeyHashWord, word(message.nonce), word(message.accountId)),
  );
  return keccak_256(concatBytes(Uint8Array.of(0x19, 0x01), domainSeparator, structHash));
}

export interface Create2Data {
  creatorAddress: string;
  saltArg: string;
  codeHash: string;
}

/**
 * zksync.js `getCREATE2AddressAndSalt`: salt = keccak256(saltArg ‖ pubKeyHash), address =
 * keccak256(0xff ‖ creator ‖ salt ‖ codeHash)[12..32].
 */
export function getCreate2AddressAndSalt(pubKeyHash: string, create2Data: Create2Data): { address: Address; salt: string } {
  const data = requireObject(create2Data, "CREATE2 data", "INVALID_TRANSACTION");
  const salt = keccak_256(concatBytes(parseWord(data.saltArg, "saltArg"), serializeAddress(pubKeyHash)));
  const hash = keccak_256(
    concatBytes(Uint8Array.of(0xff), addressToBytes(data.creatorAddress), salt, parseWord(data.codeHash, "codeHash")),
  );
  return { address: bytesToAddress(hash.slice(12)), salt: toHex(salt) };
}

/** First byte of an `ethWitness` (`Operations.ChangePubkeyType` in the contract). */
export const CHANGE_PUBKEY_WITNESS_TYPE = { ECRECOVER: 0, CREATE2: 1, OldECRECOVER: 2, ECRECOVERV2: 3, EIP712: 4 } as const;

/** 65-byte signature with v written as 27/28 (inputs may use 0/1). */
function packedEthSignature(signature: unknown): Uint8Array {
  const bytes = parseHex(signature, { length: ETH_SIGNATURE_BYTES, what: "eth signature" });
  if ((bytes[64] as number) < 27) bytes[64] = (bytes[64] as number) + 27;
  return bytes;
}

/**
 * The `ethWitness` of a ChangePubKey for `commitBlocks` (Rust `ChangePubKeyOp::get_eth_witness`): empty for
 * Onchain (the contract checks `authFacts`) and when no authorization is given.
 */
export function getChangePubKeyEthWitness(tx: Pick<ChangePubKey, "ethAuthData" | "ethSignature">): Uint8Array {
  const { ethAuthData, ethSignature } = requireObject(tx, "ChangePubKey", "INVALID_TRANSACTION");
  if (ethAuthData === undefined || ethAuthData === null) {
    if (ethSignature === undefined || ethSignature === null) return new Uint8Array();
    return concatBytes(Uint8Array.of(CHANGE_PUBKEY_WITNESS_TYPE.OldECRECOVER), packedEthSignature(ethSignature));
  }
  requireObject(ethAuthData, "ethAuthData", "INVALID_TRANSACTION");
  switch (ethAuthData.type) {
    case "Onchain":
      return new Uint8Array();
    case "ECDSA":
      return concatBytes(Uint8Array.of(CHANGE_PUBKEY_WITNESS_TYPE.ECRECOVER), packedEthSignature(ethAuthData.ethSignature));
    case "EIP712":
      return concatBytes(Uint8Array.of(CHANGE_PUBKEY_WITNESS_TYPE.EIP712), packedEthSignature(ethAuthData.ethSignature));
    case "CREATE2":
      return concatBytes(
        Uint8Array.of(CHANGE_PUBKEY_WITNESS_TYPE.CREATE2),
        addressToBytes(ethAuthData.creatorAddress),
        parseWord(ethAuthData.saltArg, "saltArg"),
        parseWord(ethAuthData.codeHash, "codeHash"),
      );
    default:
      throw protocolError("INVALID_TRANSACTION", `unknown ethAuthData type ${describeValue((ethAuthData as { type: unknown }).type)}`);
  }
}
