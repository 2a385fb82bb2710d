/**
 * `@zklite/node/data-restore`: data restore without a database — the state rebuilt from L1 alone into memory, in a
 * browser or in Node (MemoryRestoreStore). The node's storage is the other store (prisma-restore-store.ts, not here).
 */
export { restoreFromL1, type DataRestoreOptions, type RestoreMode, type RestoreProgress, type RestoreResult } from "./data-restore.js";
export { MemoryRestoreStore } from "./memory-restore-store.js";
export type { GenesisSpec, RestoreStart, RestoreStore, RestoredBlock } from "./restore-store.js";
export { DataRestoreError, type DataRestoreErrorCode } from "./errors.js";
