import { createServer } from "node:net";
import { describe, expect, it } from "vitest";
import { Provider } from "./provider.js";

/** A loopback port nothing listens on. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

describe("Provider waits", () => {
  it("a read fails fast on an unreachable node, while a wait for a receipt waits it out until its timeout", async () => {
    const provider = Provider.newHttpProvider(`http://127.0.0.1:${await closedPort()}`);
    await expect(provider.getTxReceipt(`sync-tx:${"ab".repeat(32)}`)).rejects.toMatchObject({ code: "NODE_UNREACHABLE" });
    const started = Date.now();
    const wait = provider.notifyTransaction(`sync-tx:${"ab".repeat(32)}`, "COMMIT", 1500);
    await expect(wait).rejects.toMatchObject({ code: "TIMEOUT", message: expect.stringContaining("the node was last unreachable") });
    expect(Date.now() - started).toBeGreaterThanOrEqual(1400);
  });
});
