// @zklite/sdk/protocol is ESM; this CommonJS package loads it with a real dynamic import().
export type Protocol = typeof import("@zklite/sdk/protocol");

let loaded: Promise<Protocol> | undefined;

export function loadProtocol(): Promise<Protocol> {
  loaded ??= import("@zklite/sdk/protocol");
  return loaded;
}
