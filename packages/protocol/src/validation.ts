/**
 * `@zklite/protocol/validation`: the input checks the protocol's own modules use, for zkLite's other packages
 * (the SDK's Signer and EthMessageSigner), so that their errors carry the same codes and wording. Not part of
 * the protocol's public surface.
 */
export { protocolError, requireObject } from "./errors.js";
export { parseHex } from "./bytes.js";
