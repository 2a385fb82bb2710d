import { spawnSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

/** packages/prover/native, from src/ (tests) or dist/ (built) alike */
export const nativeDir = fileURLToPath(new URL("../native/", import.meta.url));
const manifestPath = path.join(nativeDir, "build", "manifest.json");

export type NativeStatus = { available: true; binary: string } | { available: false; reason: string };

interface Manifest {
  available: boolean;
  binary?: string;
  reason?: string;
}

function readManifest(): Manifest | undefined {
  try {
    return JSON.parse(readFileSync(manifestPath, "utf8")) as Manifest;
  } catch {
    return undefined;
  }
}

let cached: NativeStatus | undefined;

/**
 * Where the native prover binary is. The package's build step (`native/build.mjs`) compiles it; when its
 * manifest is missing or names a binary that is gone (a fresh checkout used without `npm run build`), the
 * build runs once here, synchronously. `ZKLITE_PROVER_NATIVE=0` disables the native engine.
 */
export function nativeProverStatus(): NativeStatus {
  if (cached !== undefined) return cached;
  if (process.env.ZKLITE_PROVER_NATIVE === "0") return (cached = { available: false, reason: "ZKLITE_PROVER_NATIVE=0" });
  let manifest = readManifest();
  const usable = (m: Manifest | undefined): m is Manifest & { binary: string } =>
    m?.available === true && typeof m.binary === "string" && existsSync(path.join(nativeDir, "build", m.binary));
  if (!usable(manifest)) {
    const built = spawnSync(process.execPath, [path.join(nativeDir, "build.mjs")], { encoding: "utf8" });
    if (built.status !== 0) {
      return (cached = { available: false, reason: `native/build.mjs failed: ${built.stderr || built.error?.message}` });
    }
    manifest = readManifest();
  }
  if (usable(manifest)) return (cached = { available: true, binary: path.join(nativeDir, "build", manifest.binary) });
  return (cached = { available: false, reason: manifest?.reason ?? "native/build.mjs wrote no manifest" });
}
