/**
 * Both implementations against zkSync's own test vectors (cryptoPrimitivesTest, every txTest zk
 * signature, the Swap's orders hash, the ChangePubKey's newPkHash) and the fixed values of PROTOCOL.md.
 */
import { Wallet, getBytes } from "ethers";
import { beforeAll, describe, expect, it } from "vitest";
import { IMPLEMENTATIONS, initWasm } from "../test/implementations.js";
import { bytesToHex, checkVectorsPresent, hexToBytes, loadVectors, type TxTestItem } from "../test/vectors.js";

const vectors = loadVectors();
const ZKSYNC_KEY_MESSAGE = "Access zkSync account.\n\nOnly sign this message for a trusted client!";
const ORDER_BYTES = 89;

/** The L2 seed as zksync.js derives it on chain id 1: the personal-sign signature of the fixed message. */
async function seedFromEthPrivateKey(ethPrivateKey: string): Promise<Uint8Array> {
  return getBytes(await new Wallet(ethPrivateKey).signMessage(ZKSYNC_KEY_MESSAGE));
}

interface OrderData {
  accountId: number;
  recipient: string;
  nonce: number;
  tokenSell: number;
  tokenBuy: number;
  ratio: [string, string];
  validFrom: number;
  validUntil: number;
}

/** Order sign bytes (PROTOCOL.md §3.2) with the packed amount given, enough to rebuild the Swap's orders. */
function orderBytes(order: OrderData, packedAmount: Uint8Array): Uint8Array {
  const out = new Uint8Array(ORDER_BYTES);
  const view = new DataView(out.buffer);
  out.set([0x6f, 0x01]);
  view.setUint32(2, order.accountId);
  out.set(hexToBytes(order.recipient), 6);
  view.setUint32(26, order.nonce);
  view.setUint32(30, order.tokenSell);
  view.setUint32(34, order.tokenBuy);
  out.set(hexToBytes(BigInt(order.ratio[0]).toString(16).padStart(30, "0")), 38);
  out.set(hexToBytes(BigInt(order.ratio[1]).toString(16).padStart(30, "0")), 53);
  out.set(packedAmount, 68);
  view.setBigUint64(73, BigInt(order.validFrom));
  view.setBigUint64(81, BigInt(order.validUntil));
  return out;
}

function findItem(type: string): TxTestItem {
  const item = vectors?.txTest.items.find((candidate) => candidate.inputs.type === type);
  if (item === undefined) throw new Error(`the vector file has no ${type} item`);
  return item;
}

beforeAll(initWasm);

it("finds zkSync's test-vector file", (context) => {
  checkVectorsPresent(vectors, context);
  expect(vectors?.txTest.items.length).toBeGreaterThan(0);
});

describe.each(IMPLEMENTATIONS)("$name", ({ api }) => {
  it("hashes the tx message [1,2,3,4] as zkSync's primitives.rs test says", () => {
    expect(bytesToHex(api.rescueHashTxMsg(Uint8Array.of(1, 2, 3, 4)))).toBe(
      "f99ad07b605984ebe73f38c899831bb780471af5d07831f6e948e6544296aa1b",
    );
  });

  if (vectors === undefined) return;

  vectors.cryptoPrimitivesTest.items.forEach((item, index) => {
    it(`cryptoPrimitivesTest #${index}: key from seed, public key, signature, verification`, () => {
      const privateKey = api.privateKeyFromSeed(hexToBytes(item.inputs.seed));
      expect(`0x${bytesToHex(privateKey)}`).toBe(item.outputs.privateKey);
      expect(bytesToHex(api.privateKeyToPubKey(privateKey))).toBe(item.outputs.pubKey);
      const message = hexToBytes(item.inputs.message);
      const signature = api.signMusig(privateKey, message);
      expect(bytesToHex(signature)).toBe(item.outputs.pubKey + item.outputs.signature);
      expect(api.verifyMusig(message, signature)).toBe(true);
    });
  });

  for (const item of vectors.txTest.items) {
    it(`txTest ${item.inputs.type}: the zk signature of signBytes`, async () => {
      const privateKey = api.privateKeyFromSeed(await seedFromEthPrivateKey(item.inputs.ethPrivateKey));
      const signBytes = hexToBytes(item.outputs.signBytes);
      const expected = item.outputs.signature.pubKey + item.outputs.signature.signature;
      expect(bytesToHex(api.privateKeyToPubKey(privateKey))).toBe(item.outputs.signature.pubKey);
      expect(bytesToHex(api.signMusig(privateKey, signBytes))).toBe(expected);
      expect(api.verifyMusig(signBytes, hexToBytes(expected))).toBe(true);
    });
  }

  it("derives the ChangePubKey vector's newPkHash from its signer's key", async () => {
    const changePubKey = findItem("ChangePubKey");
    const privateKey = api.privateKeyFromSeed(await seedFromEthPrivateKey(changePubKey.inputs.ethPrivateKey));
    const expected = String(changePubKey.inputs.data.newPkHash).replace(/^sync:/, "");
    expect(bytesToHex(api.privateKeyToPubKeyHash(privateKey))).toBe(expected);
    expect(bytesToHex(api.pubKeyHash(hexToBytes(changePubKey.outputs.signature.pubKey)))).toBe(expected);
  });

  it("reproduces the orders hash inside the Swap vector's signBytes", () => {
    const order = findItem("Order");
    const swap = findItem("Swap");
    const swapBytes = hexToBytes(swap.outputs.signBytes);
    const [packedAmountA, packedAmountB] = [swapBytes.slice(67, 72), swapBytes.slice(72, 77)];
    // The helper is checked against the Order vector first (same order data as the Swap's first order).
    expect(bytesToHex(orderBytes(order.inputs.data as unknown as OrderData, packedAmountA))).toBe(
      order.outputs.signBytes.slice(2),
    );
    const [orderA, orderB] = swap.inputs.data.orders as [OrderData, OrderData];
    const orders = new Uint8Array([...orderBytes(orderA, packedAmountA), ...orderBytes(orderB, packedAmountB)]);
    expect(bytesToHex(api.rescueHashOrders(orders))).toBe(bytesToHex(swapBytes.slice(30, 61)));
  });
});
