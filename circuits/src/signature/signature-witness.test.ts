import { randomBytes, randomInt } from "node:crypto";
import { describe, expect, it } from "vitest";
import { init, privateKeyFromSeed, rescueHashTxMsg, signMusig, verifyMusig, SUBGROUP_ORDER } from "@zklite/crypto-wasm";
import { AltBabyJubjubPoint, compressPoint, rescueHash } from "@zklite/crypto-wasm/ts";
import { dummySignatureSlot } from "./dummy-signature-slot.js";
import { signatureWitness, type ZkSyncSignature } from "./signature-witness.js";
import { txMessageFields } from "./tx-message-fields.js";

const hex = (bytes: Uint8Array): string => Buffer.from(bytes).toString("hex");
const littleEndian32 = (value: bigint): Uint8Array => Uint8Array.from({ length: 32 }, (_, i) => Number((value >> BigInt(8 * i)) & 0xffn));
const asJson = (signed: Uint8Array): ZkSyncSignature => ({ pubKey: hex(signed.subarray(0, 32)), signature: hex(signed.subarray(32)) });
const code = (expected: string) => expect.objectContaining({ name: "ZkLiteError", code: expected });

describe("txMessageFields", () => {
  it("packs messages of 0..92 bytes so that RescueHash of the fields is the tx-message hash", async () => {
    await init();
    for (const length of [0, 1, 31, 32, 33, 63, 64, 91, 92, randomInt(1, 93)]) {
      const message = randomBytes(length);
      const fields = txMessageFields(message);
      expect(fields).toHaveLength(3);
      expect(hex(littleEndian32(rescueHash([...fields])))).toBe(hex(rescueHashTxMsg(message)));
    }
  });

  it("puts the first byte's most significant bit at weight 2^0 and 253 bits in a field", () => {
    expect(txMessageFields(Uint8Array.of(0x80))).toEqual([1n, 0n, 0n]);
    expect(txMessageFields(Uint8Array.of(0x01))).toEqual([1n << 7n, 0n, 0n]);
    const message = new Uint8Array(92);
    message[31] = 0x04; // bit 253 of the message (MSB-first numbering): the second field's bit 0
    expect(txMessageFields(message)).toEqual([0n, 1n, 0n]);
    expect(txMessageFields(new Uint8Array(92).fill(0xff))).toEqual([(1n << 253n) - 1n, (1n << 253n) - 1n, (1n << 230n) - 1n]);
  });

  it("rejects messages longer than 92 bytes and non-bytes", () => {
    expect(() => txMessageFields(new Uint8Array(93))).toThrow(code("MESSAGE_TOO_LONG"));
    expect(() => txMessageFields("00" as unknown as Uint8Array)).toThrow(code("INVALID_INPUT_TYPE"));
  });
});

describe("signatureWitness", () => {
  it("decodes A, R and s of real signatures", async () => {
    await init();
    for (let i = 0; i < 5; i++) {
      const signed = signMusig(privateKeyFromSeed(randomBytes(32)), randomBytes(randomInt(1, 93)));
      const witness = signatureWitness(asJson(signed));
      expect(hex(compressPoint(AltBabyJubjubPoint.fromAffine({ x: witness.pkx, y: witness.pky })))).toBe(hex(signed.subarray(0, 32)));
      expect(hex(compressPoint(AltBabyJubjubPoint.fromAffine({ x: witness.rx, y: witness.ry })))).toBe(hex(signed.subarray(32, 64)));
      expect(hex(littleEndian32(witness.s))).toBe(hex(signed.subarray(64)));
      const prefixed = signatureWitness({ pubKey: `0x${hex(signed.subarray(0, 32))}`, signature: `0x${hex(signed.subarray(32))}` });
      expect(prefixed).toEqual(witness);
    }
  });

  it("rejects malformed signatures", async () => {
    await init();
    const json = asJson(signMusig(privateKeyFromSeed(randomBytes(32)), randomBytes(10)));
    const notAPoint = hex(littleEndian32(2n)); // y = 2 has no x on the curve
    const cases: [ZkSyncSignature, string][] = [
      [{ ...json, pubKey: json.pubKey.slice(2) }, "INVALID_PUBLIC_KEY"],
      [{ ...json, pubKey: `${json.pubKey.slice(2)}zz` }, "INVALID_PUBLIC_KEY"],
      [{ ...json, pubKey: notAPoint }, "INVALID_PUBLIC_KEY"],
      [{ ...json, pubKey: 5 as unknown as string }, "INVALID_PUBLIC_KEY"],
      [{ ...json, signature: json.signature.slice(0, 126) }, "INVALID_SIGNATURE"],
      [{ ...json, signature: notAPoint + json.signature.slice(64) }, "INVALID_SIGNATURE"],
      [{ ...json, signature: json.signature.slice(0, 64) + hex(littleEndian32(SUBGROUP_ORDER)) }, "INVALID_SIGNATURE"],
    ];
    for (const [signature, expected] of cases) expect(() => signatureWitness(signature)).toThrow(code(expected));
    expect(() => signatureWitness({ ...json, signature: json.signature.slice(0, 64) + hex(littleEndian32(SUBGROUP_ORDER - 1n)) })).not.toThrow();
  });
});

describe("dummySignatureSlot", () => {
  it("is a valid signature of the all-zero 92-byte message, computed once", async () => {
    await init();
    const slot = dummySignatureSlot();
    expect(dummySignatureSlot()).toBe(slot);
    expect(slot.msg).toEqual([0n, 0n, 0n]);
    const signed = new Uint8Array([
      ...compressPoint(AltBabyJubjubPoint.fromAffine({ x: slot.pkx, y: slot.pky })),
      ...compressPoint(AltBabyJubjubPoint.fromAffine({ x: slot.rx, y: slot.ry })),
      ...littleEndian32(slot.s),
    ]);
    expect(verifyMusig(new Uint8Array(92), signed)).toBe(true);
    expect(verifyMusig(Uint8Array.of(1), signed)).toBe(false);
    // shorter all-zero messages pad to the same 736 bits, hence the same hash
    expect(verifyMusig(new Uint8Array(1), signed)).toBe(true);
  });
});
