import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

export default defineConfig({
  // package.json `imports` maps #zksync-crypto-loader into dist/; tests run the sources instead.
  resolve: {
    alias: [
      {
        find: /^#zksync-crypto-loader$/,
        replacement: fileURLToPath(new URL("./src/loader/node.ts", import.meta.url)),
      },
    ],
  },
  test: { include: ["src/**/*.test.ts"], testTimeout: 120_000 },
});
