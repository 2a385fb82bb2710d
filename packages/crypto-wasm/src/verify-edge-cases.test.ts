/**
 * Signatures crafted to hit each verification check, on both implementations: torsion components in
 * the public key or in R (caught only by the subgroup checks or the exact equation), a non-canonical
 * s, and the identity public key (which zkSync accepts; see README).
 */
import { concatBytes } from "@noble/hashes/utils.js";
import { beforeAll, describe, expect, it } from "vitest";
import { IMPLEMENTATIONS, initWasm } from "../test/implementations.js";
import { TestRandom } from "../test/random.js";
import { bigIntToBytesLE, bytesToBigIntBE } from "./ts/bytes.js";
import { musigChallenge } from "./ts/challenge.js";
import { SUBGROUP_ORDER } from "./ts/curve-params.js";
import { FR_MODULUS } from "./ts/field.js";
import { multiplyGenerator } from "./ts/generator.js";
import { AltBabyJubjubPoint } from "./ts/point.js";
import { compressPoint } from "./ts/point-encoding.js";
import { rescueHashTxMsg } from "./ts/tx-message-hash.js";

const random = new TestRandom();
const ORDER_TWO = AltBabyJubjubPoint.fromAffine({ x: 0n, y: FR_MODULUS - 1n });
const message = Uint8Array.of(0xfa, 0x01, 2, 3);
const messageHash = rescueHashTxMsg(message);
const randomScalar = (): bigint => (bytesToBigIntBE(random.bytes(40)) % (SUBGROUP_ORDER - 1n)) + 1n;

function encode(publicKey: AltBabyJubjubPoint, nonceCommitment: AltBabyJubjubPoint, s: bigint): Uint8Array {
  return concatBytes(compressPoint(publicKey), compressPoint(nonceCommitment), bigIntToBytesLE(s, 32));
}

/**
 * A' = A + T (T of order 2) with a nonce chosen so that the challenge c' is even: then c'·A' = c'·A and
 * c'·A' + R = s·G holds exactly, so only the subgroup check on A' can reject it.
 */
function torsionPublicKeySignature(): { signature: Uint8Array; equationHolds: boolean } {
  const secret = randomScalar();
  const publicKey = multiplyGenerator(secret).add(ORDER_TWO);
  for (;;) {
    const nonce = randomScalar();
    const nonceCommitment = multiplyGenerator(nonce);
    const challenge = musigChallenge(publicKey.toAffine().x, nonceCommitment.toAffine().x, messageHash);
    if (challenge % 2n !== 0n) continue;
    const s = (nonce + challenge * secret) % SUBGROUP_ORDER;
    const equationHolds = publicKey.multiply(challenge).add(nonceCommitment).equals(multiplyGenerator(s));
    return { signature: encode(publicKey, nonceCommitment, s), equationHolds };
  }
}

beforeAll(initWasm);

describe.each(IMPLEMENTATIONS)(`verification edge cases: $name (seed ${random.seed})`, ({ api }) => {
  it("rejects a public key with a torsion component even when the equation holds", () => {
    const { signature, equationHolds } = torsionPublicKeySignature();
    expect(equationHolds).toBe(true);
    expect(api.verifyMusig(message, signature)).toBe(false);
  });

  it("rejects R with a torsion component (8·(c·A + R − s·G) = O would hold)", () => {
    const secret = randomScalar();
    const nonce = randomScalar();
    const publicKey = multiplyGenerator(secret);
    const nonceCommitment = multiplyGenerator(nonce).add(ORDER_TWO);
    const challenge = musigChallenge(publicKey.toAffine().x, nonceCommitment.toAffine().x, messageHash);
    const s = (nonce + challenge * secret) % SUBGROUP_ORDER;
    expect(api.verifyMusig(message, encode(publicKey, nonceCommitment, s))).toBe(false);
  });

  it("rejects s + l in place of s", () => {
    const privateKey = bigIntToBytesLE(randomScalar(), 32).reverse();
    const signature = api.signMusig(privateKey, message);
    const s = BigInt(`0x${Buffer.from(signature.slice(64)).reverse().toString("hex")}`);
    expect(api.verifyMusig(message, signature)).toBe(true);
    if (s + SUBGROUP_ORDER < 1n << 256n) {
      const nonCanonical = Uint8Array.from(signature);
      nonCanonical.set(bigIntToBytesLE(s + SUBGROUP_ORDER, 32), 64);
      expect(api.verifyMusig(message, nonCanonical)).toBe(false);
    }
  });

  it("accepts R = s·G under the identity public key, exactly as zksync-crypto does", () => {
    const s = randomScalar();
    expect(api.verifyMusig(message, encode(AltBabyJubjubPoint.IDENTITY, multiplyGenerator(s), s))).toBe(true);
  });
});
