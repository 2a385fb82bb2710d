/**
 * `@zklite/api`: the zkLite node's tRPC router, its input schemas and result types. The node implements
 * `NodeServices`; clients import `AppRouter` as a type only (see README.md).
 */
export { createAppRouter, type AppRouter } from "./router.js";
export type { NodeServices } from "./services.js";
export * from "./types.js";
export * from "./inputs.js";
export { toTrpcError, zkLiteCodeOf, type ZkLiteErrorData } from "./errors.js";
