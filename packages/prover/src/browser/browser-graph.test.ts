/**
 * `@zklite/prover/browser` and its worker must run in a browser: bundling both for the browser platform with
 * esbuild finds no import of a Node built-in (`fs`, `node:crypto`, …, even one a package's `browser` field
 * would stub out) and none of the Node-only workspace packages; and the client never pulls in snarkjs (the
 * worker does).
 */
import { builtinModules } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { build, type Plugin } from "esbuild";
import { describe, expect, it } from "vitest";

const here = path.dirname(fileURLToPath(import.meta.url));
const NODE_BUILTINS = new Set(builtinModules.flatMap((name) => [name, `node:${name}`]));
const FORBIDDEN_PACKAGES = /^@zklite\/(circuits|node|state|prover$)/;

async function bundleGraph(entry: string): Promise<{ imports: string[]; offences: string[]; inputs: string[]; bytes: number }> {
  const imports: string[] = [];
  const offences: string[] = [];
  const watch: Plugin = {
    name: "forbid-node",
    setup(builder) {
      builder.onResolve({ filter: /.*/ }, (args) => {
        imports.push(args.path);
        const bare = args.path.startsWith("node:") ? args.path : args.path.split("/")[0] ?? args.path;
        if (NODE_BUILTINS.has(args.path) || NODE_BUILTINS.has(bare)) offences.push(`${args.importer} imports the Node built-in ${args.path}`);
        if (FORBIDDEN_PACKAGES.test(args.path)) offences.push(`${args.importer} imports ${args.path}`);
        return undefined;
      });
    },
  };
  try {
    const result = await build({ entryPoints: [entry], bundle: true, platform: "browser", format: "esm", target: "es2022", write: false, metafile: true, logLevel: "silent", plugins: [watch] });
    return { imports, offences, inputs: Object.keys(result.metafile.inputs), bytes: result.outputFiles[0]?.contents.byteLength ?? 0 };
  } catch (error) {
    return { imports, offences: [...offences, `esbuild: ${error instanceof Error ? error.message.split("\n")[0] : String(error)}`], inputs: [], bytes: 0 };
  }
}

describe("the browser entry's module graph", () => {
  it("the client (index.ts) bundles for the browser with no Node built-in, and without snarkjs", async () => {
    const graph = await bundleGraph(path.join(here, "index.ts"));
    expect(graph.offences).toEqual([]);
    expect(graph.inputs.some((input) => input.includes("snarkjs"))).toBe(false);
    expect(graph.inputs.some((input) => input.endsWith("client.ts"))).toBe(true);
  });

  it("the worker bundles for the browser with no Node built-in; snarkjs' browser build is in it", async () => {
    const graph = await bundleGraph(path.join(here, "exit-prover.worker.ts"));
    expect(graph.offences).toEqual([]);
    expect(graph.inputs.some((input) => /snarkjs\/build\/browser\.esm\.js$/.test(input))).toBe(true);
    expect(graph.inputs.some((input) => /ffjavascript\/build\/browser\.esm\.js$/.test(input))).toBe(true);
  });

  it("the walk does catch a Node import", async () => {
    const graph = await bundleGraph(path.join(here, "..", "index.ts")); // the Node-only main entry
    expect(graph.offences.some((offence) => /imports the Node built-in node:child_process/.test(offence))).toBe(true);
  });
});
