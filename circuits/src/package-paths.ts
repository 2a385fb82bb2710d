import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";

const require = createRequire(import.meta.url);

/** The package folder (this file lives in src/ or dist/, one level below it). */
export const PACKAGE_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

/** The circom sources of this package. */
export const CIRCOM_SOURCE_DIR = path.join(PACKAGE_ROOT, "circom");

/** Generated artifacts (compiled circuits, ptau files, development keys); never committed. */
export function cacheRoot(): string {
  return process.env.ZKLITE_CIRCUITS_CACHE ?? path.join(PACKAGE_ROOT, ".cache");
}

/** The node_modules folder that holds circomlib (the workspace root's, when hoisted). */
export function circomlibNodeModules(): string {
  return path.resolve(path.dirname(require.resolve("circomlib/package.json")), "..");
}

export function snarkjsCli(): string {
  return path.join(path.dirname(require.resolve("snarkjs")), "cli.cjs");
}

export function circomCli(): string {
  return require.resolve("circom2/cli.js");
}

export function packageVersion(name: string): string {
  const manifest = require(`${name}/package.json`) as { version: string };
  return manifest.version;
}
