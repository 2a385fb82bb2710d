/**
 * How an Ethereum account signs messages (zksync.js `EthSignerType`), detected from one signature:
 * an EOA signs EIP-191-prefixed messages with ECDSA; some wallets sign the raw message; contract wallets
 * answer EIP-1271 `isValidSignature`.
 */
import { Contract, getBytes, keccak256, recoverAddress, type Provider, type Signer as EthersSigner } from "ethers";
import { getSignedBytesFromMessage } from "@zklite/protocol";

export interface EthSignerType {
  verificationMethod: "ECDSA" | "ERC-1271";
  /** Whether the signer signs the message behind the EIP-191 prefix. */
  isSignedMsgPrefixed: boolean;
}

const EIP1271_MAGIC_VALUE = "0x1626ba7e";
const EIP1271_ABI = ["function isValidSignature(bytes32 hash, bytes signature) view returns (bytes4)"];

/** Signs `message` with the wallet's personal-sign API (ethers v6 uses `personal_sign` for JSON-RPC signers). */
export async function signMessagePersonalAPI(signer: EthersSigner, message: Uint8Array): Promise<string> {
  return signer.signMessage(message);
}

function recoversTo(digestInput: Uint8Array, signature: string, address: string): boolean {
  try {
    return recoverAddress(keccak256(digestInput), signature).toLowerCase() === address.toLowerCase();
  } catch {
    return false;
  }
}

/** zksync.js `verifyERC1271Signature`: asks the contract at `address` whether it accepts the signature. */
export async function verifyERC1271Signature(
  address: string,
  message: Uint8Array,
  signature: string,
  runner: Provider | EthersSigner,
  messagePrefixed = true,
): Promise<boolean> {
  const digest = keccak256(getSignedBytesFromMessage(message, messagePrefixed));
  const wallet = new Contract(address, EIP1271_ABI, runner);
  const isValidSignature = wallet.getFunction("isValidSignature");
  return (await isValidSignature(digest, signature)) === EIP1271_MAGIC_VALUE;
}

/** zksync.js `getEthSignatureType`. */
export async function getEthSignatureType(
  provider: Provider | null,
  message: string | Uint8Array,
  signature: string,
  address: string,
): Promise<EthSignerType> {
  const bytes = typeof message === "string" ? new TextEncoder().encode(message) : getBytes(message);
  if (recoversTo(getSignedBytesFromMessage(bytes, true), signature, address)) {
    return { verificationMethod: "ECDSA", isSignedMsgPrefixed: true };
  }
  if (recoversTo(getSignedBytesFromMessage(bytes, false), signature, address)) {
    return { verificationMethod: "ECDSA", isSignedMsgPrefixed: false };
  }
  let isSignedMsgPrefixed = false;
  if (provider !== null) {
    try {
      isSignedMsgPrefixed = await verifyERC1271Signature(address, bytes, signature, provider);
    } catch {
      isSignedMsgPrefixed = false;
    }
  }
  return { verificationMethod: "ERC-1271", isSignedMsgPrefixed };
}
