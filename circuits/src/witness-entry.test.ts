// `@zklite/circuits/witness` must load in a browser: no module it reaches may import a Node built-in, the
// compiler, snarkjs or the prover. Walks the import graph of the sources from src/witness.ts.
import { readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const SRC = path.dirname(fileURLToPath(import.meta.url));
const FORBIDDEN = [/^node:/, /^(fs|path|os|crypto|child_process|module|worker_threads)$/, /^snarkjs$/, /^circom2$/, /^@zklite\/prover/];
const IMPORT = /^\s*(?:import|export)\s[^;]*?from\s+"([^"]+)"/gms;

/** Every bare specifier and Node global a source file reaches, following relative imports. */
function reachable(entry: string): { specifiers: Map<string, string>; globals: Map<string, string> } {
  const specifiers = new Map<string, string>();
  const globals = new Map<string, string>();
  const seen = new Set<string>();
  const visit = (file: string): void => {
    if (seen.has(file)) return;
    seen.add(file);
    const source = readFileSync(file, "utf8");
    if (/\bBuffer\.|\bprocess\.|\brequire\(/.test(source)) globals.set(path.relative(SRC, file), "Node global");
    for (const [, specifier] of source.matchAll(IMPORT)) {
      if (specifier === undefined) continue;
      if (specifier.startsWith(".")) visit(path.resolve(path.dirname(file), specifier.replace(/\.js$/, ".ts")));
      else specifiers.set(specifier, path.relative(SRC, file));
    }
  };
  visit(entry);
  return { specifiers, globals };
}

describe("@zklite/circuits/witness", () => {
  it("reaches no Node-only module or global", () => {
    const { specifiers, globals } = reachable(path.join(SRC, "witness.ts"));
    expect(specifiers.size).toBeGreaterThan(3);
    const offending = [...specifiers].filter(([specifier]) => FORBIDDEN.some((pattern) => pattern.test(specifier)));
    expect(offending).toEqual([]);
    expect([...globals]).toEqual([]);
  });

  it("the check sees a Node import where there is one", () => {
    const { specifiers } = reachable(path.join(SRC, "index.ts"));
    expect([...specifiers.keys()].filter((specifier) => FORBIDDEN.some((pattern) => pattern.test(specifier))).length).toBeGreaterThan(0);
  });
});
