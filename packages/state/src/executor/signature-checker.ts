import { bytesToHex, hexToBytes } from "@noble/hashes/utils.js";
import { isInitialized, pubKeyHash, rescueHashOrders, verifyMusig } from "@zklite/crypto-wasm";
import { serializeOrder, serializeTx, type Order, type Tx } from "@zklite/protocol";
import { stateError } from "../errors.js";

/** What a signature check concluded. */
export type SignatureVerdict = "valid" | "invalid" | "wrong-signer";

/** A transaction, or one order of a Swap, whose zkSync signature must be checked. */
export type SignedMessage = { readonly kind: "tx"; readonly tx: Tx } | { readonly kind: "order"; readonly order: Order };

/**
 * Checks zkSync (L2) signatures. Injected into the executor so that tests can use real or fake
 * signatures and benchmarks can leave signatures out.
 */
export interface SignatureChecker {
  /** "valid" when the message is signed by a key whose PubKeyHash is `expectedSigner` (`sync:…`). */
  check(message: SignedMessage, expectedSigner: string): SignatureVerdict;
}

/** Accepts everything: for benchmarks and for replaying already verified history (data restore). */
export const SKIP_SIGNATURE_CHECKS: SignatureChecker = Object.freeze({ check: () => "valid" as const });

/**
 * The real check, with zksync-crypto through @zklite/crypto-wasm: rebuild the signed bytes
 * (PROTOCOL.md §3.2), verify the musig signature (§2.4), hash the signer's key (§1.3).
 * `init()` from @zklite/crypto-wasm must have completed before the first check.
 */
export function musigSignatureChecker(): SignatureChecker {
  return {
    check(message, expectedSigner) {
      if (!isInitialized()) {
        throw stateError("INVALID_ARGUMENT", "call init() from @zklite/crypto-wasm before checking signatures");
      }
      const signature = message.kind === "tx" ? message.tx.signature : message.order.signature;
      if (signature === undefined) return "invalid";
      let signer: string;
      try {
        const bytes = message.kind === "tx" ? serializeTx(message.tx, rescueHashOrders) : serializeOrder(message.order);
        const publicKey = hexToBytes(signature.pubKey);
        const packed = new Uint8Array(96);
        packed.set(publicKey, 0);
        packed.set(hexToBytes(signature.signature), 32);
        if (!verifyMusig(bytes, packed)) return "invalid";
        signer = `sync:${bytesToHex(pubKeyHash(publicKey))}`;
      } catch {
        // Malformed hex, a point off the curve, a message that cannot be serialized: not a valid signature.
        return "invalid";
      }
      return signer === expectedSigner.toLowerCase() ? "valid" : "wrong-signer";
    },
  };
}
