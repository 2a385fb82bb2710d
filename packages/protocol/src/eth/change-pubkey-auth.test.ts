import fc from "fast-check";
import { concat, getAddress, getCreate2Address, hexlify, keccak256, solidityPacked, toUtf8String, TypedDataEncoder, verifyMessage, Wallet } from "ethers";
import { describe, expect, it } from "vitest";
import { accountIdArb, addressArb, hash32Arb, nonceArb, pubKeyHashArb } from "../testing/arbitraries.js";
import { withVectors } from "../testing/vector-file.js";
import {
  getChangePubKeyEip712Digest,
  getChangePubKeyEthWitness,
  getChangePubkeyLegacyMessage,
  getChangePubkeyMessage,
  getChangePubKeyTypedData,
  getCreate2AddressAndSalt,
} from "./change-pubkey-auth.js";

const pkhHex = (pkh: string) => pkh.replace("sync:", "0x");

describe("ChangePubKey authorization", () => {
  it(
    "builds the txTest ChangePubKey ethSignMessage, which the vector signature signs",
    withVectors((vectors) => {
      const item = vectors.txTest.items.find((it) => it.inputs.type === "ChangePubKey");
      if (item === undefined) throw new Error("no ChangePubKey vector");
      const data = item.inputs.ethSignData as { pubKeyHash: string; nonce: number; accountId: number };
      const message = getChangePubkeyMessage(data.pubKeyHash, data.nonce, data.accountId);
      expect(hexlify(message)).toBe(item.outputs.ethSignMessage);
      expect(verifyMessage(message, item.outputs.ethSignature as string)).toBe(new Wallet(item.inputs.ethPrivateKey).address);
    }),
  );

  it("lays out the 60-byte message as pkh ‖ nonce ‖ accountId ‖ batchHash", () => {
    fc.assert(
      fc.property(pubKeyHashArb, nonceArb, accountIdArb, hash32Arb, (pkh, nonce, accountId, batchHash) => {
        const expected = solidityPacked(["bytes20", "uint32", "uint32", "bytes32"], [pkhHex(pkh), nonce, accountId, batchHash]);
        expect(hexlify(getChangePubkeyMessage(pkh, nonce, accountId, batchHash))).toBe(expected);
      }),
    );
  });

  it("writes the legacy text message", () => {
    const text = toUtf8String(getChangePubkeyLegacyMessage("sync:18E8446D7748F2DE52B28345BDBC76160E6B35EB", 13, 55));
    expect(text).toBe(
      "Register zkSync pubkey:\n\n18e8446d7748f2de52b28345bdbc76160e6b35eb\nnonce: 0x0000000d\naccount id: 0x00000037\n\n" +
        "Only sign this message for a trusted client!",
    );
  });

  it("hashes EIP-712 typed data like ethers", () => {
    fc.assert(
      fc.property(pubKeyHashArb, nonceArb, accountIdArb, fc.integer({ min: 1, max: 2 ** 40 }), (pkh, nonce, accountId, chainId) => {
        const { domain, types, message } = getChangePubKeyTypedData(pkh, nonce, accountId, chainId);
        expect(domain).toEqual({ name: "ZkSync", version: "1.0", chainId });
        expect(hexlify(getChangePubKeyEip712Digest(pkh, nonce, accountId, chainId))).toBe(TypedDataEncoder.hash(domain, types, message));
      }),
      { numRuns: 50 },
    );
  });

  it("derives the CREATE2 address like ethers' getCreate2Address", () => {
    fc.assert(
      fc.property(pubKeyHashArb, addressArb, hash32Arb, hash32Arb, (pkh, creatorAddress, saltArg, codeHash) => {
        const salt = keccak256(concat([saltArg, pkhHex(pkh)]));
        const { address, salt: gotSalt } = getCreate2AddressAndSalt(pkh, { creatorAddress, saltArg, codeHash });
        expect(gotSalt).toBe(salt);
        expect(getAddress(address)).toBe(getCreate2Address(creatorAddress, salt, codeHash));
      }),
      { numRuns: 50 },
    );
  });

  it("writes each variant's ethWitness with the contract's type byte", () => {
    const r = "11".repeat(64);
    expect(getChangePubKeyEthWitness({ ethAuthData: { type: "Onchain" } })).toEqual(new Uint8Array());
    expect(hexlify(getChangePubKeyEthWitness({ ethAuthData: { type: "ECDSA", ethSignature: `0x${r}01` } }))).toBe(`0x00${r}1c`);
    expect(hexlify(getChangePubKeyEthWitness({ ethAuthData: { type: "EIP712", ethSignature: `0x${r}1b` } }))).toBe(`0x04${r}1b`);
    expect(hexlify(getChangePubKeyEthWitness({ ethSignature: `0x${r}00` }))).toBe(`0x02${r}1b`);
    expect(getChangePubKeyEthWitness({})).toEqual(new Uint8Array());
    const creatorAddress = `0x${"ab".repeat(20)}`;
    const saltArg = `0x${"cd".repeat(32)}`;
    const codeHash = `0x${"ef".repeat(32)}`;
    expect(hexlify(getChangePubKeyEthWitness({ ethAuthData: { type: "CREATE2", creatorAddress, saltArg, codeHash } }))).toBe(
      `0x01${"ab".repeat(20)}${"cd".repeat(32)}${"ef".repeat(32)}`,
    );
  });
});
