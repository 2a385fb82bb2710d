/**
 * Browser and bundler loader (package.json `imports` → `#zksync-crypto-loader`, default condition):
 * zksync-crypto's web build, an ES module with the wasm inlined as base64. It is imported lazily, only
 * when init() runs, because evaluating it reads `window.atob`.
 */
import type { ZkSyncCryptoBindings } from "../wasm/bindings.js";

interface ZkSyncCryptoWebBuild extends ZkSyncCryptoBindings {
  /** Instantiates the inlined wasm (without an argument); must finish before any other call. */
  loadZkSyncCrypto(wasmFileUrl?: string): Promise<void>;
}

export async function loadZkSyncCryptoBindings(): Promise<ZkSyncCryptoBindings> {
  const webBuild = await withWindowGlobal(
    async () => (await import("zksync-crypto/dist/zksync-crypto-web.js")) as unknown as ZkSyncCryptoWebBuild,
  );
  await webBuild.loadZkSyncCrypto();
  return webBuild;
}

/**
 * The web build only needs `window.atob` while it is evaluated. Web Workers (and other non-window
 * realms with atob) have no `window`, so one points at globalThis for that moment and is removed again.
 */
async function withWindowGlobal<T>(evaluate: () => Promise<T>): Promise<T> {
  const realm = globalThis as { window?: unknown };
  if (realm.window !== undefined) return evaluate();
  realm.window = globalThis;
  try {
    return await evaluate();
  } finally {
    delete realm.window;
  }
}
