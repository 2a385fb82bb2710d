/**
 * `@zklite/api`: the zkLite node's tRPC router, its input schemas and result types. The node implements
 * `NodeServices`; clients import `AppRouter` as a type only (see README.md).
 */
export { createAppRouter, type AppRouter } from "./router.js";
export type { NodeServices } from "./services.js";
export type { ApiContext } from "./trpc.js";
export type { ProverServices } from "./prover/services.js";
export type * from "./prover/types.js";
export * from "./prover/inputs.js";
export * from "./types.js";
export * from "./inputs.js";
export { toTrpcError, zkLiteCodeOf, type ZkLiteErrorData } from "./errors.js";
