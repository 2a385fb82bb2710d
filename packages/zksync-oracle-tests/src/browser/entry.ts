// Browser entry of the SDK bundle test: exposes one function the Playwright test calls.
import { Signer } from "@zklite/sdk";

interface TransferRequest {
  privateKeyHex: string;
  transfer: {
    accountId: number;
    from: string;
    to: string;
    tokenId: number;
    amount: string;
    fee: string;
    nonce: number;
    validFrom: number;
    validUntil: number;
  };
}

function hexToBytes(hex: string): Uint8Array {
  const clean = hex.startsWith("0x") ? hex.slice(2) : hex;
  return Uint8Array.from(clean.match(/../g) ?? [], (byte) => parseInt(byte, 16));
}

async function signTransfer(request: TransferRequest): Promise<unknown> {
  const signer = Signer.fromPrivateKey(hexToBytes(request.privateKeyHex));
  return signer.signSyncTransfer(request.transfer);
}

Object.assign(globalThis, { zkliteSignTransfer: signTransfer, zkliteReady: true });
