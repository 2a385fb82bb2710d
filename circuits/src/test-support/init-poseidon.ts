// Vitest setup file (vitest.config.ts): the tests build states and trees, which hash with @zklite/state's Poseidon.
import { initPoseidon } from "@zklite/state";

await initPoseidon();
