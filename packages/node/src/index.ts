/** `@zklite/node`: the zkLite node server (see README.md). */
export * from "./eth-watch/index.js";
export * from "./fees/index.js";
