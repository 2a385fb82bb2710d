import { Wallet, verifyMessage, Signature } from "ethers";
import { describe, expect, it } from "vitest";
import { recoverPersonalSigner } from "./eth-recover.js";

describe("recoverPersonalSigner", () => {
  it("recovers the signer exactly as ethers does, on random keys and messages", async () => {
    for (let i = 0; i < 40; i++) {
      const wallet = Wallet.createRandom();
      const message = `Transfer ${i}.5 ETH to: ${Wallet.createRandom().address.toLowerCase()}\nFee: 0.01 ETH\nNonce: ${i}`;
      const signature = await wallet.signMessage(message);
      expect(recoverPersonalSigner(message, signature)).toBe(wallet.address.toLowerCase());
      expect(recoverPersonalSigner(message, signature)).toBe(verifyMessage(message, signature).toLowerCase());
      expect(recoverPersonalSigner(`${message} `, signature)).not.toBe(wallet.address.toLowerCase());
    }
  });

  it("takes v as 27/28 or 0/1 and the high-s twin like ethers, and refuses garbage", async () => {
    const wallet = Wallet.createRandom();
    const message = "hello";
    const signature = Signature.from(await wallet.signMessage(message));
    const compact = signature.r.slice(2) + signature.s.slice(2);
    for (const v of [signature.v, signature.v - 27]) {
      const text = `0x${compact}${v.toString(16).padStart(2, "0")}`;
      expect(recoverPersonalSigner(message, text)).toBe(verifyMessage(message, text).toLowerCase());
    }
    const n = 0xfffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364141n;
    const highS = (n - BigInt(signature.s)).toString(16).padStart(64, "0");
    const twin = `0x${signature.r.slice(2)}${highS}${(signature.v === 27 ? 28 : 27).toString(16)}`;
    let ethersAnswer: string | undefined;
    try {
      ethersAnswer = verifyMessage(message, twin).toLowerCase();
    } catch {
      ethersAnswer = undefined;
    }
    expect(recoverPersonalSigner(message, twin)).toBe(ethersAnswer);
    for (const garbage of ["", "0x", "0x1234", `0x${"00".repeat(65)}`, "not hex"]) expect(recoverPersonalSigner(message, garbage)).toBeUndefined();
  });
});
