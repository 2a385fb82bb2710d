/**
 * Fuzzes every API function of both implementations with bad inputs (wrong types, random lengths,
 * out-of-range keys): only ZkLiteError may escape, both implementations answer alike, and the wasm
 * never panics (a panic would print through console.error).
 */
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { IMPLEMENTATIONS, initWasm, outcome, type CryptoApi } from "../test/implementations.js";
import { TestRandom } from "../test/random.js";
import { bytesToHex } from "../test/vectors.js";
import { bigIntToBytesBE } from "./ts/bytes.js";
import { SUBGROUP_ORDER } from "./ts/curve-params.js";

const random = new TestRandom();
export const FUZZ_CASES_PER_FUNCTION = 40;

const consoleError = vi.spyOn(console, "error");
beforeAll(initWasm);
afterAll(() => consoleError.mockRestore());

/** Mostly byte strings of random (often invalid) length, sometimes not byte strings at all. */
function fuzzBytes(typicalLengths: readonly number[]): unknown {
  switch (random.int(10)) {
    case 0:
      return random.pick([undefined, null, 42, "00", [1, 2, 3], {}, new Uint16Array(32), new ArrayBuffer(32)]);
    case 1:
    case 2:
      return random.bytes(random.pick(typicalLengths));
    default:
      return random.bytes(random.intBetween(0, 200));
  }
}

function fuzzPrivateKey(): unknown {
  switch (random.int(6)) {
    case 0:
      return new Uint8Array(32);
    case 1:
      return bigIntToBytesBE(SUBGROUP_ORDER + BigInt(random.int(1 << 20)), 32);
    case 2:
      return new Uint8Array(32).fill(0xff);
    case 3:
      return bigIntToBytesBE(SUBGROUP_ORDER - 1n, 32); // the largest valid key
    default:
      return fuzzBytes([31, 33, 0]);
  }
}

type Call = (api: CryptoApi) => unknown;
const FUZZED_CALLS: Record<string, () => Call> = {
  privateKeyFromSeed: () => {
    const seed = fuzzBytes([31, 32, 0]);
    return (api) => api.privateKeyFromSeed(seed as Uint8Array);
  },
  privateKeyToPubKey: () => {
    const key = fuzzPrivateKey();
    return (api) => api.privateKeyToPubKey(key as Uint8Array);
  },
  privateKeyToPubKeyHash: () => {
    const key = fuzzPrivateKey();
    return (api) => api.privateKeyToPubKeyHash(key as Uint8Array);
  },
  pubKeyHash: () => {
    const publicKey = fuzzBytes([31, 33, 32]);
    return (api) => api.pubKeyHash(publicKey as Uint8Array);
  },
  signMusig: () => {
    const [key, message] = random.int(2) === 0 ? [fuzzPrivateKey(), random.bytes(10)] : [bigIntToBytesBE(1n, 32), fuzzBytes([93, 92])];
    return (api) => api.signMusig(key as Uint8Array, message as Uint8Array);
  },
  verifyMusig: () => {
    const [message, signature] =
      random.int(2) === 0 ? [random.bytes(10), fuzzBytes([95, 97, 96])] : [fuzzBytes([93, 200]), random.bytes(96)];
    return (api) => api.verifyMusig(message as Uint8Array, signature as Uint8Array);
  },
  rescueHashTxMsg: () => {
    const message = random.int(3) === 0 ? random.pick([undefined, "ab", 7]) : random.bytes(random.intBetween(93, 300));
    return (api) => api.rescueHashTxMsg(message as Uint8Array);
  },
  rescueHashOrders: () => {
    const orders = fuzzBytes([177, 179, 0, 89]);
    return (api) => api.rescueHashOrders(orders as Uint8Array);
  },
};

function describeOutcome(result: { value: unknown } | { code: string }): unknown {
  if ("code" in result) return { code: result.code };
  return { value: result.value instanceof Uint8Array ? bytesToHex(result.value) : result.value };
}

describe(`bad input (seed ${random.seed})`, () => {
  for (const [name, makeCall] of Object.entries(FUZZED_CALLS)) {
    it(`${name}: ${FUZZ_CASES_PER_FUNCTION} fuzzed calls throw only ZkLiteError, the same in both implementations`, () => {
      let rejected = 0;
      for (let i = 0; i < FUZZ_CASES_PER_FUNCTION; i++) {
        const call = makeCall();
        const [wasmResult, tsResult] = IMPLEMENTATIONS.map(({ api }) => describeOutcome(outcome(() => call(api))));
        expect(tsResult, `case ${i}`).toEqual(wasmResult);
        if (typeof wasmResult === "object" && wasmResult !== null && "code" in wasmResult) rejected++;
      }
      expect(rejected).toBeGreaterThan(0);
      expect(consoleError).not.toHaveBeenCalled();
    });
  }

  it("names the problem with a stable code", () => {
    for (const { api } of IMPLEMENTATIONS) {
      expect(outcome(() => api.privateKeyFromSeed(new Uint8Array(31)))).toEqual({ code: "INVALID_SEED" });
      expect(outcome(() => api.privateKeyToPubKey(new Uint8Array(32)))).toEqual({ code: "INVALID_PRIVATE_KEY" });
      expect(outcome(() => api.privateKeyToPubKey(bigIntToBytesBE(SUBGROUP_ORDER, 32)))).toEqual({ code: "INVALID_PRIVATE_KEY" });
      expect(outcome(() => api.privateKeyToPubKey(new Uint8Array(33)))).toEqual({ code: "INVALID_PRIVATE_KEY" });
      expect(outcome(() => api.pubKeyHash(new Uint8Array(32).fill(0xff)))).toEqual({ code: "INVALID_PUBLIC_KEY" });
      expect(outcome(() => api.pubKeyHash(new Uint8Array(33)))).toEqual({ code: "INVALID_LENGTH" });
      expect(outcome(() => api.signMusig(bigIntToBytesBE(1n, 32), new Uint8Array(93)))).toEqual({ code: "MESSAGE_TOO_LONG" });
      expect(outcome(() => api.verifyMusig(new Uint8Array(1), new Uint8Array(95)))).toEqual({ code: "INVALID_LENGTH" });
      expect(outcome(() => api.verifyMusig(new Uint8Array(93), new Uint8Array(96)))).toEqual({ code: "MESSAGE_TOO_LONG" });
      expect(outcome(() => api.verifyMusig(new Uint8Array(1), new Uint8Array(96)))).toEqual({ value: false });
      expect(outcome(() => api.rescueHashTxMsg(new Uint8Array(93)))).toEqual({ code: "MESSAGE_TOO_LONG" });
      expect(outcome(() => api.rescueHashOrders(new Uint8Array(177)))).toEqual({ code: "INVALID_LENGTH" });
      expect(outcome(() => api.rescueHashOrders([] as unknown as Uint8Array))).toEqual({ code: "INVALID_INPUT_TYPE" });
    }
  });
});
