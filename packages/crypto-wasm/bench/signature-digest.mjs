#!/usr/bin/env node
// Prints SHA-256 over zksync-crypto's signatures of signingCorpus(seed, count), the oracle value that
// src/fast/engine/musig-digest.test.ts compares the engines with. Needs a build (imports dist/).
// Usage: node bench/signature-digest.mjs [seed] [count]   (~20 ms per signature)
import { createHash } from "node:crypto";
import { createRequire } from "node:module";
import { signingCorpus } from "../dist/fast/testing/signing-corpus.js";

const zksync = createRequire(import.meta.url)("zksync-crypto");
const seed = Number(process.argv[2] ?? 20251123);
const count = Number(process.argv[3] ?? 10000);
const hash = createHash("sha256");
for (const { privateKey, message } of signingCorpus(seed, count)) hash.update(zksync.sign_musig(privateKey, message));
console.log(JSON.stringify({ seed, count, sha256: hash.digest("hex") }));
