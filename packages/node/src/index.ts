/** `@zklite/node`: the zkLite node server (see README.md). */
export {};
