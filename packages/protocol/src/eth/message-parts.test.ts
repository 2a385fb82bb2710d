import { toUtf8String, verifyMessage, Wallet } from "ethers";
import { describe, expect, it } from "vitest";
import { txFromSignerData } from "../testing/vector-txs.js";
import { withVectors, type VectorFile } from "../testing/vector-file.js";
import type { OrderInput, TxInput } from "../tx/types.js";
import {
  getEthSignMessage,
  getMintNFTEthMessagePart,
  getOrderEthSignMessage,
  getSwapEthSignMessagePart,
  getTransferEthMessagePart,
  getWithdrawEthMessagePart,
  getWithdrawNFTEthMessagePart,
} from "./message-parts.js";
import { orderEthSignMessage, txEthSignMessage } from "./tx-messages.js";

type Item = VectorFile["txTest"]["items"][number];
type SignData = Parameters<typeof getTransferEthMessagePart>[0] &
  Parameters<typeof getWithdrawEthMessagePart>[0] &
  Parameters<typeof getMintNFTEthMessagePart>[0] &
  Parameters<typeof getWithdrawNFTEthMessagePart>[0] &
  Parameters<typeof getSwapEthSignMessagePart>[0] &
  Parameters<typeof getOrderEthSignMessage>[0];

/** The message from the vector's zksync.js `ethSignData` strings. */
function messageFromSignData(type: string, data: SignData): string {
  switch (type) {
    case "Transfer":
      return getEthSignMessage(getTransferEthMessagePart(data), data.nonce);
    case "Withdraw":
      return getEthSignMessage(getWithdrawEthMessagePart(data), data.nonce);
    case "MintNFT":
      return getEthSignMessage(getMintNFTEthMessagePart(data), data.nonce);
    case "WithdrawNFT":
      return getEthSignMessage(getWithdrawNFTEthMessagePart(data), data.nonce);
    case "Swap":
      return getEthSignMessage(getSwapEthSignMessagePart(data), data.nonce);
    case "Order":
      return getOrderEthSignMessage(data);
    default:
      throw new Error(`no text message for ${type}`);
  }
}

/** Token decimals under which the vector's raw amounts format to its `ethSignData` strings. */
const VECTOR_TOKENS: Record<string, { symbol: string; decimals: number }[]> = {
  Transfer: [{ symbol: "ETH", decimals: 0 }],
  Withdraw: [{ symbol: "ETH", decimals: 0 }],
  MintNFT: [{ symbol: "ETH", decimals: 0 }],
  WithdrawNFT: [{ symbol: "ETH", decimals: 0 }],
  Swap: [{ symbol: "USDT", decimals: 1 }],
  Order: [
    { symbol: "ETH", decimals: 3 },
    { symbol: "DAI", decimals: 18 },
  ],
};

const textItems = (vectors: VectorFile): Item[] =>
  vectors.txTest.items.filter((item) => item.outputs.ethSignMessage !== null && item.inputs.type !== "ChangePubKey");

describe("Ethereum message texts", () => {
  it(
    "rebuild every txTest ethSignMessage text from its ethSignData, and the vector signature signs it",
    withVectors((vectors) => {
      const items = textItems(vectors);
      expect(items.map((item) => item.inputs.type).sort()).toEqual(["MintNFT", "Order", "Swap", "Transfer", "Withdraw", "WithdrawNFT"]);
      for (const { inputs, outputs } of items) {
        const expected = toUtf8String(outputs.ethSignMessage as string);
        const message = messageFromSignData(inputs.type, inputs.ethSignData as unknown as SignData);
        expect(message, inputs.type).toBe(expected);
        expect(verifyMessage(message, outputs.ethSignature as string)).toBe(new Wallet(inputs.ethPrivateKey).address);
      }
    }),
  );

  it(
    "rebuild the same texts from the transactions' raw amounts and token decimals",
    withVectors((vectors) => {
      for (const { inputs, outputs } of textItems(vectors)) {
        const tx = txFromSignerData(inputs.type, inputs.data);
        const [token, buyToken] = VECTOR_TOKENS[inputs.type] ?? [];
        if (token === undefined) throw new Error(`no tokens for ${inputs.type}`);
        const message =
          inputs.type === "Order"
            ? orderEthSignMessage(tx as unknown as OrderInput, token, buyToken ?? token)
            : txEthSignMessage({ ...tx, type: inputs.type } as Exclude<TxInput, { type: "ChangePubKey" }>, token);
        expect(message, inputs.type).toBe(toUtf8String(outputs.ethSignMessage as string));
      }
    }),
  );

  it("omit zero amounts and fees, and write limit orders", () => {
    const to = "0x19AA2ED8712072E918632259780E587698EF58DF";
    const lower = to.toLowerCase();
    expect(getTransferEthMessagePart({ stringAmount: null, stringFee: "1.0", stringToken: "ETH", to })).toBe("Fee: 1.0 ETH");
    expect(getTransferEthMessagePart({ stringAmount: "2.5", stringFee: null, stringToken: "ETH", to })).toBe(`Transfer 2.5 ETH to: ${lower}`);
    expect(getEthSignMessage("", 7)).toBe("Nonce: 7");
    expect(getSwapEthSignMessagePart({ fee: "0", feeToken: "ETH" })).toBe("");
    expect(getOrderEthSignMessage({ tokenSell: "ETH", tokenBuy: "DAI", recipient: to, amount: null, ratio: [1n, "2"], nonce: 3 })).toBe(
      `Limit order for ETH -> DAI\nRatio: 1:2\nAddress: ${lower}\nNonce: 3`,
    );
    expect(getWithdrawNFTEthMessagePart({ token: 65536, to, stringFee: null, stringFeeToken: "ETH" })).toBe(`WithdrawNFT 65536 to: ${lower}`);
  });
});
