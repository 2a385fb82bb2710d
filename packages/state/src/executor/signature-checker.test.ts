import { bytesToHex } from "@noble/hashes/utils.js";
import { init, privateKeyFromSeed, privateKeyToPubKeyHash, pubKeyHash, rescueHashOrders, signMusig } from "@zklite/crypto-wasm";
import { AltBabyJubjubPoint, GENERATOR, compressPoint } from "@zklite/crypto-wasm/ts";
import { serializeOrder, serializeTx, type Order, type Tx, type TxSignature } from "@zklite/protocol";
import { beforeAll, describe, expect, it } from "vitest";
import { FIRST_NONCE, address, changePubKey, deposit, expectRejected, newState, openBlock, order, swap, transfer } from "../../test/fixtures.js";
import { musigSignatureChecker } from "./signature-checker.js";

// Real zkSync signatures made by zksync-crypto (through @zklite/crypto-wasm).
const keys = new Map<number, Uint8Array>();
function key(n: number): Uint8Array {
  let privateKey = keys.get(n);
  if (privateKey === undefined) keys.set(n, (privateKey = privateKeyFromSeed(new Uint8Array(32).fill(n))));
  return privateKey;
}
const pkh = (n: number): string => `sync:${bytesToHex(privateKeyToPubKeyHash(key(n)))}`;

function sign(n: number, message: Uint8Array): TxSignature {
  const signature = signMusig(key(n), message);
  return { pubKey: bytesToHex(signature.subarray(0, 32)), signature: bytesToHex(signature.subarray(32)) };
}
const signTx = <T extends Tx>(n: number, tx: T): T => ({ ...tx, signature: sign(n, serializeTx(tx, rescueHashOrders)) });
const signOrder = (n: number, o: Order): Order => ({ ...o, signature: sign(n, serializeOrder(o)) });

beforeAll(async () => {
  await init();
});

describe("musigSignatureChecker (zksync-crypto signatures)", () => {
  function stateWithKeys() {
    const state = newState({ signatureChecker: musigSignatureChecker() });
    const block = openBlock(state, 1);
    for (const n of [1, 2, 3]) {
      block.applyPriorityOp(deposit(address(n), 1000n));
      block.applyPriorityOp(deposit(address(n), 1000n, 1));
      block.applyTx(signTx(n, changePubKey(n, { newPkHash: pkh(n), signature: undefined })));
    }
    return { state, block };
  }

  it("accepts real signatures and rejects tampered or foreign ones", () => {
    const { state, block } = stateWithKeys();
    expect(state.account(1)?.pubKeyHash).toBe(pkh(1));
    const good = signTx(1, transfer(1, address(2), 10n, { signature: undefined }));
    expectRejected(state, () => block.applyTx({ ...good, amount: 11n }), "INVALID_SIGNATURE");
    expectRejected(state, () => block.applyTx(signTx(2, transfer(1, address(2), 10n, { signature: undefined }))), "WRONG_SIGNER");
    expectRejected(state, () => block.applyTx({ ...good, signature: { pubKey: "zz", signature: "00" } }), "INVALID_SIGNATURE");
    block.applyTx(good);
    expect(state.balance(2, 0)).toBe(1010n);
  });

  it("checks the swap signature and each order's signature", () => {
    const { state, block } = stateWithKeys();
    const a = signOrder(1, order(1, { signature: undefined, amount: 5n }));
    const b = signOrder(2, order(2, { tokenSell: 1, tokenBuy: 0, signature: undefined }));
    const forgedB = signOrder(3, order(2, { tokenSell: 1, tokenBuy: 0, signature: undefined }));
    expectRejected(state, () => block.applyTx(signTx(3, swap(3, [a, forgedB], [5n, 5n], { signature: undefined }))), "WRONG_SIGNER");
    expectRejected(state, () => block.applyTx({ ...signTx(3, swap(3, [a, b], [5n, 5n], { signature: undefined })), fee: 1n }), "INVALID_SIGNATURE");
    block.applyTx(signTx(3, swap(3, [a, b], [5n, 5n], { signature: undefined })));
    expect(state.account(1)?.nonce).toBe(FIRST_NONCE + 1);
  });

  it("a signature under the identity key verifies for any message, so ChangePubKey refuses that key (INVALID_PUBKEY_HASH)", () => {
    const { state, block } = stateWithKeys();
    // A = identity, R = G, s = 1: s·G = R + c·A holds whatever the challenge c.
    const identity = compressPoint(AltBabyJubjubPoint.IDENTITY);
    const forged: TxSignature = { pubKey: bytesToHex(identity), signature: bytesToHex(compressPoint(AltBabyJubjubPoint.fromAffine(GENERATOR))) + `01${"00".repeat(31)}` };
    const weak = `sync:${bytesToHex(pubKeyHash(identity))}`;
    block.applyPriorityOp(deposit(address(4), 10n));
    const id = state.accountByAddress(address(4))?.id as number;
    const tx = changePubKey(id, { account: address(4), newPkHash: weak, signature: forged });
    expect(musigSignatureChecker().check({ kind: "tx", tx }, weak)).toBe("valid");
    expect(musigSignatureChecker().check({ kind: "tx", tx: { ...tx, fee: 1n } }, weak)).toBe("valid");
    expectRejected(state, () => block.applyTx(tx), "INVALID_PUBKEY_HASH");
    expect(state.account(id)?.pubKeyHash).toBe(`sync:${"0".repeat(40)}`);
  });
});
