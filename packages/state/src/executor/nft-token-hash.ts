import { bytesToHex, hexToBytes } from "@noble/hashes/utils.js";
import { rescueHash } from "@zklite/crypto-wasm";

/**
 * zkSync's NFT token hash (PROTOCOL.md §1.4): Rescue([lhs, rhs]) with
 * lhs = BE(creatorId u32 ‖ serialId u32 ‖ contentHash[0..16]), rhs = BE(contentHash[16..32]),
 * written as 32 bytes big-endian.
 */
export type NftTokenHasher = (creatorId: number, serialId: number, contentHash: string) => Uint8Array;

export const rescueNftTokenHash: NftTokenHasher = (creatorId, serialId, contentHash) => {
  const content = hexToBytes(contentHash.replace(/^0x/, ""));
  const lhs = (BigInt(creatorId) << 160n) | (BigInt(serialId) << 128n) | bytesToBigInt(content.subarray(0, 16));
  const rhs = bytesToBigInt(content.subarray(16, 32));
  return hexToBytes(rescueHash([lhs, rhs]).toString(16).padStart(64, "0"));
};

/** The 128-bit value the NFT storage account keeps at the NFT's token id: `tokenHash[16..32]`. */
export function nftContentDigest(tokenHash: Uint8Array): bigint {
  return bytesToBigInt(tokenHash.subarray(16, 32));
}

/** The NFT's "address": `tokenHash[12..32]`. */
export function nftAddress(tokenHash: Uint8Array): string {
  return `0x${bytesToHex(tokenHash.subarray(12, 32))}`;
}

function bytesToBigInt(bytes: Uint8Array): bigint {
  return bytes.length === 0 ? 0n : BigInt(`0x${bytesToHex(bytes)}`);
}
