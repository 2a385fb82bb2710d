// Browser entry of the Provider bundle test (bundled by esbuild for platform "browser"): exposes the SDK's
// Provider to the page, which the Playwright test drives.
import { Provider } from "@zklite/sdk";

(globalThis as { zklite?: unknown }).zklite = {
  async state(url: string, address: string) {
    return Provider.newHttpProvider(url).getState(address);
  },
  async submitAndWait(url: string, tx: unknown, signature: unknown) {
    const provider = Provider.newHttpProvider(url);
    const hash = await provider.submitTx(tx as never, signature as never);
    return provider.notifyTransaction(hash, "COMMIT", 60_000);
  },
  async refusal(url: string, tx: unknown) {
    try {
      await Provider.newHttpProvider(url).submitTx(tx as never, null);
      return null;
    } catch (error) {
      return (error as { code?: string }).code ?? String(error);
    }
  },
};
