import { createRequire } from "node:module";
import { homedir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

const require = createRequire(import.meta.url);

/** The package folder (this file lives in src/ or dist/, one level below it). */
export const PACKAGE_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

/** The circom sources of this package. */
export const CIRCOM_SOURCE_DIR = path.join(PACKAGE_ROOT, "circom");

/**
 * Generated artifacts (compiled circuits, ptau files, development keys); never committed. They live in
 * the user's cache folder, not in the checkout, so every clone on a machine reuses them: compiling the
 * block circuit and building its keys from scratch takes many minutes. Entries are keyed by a hash of
 * their sources and written through temporary names, so concurrent runs and stale entries are safe.
 */
export function cacheRoot(): string {
  return process.env.ZKLITE_CIRCUITS_CACHE ?? path.join(process.env.XDG_CACHE_HOME ?? path.join(homedir(), ".cache"), "zklite", "circuits");
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
