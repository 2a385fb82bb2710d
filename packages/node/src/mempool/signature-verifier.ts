import { hexToBytes } from "@noble/hashes/utils.js";
import { pubKeyHash, rescueHashOrders, verifyMusigBatch } from "@zklite/crypto-wasm";
import { serializeOrder, serializeTx, toHex, type Order, type Tx } from "@zklite/protocol";

const PUBKEY_HASH_CACHE_LIMIT = 100_000;

/** Who signed one message: the signer's PubKeyHash, or undefined when the signature does not verify. */
export type SignerVerdict = string | undefined;

export interface SignedItems {
  /** Verdict for the transaction's own signature. */
  readonly tx: SignerVerdict;
  /** Verdicts for a Swap's two orders (empty for other types). */
  readonly orders: readonly SignerVerdict[];
}

/**
 * zkSync signature checks for admission, on the fast engine's worker pool (`verifyMusigBatch`): the
 * transactions of one submission (a batch, or concurrent single submissions gathered by the caller) are
 * verified together. PubKeyHashes are cached per public key, since accounts reuse their key.
 */
export class SignatureVerifier {
  private readonly pubKeyHashes = new Map<string, string>();

  async verify(txs: readonly Tx[]): Promise<SignedItems[]> {
    const items: { message: Uint8Array; signature: Uint8Array; pubKey: string }[] = [];
    const slots: { tx: number; orders: number[] }[] = [];
    const add = (message: Uint8Array | undefined, signature: { pubKey: string; signature: string } | undefined): number => {
      if (message === undefined || signature === undefined) return -1;
      const packed = new Uint8Array(96);
      try {
        packed.set(hexToBytes(signature.pubKey), 0);
        packed.set(hexToBytes(signature.signature), 32);
      } catch {
        return -1;
      }
      items.push({ message, signature: packed, pubKey: signature.pubKey.toLowerCase() });
      return items.length - 1;
    };
    for (const tx of txs) {
      const slot = { tx: add(signBytes(() => serializeTx(tx, rescueHashOrders)), tx.signature), orders: [] as number[] };
      if (tx.type === "Swap") {
        for (const order of tx.orders) slot.orders.push(add(signBytes(() => serializeOrder(order as Order)), order.signature));
      }
      slots.push(slot);
    }
    const valid = items.length === 0 ? [] : await verifyMusigBatch(items);
    const verdict = (index: number): SignerVerdict => {
      if (index < 0 || valid[index] !== true) return undefined;
      return this.pubKeyHashOf((items[index] as { pubKey: string }).pubKey);
    };
    return slots.map((slot) => ({ tx: verdict(slot.tx), orders: slot.orders.map(verdict) }));
  }

  private pubKeyHashOf(pubKey: string): string {
    let hash = this.pubKeyHashes.get(pubKey);
    if (hash === undefined) {
      hash = `sync:${toHex(pubKeyHash(hexToBytes(pubKey))).slice(2)}`;
      if (this.pubKeyHashes.size >= PUBKEY_HASH_CACHE_LIMIT) this.pubKeyHashes.clear();
      this.pubKeyHashes.set(pubKey, hash);
    }
    return hash;
  }
}

function signBytes(serialize: () => Uint8Array): Uint8Array | undefined {
  try {
    return serialize();
  } catch {
    return undefined;
  }
}
