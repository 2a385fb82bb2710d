import { batchEthSignMessage, orderEthSignMessage, txEthSignMessage, type Order, type Tx, type TxEthSignature } from "@zklite/protocol";
import type { TokenRegistry } from "../tokens/token-registry.js";
import { recoverPersonalSigner } from "./eth-recover.js";
import { mempoolError } from "./errors.js";
import { messageToken } from "./tx-sender.js";

/**
 * The Ethereum "2FA" signatures (PROTOCOL.md §2.5): every L2 transaction but ChangePubKey (which carries its
 * own authorization) is also signed by its sender's Ethereum key over its human-readable message; a batch
 * by each of its senders over the batch message; a Swap's orders by their makers.
 */
export class EthSignatureChecker {
  constructor(private readonly tokens: TokenRegistry) {}

  /** A single transaction's signature(s): one for the tx, and for a Swap one per order after it. */
  checkTx(tx: Tx, signer: string, signatures: readonly TxEthSignature[]): void {
    if (tx.type === "ChangePubKey") return;
    const [own, ...orderSignatures] = signatures;
    this.require(this.txMessage(tx), signer, own, `${tx.type}`);
    if (tx.type === "Swap") this.checkOrders(tx, orderSignatures);
  }

  /** A batch: every sender (besides ChangePubKey-only ones) must have signed the batch message. */
  checkBatch(entries: readonly { tx: Tx; sender: string }[], signatures: readonly TxEthSignature[]): void {
    const message = batchEthSignMessage(
      entries.map(({ tx, sender }) => ({ tx, sender, token: this.display(messageToken(tx)) })),
    );
    const signers = new Set<string>();
    for (const signature of signatures) {
      const recovered = recover(message, signature);
      if (recovered !== undefined) signers.add(recovered);
    }
    for (const { tx, sender } of entries) {
      if (tx.type === "ChangePubKey") continue;
      if (!signers.has(sender.toLowerCase())) {
        throw mempoolError(signatures.length === 0 ? "MISSING_ETH_SIGNATURE" : "INVALID_ETH_SIGNATURE", `the batch is not signed by ${sender}, the sender of a ${tx.type}`);
      }
      if (tx.type === "Swap") throw mempoolError("UNSUPPORTED_TRANSACTION", "Swaps in batches are not supported");
    }
  }

  private checkOrders(tx: Extract<Tx, { type: "Swap" }>, signatures: readonly TxEthSignature[]): void {
    tx.orders.forEach((order: Order, index) => {
      const message = orderEthSignMessage(order, this.display(order.tokenSell), this.display(order.tokenBuy));
      const makerSignature = signatures[index];
      // A maker is identified by the signature itself: the order names only its account id, and the
      // executor checks that id's address against the recovered one through the order's zk signature.
      if (makerSignature === undefined) throw mempoolError("MISSING_ETH_SIGNATURE", `order ${index} of the Swap has no Ethereum signature`);
      if (recover(message, makerSignature) === undefined) throw mempoolError("INVALID_ETH_SIGNATURE", `order ${index}'s Ethereum signature is malformed`);
    });
  }

  private txMessage(tx: Exclude<Tx, { type: "ChangePubKey" }>): string {
    return txEthSignMessage(tx, this.display(messageToken(tx)));
  }

  private display(token: number) {
    const display = this.tokens.display(token);
    if (display === undefined) throw mempoolError("UNKNOWN_TOKEN", `token ${token} is not known`);
    return display;
  }

  private require(message: string, signer: string, signature: TxEthSignature | undefined, what: string): void {
    if (signature === undefined) throw mempoolError("MISSING_ETH_SIGNATURE", `a ${what} needs its sender's Ethereum signature`);
    const recovered = recover(message, signature);
    if (recovered !== signer.toLowerCase()) {
      throw mempoolError("INVALID_ETH_SIGNATURE", `the Ethereum signature of the ${what} is not by its sender ${signer}`);
    }
  }
}

function recover(message: string, signature: TxEthSignature): string | undefined {
  if (signature.type !== "EthereumSignature") {
    throw mempoolError("UNSUPPORTED_TRANSACTION", "EIP-1271 (contract wallet) signatures are not supported yet");
  }
  return recoverPersonalSigner(message, signature.signature);
}
