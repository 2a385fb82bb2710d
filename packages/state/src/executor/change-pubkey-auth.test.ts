import { getChangePubKeyTypedData, getChangePubkeyLegacyMessage, getChangePubkeyMessage, type ChangePubKey } from "@zklite/protocol";
import { secp256k1 } from "@noble/curves/secp256k1.js";
import { TypedDataEncoder, Wallet, getBytes, hashMessage, toBeHex } from "ethers";
import { describe, expect, it } from "vitest";
import { changePubKey, pubKeyHash } from "../../test/fixtures.js";
import { ethereumChangePubKeyAuth, type ChangePubKeyL1 } from "./change-pubkey-auth.js";
import { NO_ONCHAIN_AUTH_FACTS } from "./onchain-auth-facts.js";

// ethers (an independent secp256k1 implementation) signs; the variants are built from its (r, s, v).
const owner = new Wallet(`0x${"42".repeat(32)}`);
const CHAIN_ID = 31337;
const L1: ChangePubKeyL1 = { chainId: CHAIN_ID, onchainAuthFacts: NO_ONCHAIN_AUTH_FACTS };
const SECP256K1_N = 0xfffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364141n;
const ACCOUNT_ID = 9;
const NEW_KEY = pubKeyHash(ACCOUNT_ID);

/** r ‖ s ‖ v with v written as given (0/1 or 27/28), and the same signature with s replaced by n − s. */
function variants(digest: string): { v0or1: string; v27or28: string; highS: string; highSFlippedV: string } {
  const sig = owner.signingKey.sign(digest);
  const parity = sig.yParity;
  const highS = toBeHex(SECP256K1_N - BigInt(sig.s), 32);
  const pack = (s: string, v: number) => `${sig.r}${s.slice(2)}${v.toString(16).padStart(2, "0")}`;
  return {
    v0or1: pack(sig.s, parity),
    v27or28: pack(sig.s, 27 + parity),
    highS: pack(highS, 27 + parity),
    highSFlippedV: pack(highS, 27 + (1 - parity)),
  };
}

function tx(fields: Partial<ChangePubKey>): ChangePubKey {
  return changePubKey(ACCOUNT_ID, { account: owner.address, newPkHash: NEW_KEY, nonce: 3, ...fields });
}

const check = (t: ChangePubKey) => ethereumChangePubKeyAuth.check(t, owner.address, L1);

describe("ethereumChangePubKeyAuth", () => {
  const ecdsaDigest = hashMessage(getChangePubkeyMessage(NEW_KEY, 3, ACCOUNT_ID));
  const legacyDigest = hashMessage(getChangePubkeyLegacyMessage(NEW_KEY, 3, ACCOUNT_ID));
  const typed = getChangePubKeyTypedData(NEW_KEY, 3, ACCOUNT_ID, CHAIN_ID);
  const eip712Digest = TypedDataEncoder.hash(typed.domain, typed.types, typed.message);
  const cases = [
    ["ECDSA", ecdsaDigest, (ethSignature: string) => tx({ ethAuthData: { type: "ECDSA", ethSignature } })],
    ["legacy", legacyDigest, (ethSignature: string) => tx({ ethAuthData: undefined, ethSignature })],
    ["EIP712", eip712Digest, (ethSignature: string) => tx({ ethAuthData: { type: "EIP712", ethSignature } })],
  ] as const;

  for (const [name, digest, make] of cases) {
    it(`${name}: v of 0/1 and 27/28 alike; high s refused (as OpenZeppelin's ECDSA on L1)`, () => {
      const v = variants(digest);
      // (r, n − s) is a valid signature of the same digest by the same key, only not in EIP-2's canonical form
      const malleated = getBytes(v.highSFlippedV).subarray(0, 64);
      expect(secp256k1.verify(malleated, getBytes(digest), getBytes(owner.signingKey.publicKey), { prehash: false, lowS: false, format: "compact" })).toBe(true);
      expect(check(make(v.v0or1))).toBe("authorized");
      expect(check(make(v.v27or28))).toBe("authorized");
      expect(check(make(v.highSFlippedV))).toBe("invalid");
      expect(check(make(v.highS))).toBe("invalid");
      for (const badV of [2, 26, 29, 255]) expect(check(make(`${v.v0or1.slice(0, -2)}${badV.toString(16).padStart(2, "0")}`))).toBe("invalid");
    });
  }

  it("EIP712 is checked for the L1's chain id only (the tx's chainId field, unseen by L1, does not count)", () => {
    const signature = variants(eip712Digest).v27or28;
    const eip712 = tx({ ethAuthData: { type: "EIP712", ethSignature: signature } });
    expect(ethereumChangePubKeyAuth.check(eip712, owner.address, { ...L1, chainId: undefined })).toBe("chain-id-mismatch");
    expect(check({ ...eip712, chainId: 1 })).toBe("authorized");
    expect(check({ ...eip712, chainId: CHAIN_ID })).toBe("authorized");
    expect(ethereumChangePubKeyAuth.check(eip712, owner.address, { ...L1, chainId: 1 })).toBe("invalid");
  });

  it("malformed signatures are invalid, not thrown", () => {
    for (const ethSignature of ["0x", "0x1234", `0x${"00".repeat(65)}`, `0x${"ff".repeat(65)}`, "not hex"]) {
      expect(check(tx({ ethAuthData: { type: "ECDSA", ethSignature } }))).toBe("invalid");
    }
  });
});
