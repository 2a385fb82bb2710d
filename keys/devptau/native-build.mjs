// Compiles src/main.c (the INSECURE dev ptau generator) with the host C compiler into .build/, once per
// source / compiler / CPU combination, and checks the result with its built-in self-test. The BN254 field,
// group, comb and scalar code is packages/prover/native/src's (on the include path here), and so are the
// compiler search, build key and compile-then-self-test steps (exported by that package's native/build.mjs).
import { existsSync, mkdirSync } from "node:fs";
import path from "node:path";
import process from "node:process";
import { fileURLToPath } from "node:url";
import { ZkLiteError } from "@zklite/crypto-wasm";
import { buildKey, compileChecked, ensureCompiler, removeStale, sourceDir as sharedSourceDir } from "../../packages/prover/native/build.mjs";

const here = path.dirname(fileURLToPath(import.meta.url));
const sourceDir = path.join(here, "src");
export const buildDir = path.join(here, ".build");

/** Path of the compiled generator, building it first when needed. */
export function ensureDevPtauBinary(log = () => {}) {
  let compiler;
  try {
    compiler = ensureCompiler(log, { purpose: "the dev ptau generator", packages: ["clang"] });
  } catch (error) {
    throw new ZkLiteError("DEVPTAU_NO_COMPILER", `a C compiler is needed to build the dev ptau generator: ${error.message}`);
  }
  const binary = path.join(buildDir, `devptau-${buildKey(compiler, [sourceDir, sharedSourceDir])}`);
  if (existsSync(binary)) return binary;
  mkdirSync(buildDir, { recursive: true });
  const built = compileChecked({
    compiler,
    mainFile: path.join(sourceDir, "main.c"),
    binary,
    selftestArgs: ["--selftest"],
    includeDirs: [sharedSourceDir],
  });
  if (built.failures) {
    throw new ZkLiteError("DEVPTAU_BUILD_FAILED", `could not build the dev ptau generator:\n${built.failures.join("\n")}`);
  }
  removeStale(buildDir, /^devptau-[0-9a-f]{16}$/, binary);
  log(`built ${path.relative(process.cwd(), binary)} (${compiler} ${built.flags.join(" ")})`);
  return binary;
}
