import { defineConfig } from "vitest/config";

export default defineConfig({
  // One file at a time: every test proves on all cores, and the machine is shared.
  test: { include: ["src/**/*.test.ts"], testTimeout: 300_000, hookTimeout: 600_000, fileParallelism: false },
});
