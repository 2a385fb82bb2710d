/** `@zklite/sdk/protocol`: the pure zkSync Lite protocol, which lives in `@zklite/protocol` (see its README). */
export * from "@zklite/protocol";
