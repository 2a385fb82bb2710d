// zkSync's own vectors through the public signing surface: the L2 key derived by
// `Signer.fromETHSignature` from the vector's Ethereum key, each tx signed by `Signer` (sign bytes and
// zk signature), and the Ethereum message and signature made by `EthMessageSigner`.
import { Wallet } from "ethers";
import { describe, expect, it } from "vitest";
import { EthMessageSigner, Signer, utils } from "./index.js";
import { withVectors, type VectorFile } from "@zklite/protocol/testing";

type TxItem = VectorFile["txTest"]["items"][number];

async function signWithSigner(signer: Signer, item: TxItem): Promise<{ signature: unknown; bytes: Uint8Array }> {
  const data = item.inputs.data as never;
  const signed = await (async () => {
    switch (item.inputs.type) {
      case "Transfer": return signer.signSyncTransfer(data);
      case "Withdraw": return signer.signSyncWithdraw(data);
      case "ChangePubKey": return signer.signSyncChangePubKey(data);
      case "ForcedExit": return signer.signSyncForcedExit(data);
      case "MintNFT": return signer.signMintNFT(data);
      case "WithdrawNFT": return signer.signWithdrawNFT(data);
      case "Order": return signer.signSyncOrder(data);
      case "Swap": return signer.signSyncSwap(data);
      default: throw new Error(`unknown vector type ${item.inputs.type}`);
    }
  })();
  const bytes = item.inputs.type === "Order" ? utils.serializeOrder(signed as never) : await utils.serializeTx(signed as never);
  return { signature: signed.signature, bytes };
}

function ethMessage(signer: EthMessageSigner, item: TxItem): string | Uint8Array {
  const data = item.inputs.ethSignData as never;
  switch (item.inputs.type) {
    case "Transfer": return signer.getTransferEthSignMessage(data);
    case "Withdraw": return signer.getWithdrawEthSignMessage(data);
    case "ChangePubKey": return signer.getChangePubKeyEthSignMessage(data);
    case "ForcedExit": return signer.getForcedExitEthSignMessage(data);
    case "MintNFT": return signer.getMintNFTEthSignMessage(data);
    case "WithdrawNFT": return signer.getWithdrawNFTEthSignMessage(data);
    case "Order": return signer.getOrderEthSignMessage(data);
    case "Swap": return signer.getSwapEthSignMessage(data);
    default: throw new Error(`unknown vector type ${item.inputs.type}`);
  }
}

const hex = (bytes: Uint8Array): string => "0x" + Buffer.from(bytes).toString("hex");

describe("zkSync test vectors through Signer and EthMessageSigner", () => {
  it(
    "derives the key, signs every tx type and every Ethereum message exactly as the vectors say",
    withVectors(async (vectors) => {
      expect(vectors.txTest.items.length).toBeGreaterThanOrEqual(8);
      for (const item of vectors.txTest.items) {
        const wallet = new Wallet(item.inputs.ethPrivateKey);
        const { signer, ethSignatureType } = await Signer.fromETHSignature(wallet);
        expect(ethSignatureType).toEqual({ verificationMethod: "ECDSA", isSignedMsgPrefixed: true });
        const { signature, bytes } = await signWithSigner(signer, item);
        expect(hex(bytes), item.inputs.type).toBe(item.outputs.signBytes);
        expect(signature, item.inputs.type).toEqual(item.outputs.signature);

        if (item.inputs.ethSignData === null) continue;
        const ethSigner = new EthMessageSigner(wallet, ethSignatureType);
        const message = ethMessage(ethSigner, item);
        const messageBytes = typeof message === "string" ? new TextEncoder().encode(message) : message;
        expect(hex(messageBytes), item.inputs.type).toBe(item.outputs.ethSignMessage);
        const ethSignature = await ethSigner.getEthMessageSignature(message);
        expect(ethSignature, item.inputs.type).toEqual({ type: "EthereumSignature", signature: item.outputs.ethSignature });
      }
    }),
  );

  it(
    "the cryptoPrimitivesTest seed gives the vector's key through Signer.fromSeed",
    withVectors(async (vectors) => {
      const raw = vectors as unknown as {
        cryptoPrimitivesTest: { items: { inputs: { seed: string; message: string }; outputs: { pubKey: string; signature: string } }[] };
      };
      for (const item of raw.cryptoPrimitivesTest.items) {
        const signer = await Signer.fromSeed(Buffer.from(item.inputs.seed.replace(/^0x/, ""), "hex"));
        // The Signer has no raw-message API; the vector's pubKey must hash to the signer's PubKeyHash.
        const { pubKeyHash } = await import("@zklite/crypto-wasm");
        const expected = "sync:" + Buffer.from(pubKeyHash(Buffer.from(item.outputs.pubKey.replace(/^0x/, ""), "hex"))).toString("hex");
        expect(await signer.pubKeyHash()).toBe(expected);
      }
    }),
  );
});
