import { privateKeyFromSeed, privateKeyToPubKeyHash, rescueHashOrders, signMusig } from "@zklite/crypto-wasm";
import { serializeOrder, serializeTx, toHex, type Order, type Tx, type TxSignature } from "@zklite/protocol";

/** A zkSync key pair for tests (call `init()` of @zklite/crypto-wasm first). */
export interface TestKey {
  readonly privateKey: Uint8Array;
  readonly pubKeyHash: string;
}

export function testKey(seed: Uint8Array): TestKey {
  const privateKey = privateKeyFromSeed(seed);
  return { privateKey, pubKeyHash: `sync:${toHex(privateKeyToPubKeyHash(privateKey)).replace(/^0x/, "")}` };
}

export function signBytes(key: TestKey, message: Uint8Array): TxSignature {
  const signed = signMusig(key.privateKey, message);
  return { pubKey: toHex(signed.subarray(0, 32)).replace(/^0x/, ""), signature: toHex(signed.subarray(32)).replace(/^0x/, "") };
}

export function signTx<T extends Tx>(key: TestKey, tx: T): T {
  return { ...tx, signature: signBytes(key, serializeTx(tx, rescueHashOrders)) };
}

export function signOrder(key: TestKey, order: Order): Order {
  return { ...order, signature: signBytes(key, serializeOrder(order)) };
}
