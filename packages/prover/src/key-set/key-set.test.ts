import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { KEY_SET_FORMAT, loadKeySet, writeKeySet } from "./key-set.js";
import { readVerificationKey } from "./verification-key.js";

function folder(): string {
  const dir = mkdtempSync(path.join(tmpdir(), "zklite-key-set-test-"));
  mkdirSync(path.join(dir, "keys"));
  for (const file of ["b8.wasm", "b8.zkey", "b32.wasm", "b32.zkey", "exit.wasm", "exit.zkey"]) writeFileSync(path.join(dir, "keys", file), "x");
  const vkey = { protocol: "groth16", curve: "bn128", nPublic: 1, IC: [[], []] };
  for (const file of ["b8.vkey.json", "b32.vkey.json", "exit.vkey.json"]) writeFileSync(path.join(dir, "keys", file), JSON.stringify(vkey));
  return dir;
}

const entry = (name: string) => ({ wasmPath: `keys/${name}.wasm`, zkeyPath: `keys/${name}.zkey`, vkeyPath: `keys/${name}.vkey.json` });

function manifest(dir: string, value: unknown): string {
  const file = path.join(dir, "key-set.json");
  writeFileSync(file, typeof value === "string" ? value : JSON.stringify(value));
  return file;
}

describe("key sets", () => {
  it("loads a manifest, resolves its paths against the manifest's folder, sorts the sizes", () => {
    const dir = folder();
    const file = manifest(dir, { format: KEY_SET_FORMAT, description: "test", blocks: [{ chunks: 32, circuit: "echo", ...entry("b32") }, { chunks: 8, circuit: "echo", ...entry("b8") }], exit: entry("exit") });
    const keySet = loadKeySet(file);
    expect(keySet.chunkSizes).toEqual([8, 32]);
    expect(keySet.blocks.get(8)).toEqual({ chunks: 8, circuit: "echo", wasmPath: path.join(dir, "keys/b8.wasm"), zkeyPath: path.join(dir, "keys/b8.zkey"), vkeyPath: path.join(dir, "keys/b8.vkey.json") });
    expect(keySet.exit?.zkeyPath).toBe(path.join(dir, "keys/exit.zkey"));
    expect(keySet.description).toBe("test");
    expect(readVerificationKey(keySet.blocks.get(8)!.vkeyPath).nPublic).toBe(1);
  });

  it("writes manifests with paths relative to them, which load back", () => {
    const dir = folder();
    const file = path.join(dir, "sub", "set.json");
    mkdirSync(path.dirname(file));
    const written = writeKeySet(file, { blocks: [{ chunks: 8, circuit: "echo", wasmPath: path.join(dir, "keys/b8.wasm"), zkeyPath: path.join(dir, "keys/b8.zkey"), vkeyPath: path.join(dir, "keys/b8.vkey.json") }] });
    expect(written.blocks[0]?.wasmPath).toBe(path.join("..", "keys", "b8.wasm"));
    expect(loadKeySet(file).blocks.get(8)?.zkeyPath).toBe(path.join(dir, "keys/b8.zkey"));
  });

  it("refuses bad manifests with typed errors", () => {
    const dir = folder();
    const refused = (value: unknown) => {
      try {
        loadKeySet(manifest(dir, value));
      } catch (error) {
        return { code: (error as { code?: string }).code, message: (error as Error).message };
      }
      return undefined;
    };
    expect(() => loadKeySet(path.join(dir, "absent.json"))).toThrow(expect.objectContaining({ code: "KEY_SET_NOT_FOUND" }));
    expect(refused("{not json")).toMatchObject({ code: "KEY_SET_INVALID_JSON" });
    expect(refused([])).toMatchObject({ code: "KEY_SET_INVALID" });
    expect(refused({ format: "other/1", blocks: [{ chunks: 8, circuit: "echo", ...entry("b8") }] })).toMatchObject({ code: "KEY_SET_INVALID", message: expect.stringContaining("format") });
    expect(refused({ format: KEY_SET_FORMAT, blocks: [] })).toMatchObject({ code: "KEY_SET_INVALID", message: expect.stringContaining("blocks") });
    expect(refused({ format: KEY_SET_FORMAT, blocks: [{ chunks: 0, circuit: "echo", ...entry("b8") }] })).toMatchObject({ code: "KEY_SET_INVALID", message: expect.stringContaining("chunks") });
    expect(refused({ format: KEY_SET_FORMAT, blocks: [{ chunks: 8.5, circuit: "echo", ...entry("b8") }] })).toMatchObject({ code: "KEY_SET_INVALID" });
    expect(refused({ format: KEY_SET_FORMAT, blocks: [{ chunks: 8, circuit: "echo", ...entry("b8") }, { chunks: 8, circuit: "echo", ...entry("b32") }] })).toMatchObject({ code: "KEY_SET_INVALID", message: expect.stringContaining("twice") });
    expect(refused({ format: KEY_SET_FORMAT, blocks: [{ chunks: 8, circuit: "echo", ...entry("b8"), zkeyPath: "/abs/b8.zkey" }] })).toMatchObject({ code: "KEY_SET_INVALID", message: expect.stringContaining("relative") });
    expect(refused({ format: KEY_SET_FORMAT, blocks: [{ chunks: 8, circuit: "echo", wasmPath: "keys/b8.wasm", zkeyPath: "keys/b8.zkey" }] })).toMatchObject({ code: "KEY_SET_INVALID", message: expect.stringContaining("vkeyPath") });
    expect(refused({ format: KEY_SET_FORMAT, blocks: [{ chunks: 8, circuit: "echo", ...entry("b8") }], exit: "keys/exit" })).toMatchObject({ code: "KEY_SET_INVALID", message: expect.stringContaining("exit") });
    expect(refused({ format: KEY_SET_FORMAT, blocks: [{ chunks: 8, circuit: "echo", ...entry("b8"), zkeyPath: "keys/missing.zkey" }] })).toMatchObject({ code: "KEY_SET_FILE_MISSING" });
  });

  it("checks only the files a role needs", () => {
    const dir = folder();
    const file = manifest(dir, { format: KEY_SET_FORMAT, blocks: [{ chunks: 8, circuit: "echo", ...entry("b8"), zkeyPath: "keys/huge-and-elsewhere.zkey" }] });
    expect(loadKeySet(file, "verify").chunkSizes).toEqual([8]);
    expect(() => loadKeySet(file, "prove")).toThrow(expect.objectContaining({ code: "KEY_SET_FILE_MISSING" }));
    const noVkey = manifest(dir, { format: KEY_SET_FORMAT, blocks: [{ chunks: 8, circuit: "echo", ...entry("b8"), vkeyPath: "keys/none.json" }] });
    expect(loadKeySet(noVkey, "prove").chunkSizes).toEqual([8]);
    expect(() => loadKeySet(noVkey, "verify")).toThrow(expect.objectContaining({ code: "KEY_SET_FILE_MISSING" }));
    writeFileSync(path.join(dir, "keys", "bad.vkey.json"), JSON.stringify({ protocol: "plonk" }));
    expect(() => readVerificationKey(path.join(dir, "keys", "bad.vkey.json"))).toThrow(expect.objectContaining({ code: "VKEY_INVALID" }));
  });
});
