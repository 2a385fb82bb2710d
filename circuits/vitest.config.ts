import { defineConfig } from "vitest/config";

// Circuit artifacts are compiled and keyed once per machine (.cache/); the first run builds them.
export default defineConfig({
  test: {
    include: ["src/**/*.test.ts"],
    setupFiles: ["src/test-support/init-poseidon.ts"],
    testTimeout: 300_000,
    hookTimeout: 480_000,
    fileParallelism: false,
  },
});
