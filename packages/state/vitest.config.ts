import { defineConfig } from "vitest/config";

export default defineConfig({ test: { include: ["src/**/*.test.ts"], setupFiles: ["test/init-poseidon.ts"], testTimeout: 120_000 } });
