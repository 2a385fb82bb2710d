/**
 * Random differential test, part 1: the TypeScript implementation and zksync-crypto agree on key
 * derivation, public keys, PubKeyHash (also of random 32-byte strings: same accepted set) and both
 * Rescue message hashes. Counts are listed in README.md.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { initWasm, outcome, typescriptApi as ts, wasmApi as wasm } from "../test/implementations.js";
import { TestRandom } from "../test/random.js";
import { bytesToHex } from "../test/vectors.js";
import { FR_MODULUS } from "./ts/field.js";
import { bigIntToBytesLE } from "./ts/bytes.js";

export const KEY_CASES = 1000;
export const PUBKEY_HASH_CASES = 150;
export const RANDOM_POINT_ENCODING_CASES = 200;
export const TX_MESSAGE_HASH_CASES = 150;
export const ORDERS_HASH_CASES = 100;

const random = new TestRandom();

beforeAll(initWasm);

describe(`TypeScript vs zksync-crypto on random inputs (seed ${random.seed})`, () => {
  it(`derive the same private and public keys from ${KEY_CASES} random seeds`, () => {
    for (let i = 0; i < KEY_CASES; i++) {
      const seed = random.bytes(random.intBetween(32, 96));
      const privateKey = wasm.privateKeyFromSeed(seed);
      expect(bytesToHex(ts.privateKeyFromSeed(seed)), `seed ${bytesToHex(seed)}`).toBe(bytesToHex(privateKey));
      expect(bytesToHex(ts.privateKeyToPubKey(privateKey)), `sk ${bytesToHex(privateKey)}`).toBe(
        bytesToHex(wasm.privateKeyToPubKey(privateKey)),
      );
    }
  });

  it(`compute the same PubKeyHash for ${PUBKEY_HASH_CASES} random keys`, () => {
    for (let i = 0; i < PUBKEY_HASH_CASES; i++) {
      const privateKey = wasm.privateKeyFromSeed(random.bytes(32));
      const publicKey = wasm.privateKeyToPubKey(privateKey);
      const expected = bytesToHex(wasm.pubKeyHash(publicKey));
      expect(bytesToHex(ts.pubKeyHash(publicKey)), `pk ${bytesToHex(publicKey)}`).toBe(expected);
      if (i % 5 === 0) {
        expect(bytesToHex(wasm.privateKeyToPubKeyHash(privateKey))).toBe(expected);
        expect(bytesToHex(ts.privateKeyToPubKeyHash(privateKey))).toBe(expected);
      }
    }
  });

  it(`accept and hash the same ${RANDOM_POINT_ENCODING_CASES} random and edge-case point encodings`, () => {
    const edgeCases = [0n, 1n, 2n, FR_MODULUS - 1n, FR_MODULUS, (1n << 255n) - 1n].flatMap((y) => [
      bigIntToBytesLE(y, 32),
      bigIntToBytesLE(y | (1n << 255n), 32),
    ]);
    const encodings = [
      ...edgeCases,
      ...Array.from({ length: RANDOM_POINT_ENCODING_CASES - edgeCases.length }, () => {
        const bytes = random.bytes(32);
        bytes[31] = (bytes[31] as number) & (random.int(2) === 0 ? 0x9f : 0xff); // mostly y < 2^253, some above
        return bytes;
      }),
    ];
    let accepted = 0;
    for (const encoding of encodings) {
      const expected = outcome(() => bytesToHex(wasm.pubKeyHash(encoding)));
      expect(outcome(() => bytesToHex(ts.pubKeyHash(encoding))), `encoding ${bytesToHex(encoding)}`).toEqual(expected);
      if ("value" in expected) accepted++;
    }
    expect(accepted).toBeGreaterThan(RANDOM_POINT_ENCODING_CASES / 5);
    expect(accepted).toBeLessThan(RANDOM_POINT_ENCODING_CASES);
  });

  it(`hash the same ${TX_MESSAGE_HASH_CASES} random tx messages (0 to 92 bytes)`, () => {
    for (let i = 0; i < TX_MESSAGE_HASH_CASES; i++) {
      const message = random.bytes(i < 2 ? i * 92 : random.intBetween(0, 92));
      expect(bytesToHex(ts.rescueHashTxMsg(message)), `message ${bytesToHex(message)}`).toBe(
        bytesToHex(wasm.rescueHashTxMsg(message)),
      );
    }
  });

  it(`hash the same ${ORDERS_HASH_CASES} random order pairs`, () => {
    for (let i = 0; i < ORDERS_HASH_CASES; i++) {
      const orders = random.bytes(178);
      expect(bytesToHex(ts.rescueHashOrders(orders)), `orders ${bytesToHex(orders)}`).toBe(
        bytesToHex(wasm.rescueHashOrders(orders)),
      );
    }
  });
});
