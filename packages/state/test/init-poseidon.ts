// Vitest setup file (vitest.config.ts): every test file hashes, so each one starts with the engine loaded.
import { initPoseidon } from "../src/poseidon.js";

await initPoseidon();
