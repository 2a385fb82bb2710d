// @zklite/protocol is ESM; this CommonJS package loads it with a real dynamic import().
export type Protocol = typeof import("@zklite/protocol");

let loaded: Promise<Protocol> | undefined;

export function loadProtocol(): Promise<Protocol> {
  loaded ??= import("@zklite/protocol");
  return loaded;
}
