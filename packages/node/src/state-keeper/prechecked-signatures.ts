import { musigSignatureChecker, type SignatureChecker, type SignedMessage } from "@zklite/state";

/**
 * The executor's signature checker for the node: admission already verified each transaction's and
 * order's zk signature on the worker pool and noted who signed it, so execution compares PubKeyHashes
 * only. Objects admission never saw (a pending block replayed after a restart) are verified in full.
 */
export class PrecheckedSignatures implements SignatureChecker {
  private readonly signers = new WeakMap<object, string>();
  private readonly full = musigSignatureChecker();

  remember(message: object, pubKeyHash: string): void {
    this.signers.set(message, pubKeyHash.toLowerCase());
  }

  check(message: SignedMessage, expectedSigner: string): "valid" | "invalid" | "wrong-signer" {
    const signed = message.kind === "tx" ? message.tx : message.order;
    const signer = this.signers.get(signed);
    if (signer === undefined) return this.full.check(message, expectedSigner);
    return signer === expectedSigner.toLowerCase() ? "valid" : "wrong-signer";
  }
}
