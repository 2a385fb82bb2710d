// Browser entry of the SDK bundle test: exposes one function the Playwright test calls.
import { fastEngineKind } from "@zklite/crypto-wasm";
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

/** Signs in the page and says which crypto engine did it (the fast WebAssembly engine is expected). */
async function signTransfer(request: TransferRequest): Promise<{ signed: unknown; engine: string | undefined }> {
  const signer = Signer.fromPrivateKey(hexToBytes(request.privateKeyHex));
  const signed = await signer.signSyncTransfer(request.transfer);
  return { signed, engine: fastEngineKind() };
}

Object.assign(globalThis, { zkliteSignTransfer: signTransfer, zkliteReady: true });
