// Finds the C toolchains the build needs. clang with the wasm32 target and wasm-ld come from Debian's
// `clang` and `lld` packages; on a fresh Debian/Ubuntu machine where we run as root they are installed
// with apt-get, anywhere else the build stops with instructions.
import { execFileSync, spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { dirname, join } from "node:path";

const WASM_CLANG_CANDIDATES = ["clang", "clang-19", "clang-18", "clang-17", "clang-16", "clang-15", "clang-14"];
const WASM_LD_CANDIDATES = ["wasm-ld", "wasm-ld-19", "wasm-ld-18", "wasm-ld-17", "wasm-ld-16", "wasm-ld-15", "wasm-ld-14"];

function runs(command, args) {
  const result = spawnSync(command, args, { stdio: "ignore" });
  return result.status === 0;
}

function firstRunnable(candidates) {
  return candidates.find((command) => runs(command, ["--version"]));
}

function findWasmToolchain() {
  const clang = firstRunnable(WASM_CLANG_CANDIDATES);
  const wasmLd = firstRunnable(WASM_LD_CANDIDATES);
  if (clang === undefined || wasmLd === undefined) return undefined;
  return { clang, wasmLd };
}

function canInstallWithApt() {
  return process.platform === "linux" && typeof process.getuid === "function" && process.getuid() === 0 &&
    runs("apt-get", ["--version"]);
}

/** clang (wasm32 target) and wasm-ld, installing Debian's packages when they are missing and we may. */
export function ensureWasmToolchain(log) {
  const found = findWasmToolchain();
  if (found !== undefined) return found;
  if (!canInstallWithApt()) {
    throw new Error(
      "clang and wasm-ld are needed to build the WebAssembly engine. Install them (Debian/Ubuntu: " +
        "`apt-get install -y clang lld`; macOS: `brew install llvm lld`) and run the build again.",
    );
  }
  log("installing clang and lld with apt-get (needed once to build the WebAssembly engine)");
  const env = { ...process.env, DEBIAN_FRONTEND: "noninteractive" };
  execFileSync("apt-get", ["update"], { stdio: "inherit", env });
  execFileSync("apt-get", ["install", "-y", "--no-install-recommends", "clang", "lld"], { stdio: "inherit", env });
  const installed = findWasmToolchain();
  if (installed === undefined) throw new Error("clang and lld were installed but clang/wasm-ld still do not run");
  return installed;
}

/** The host C compiler for the Node addon (clang first: its code is faster here), or undefined. */
export function findHostCompiler() {
  const preferred = process.env.CC ? [process.env.CC] : [];
  return firstRunnable([...preferred, ...WASM_CLANG_CANDIDATES, "cc", "gcc"]);
}

/** The directory holding node_api.h for the running Node, or undefined. */
export function findNodeHeaders() {
  const candidates = [
    join(dirname(process.execPath), "..", "include", "node"),
    process.env.npm_config_nodedir ? join(process.env.npm_config_nodedir, "include", "node") : undefined,
    process.env.HOME ? join(process.env.HOME, ".cache", "node-gyp", process.versions.node, "include", "node") : undefined,
    "/usr/include/node",
    "/usr/local/include/node",
  ].filter((candidate) => candidate !== undefined);
  return candidates.find((directory) => existsSync(join(directory, "node_api.h")));
}

export function run(command, args, options = {}) {
  execFileSync(command, args, { stdio: "inherit", ...options });
}
