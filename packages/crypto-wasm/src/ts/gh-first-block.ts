import { utf8ToBytes } from "@noble/hashes/utils.js";

/**
 * Sapling's `GH_FIRST_BLOCK`: 64 ASCII bytes that franklin-crypto prefixes to every group-hash and
 * Rescue-constant BLAKE2s input.
 */
export const GH_FIRST_BLOCK: Uint8Array = utf8ToBytes(
  "096b36a5804bfacef1691e173c366a47ff5ba84a44f26ddd7e8d9f79d5b42df0",
);
