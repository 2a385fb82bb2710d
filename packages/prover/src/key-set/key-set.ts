import { existsSync, readFileSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import { KeySetError } from "./errors.js";

/** The manifest's `format` field; a manifest of another format is refused. */
export const KEY_SET_FORMAT = "zklite-key-set/1";

/** One circuit's files, as written in the manifest: paths relative to the manifest's folder. */
export interface KeySetCircuitEntry {
  /** circom's witness calculator (`<circuit>_js/<circuit>.wasm`) */
  readonly wasmPath: string;
  /** the Groth16 proving key (snarkjs `.zkey`) */
  readonly zkeyPath: string;
  /** snarkjs' verification_key.json */
  readonly vkeyPath: string;
}

/**
 * Which circuit a block size's keys are for, so the node builds the right input: zkLite's block circuit with
 * these parameters (@zklite/circuits' `BlockCircuitParameters` without the size), or the INSECURE development
 * echo circuit (one input, the masked commitment; proves nothing about the state).
 */
export type KeySetBlockCircuitParameters = {
  readonly kind: "block";
  readonly accountDepth: number;
  readonly balanceDepth: number;
  readonly feeSlots: number;
  readonly extendedLanes: number;
};
export type KeySetBlockCircuitKind = KeySetBlockCircuitParameters | "echo";

/** The JSON manifest of "the circuits a deployment proves with" (README.md, "Key sets"). */
export interface KeySetManifest {
  readonly format: typeof KEY_SET_FORMAT;
  /** Free text: where the keys come from ("dev echo circuit, INSECURE", "ceremony 2026-12"). */
  readonly description?: string;
  /** One entry per block size; sizes are distinct. */
  readonly blocks: readonly (KeySetCircuitEntry & { readonly chunks: number; readonly circuit: KeySetBlockCircuitKind })[];
  readonly exit?: KeySetCircuitEntry;
}

/** A circuit's files as absolute paths. */
export interface KeySetCircuit {
  readonly wasmPath: string;
  readonly zkeyPath: string;
  readonly vkeyPath: string;
}

export interface BlockCircuit extends KeySetCircuit {
  readonly chunks: number;
  readonly circuit: KeySetBlockCircuitKind;
}

/** A loaded, validated key set. */
export interface KeySet {
  readonly manifestPath: string;
  readonly description: string | undefined;
  /** Block circuits by size (chunks). */
  readonly blocks: ReadonlyMap<number, BlockCircuit>;
  /** The block sizes, ascending. */
  readonly chunkSizes: readonly number[];
  readonly exit: KeySetCircuit | undefined;
}

/**
 * Which files must exist: the node verifies (vkeys only), a prover worker proves (wasm + zkey), "all" checks
 * everything. Files the role does not use are not looked at, so a node needs no multi-GB zkeys.
 */
export type KeySetRole = "verify" | "prove" | "all";

function fail(manifestPath: string, problem: string): never {
  throw new KeySetError("KEY_SET_INVALID", `key set ${manifestPath}: ${problem}`);
}

function relativePath(manifestPath: string, where: string, value: unknown): string {
  if (typeof value !== "string" || value.length === 0) fail(manifestPath, `${where} must be a non-empty path (relative to the manifest)`);
  if (path.isAbsolute(value)) fail(manifestPath, `${where} must be relative to the manifest, got the absolute path ${value}`);
  return value;
}

function circuitEntry(manifestPath: string, where: string, value: unknown): KeySetCircuitEntry {
  if (typeof value !== "object" || value === null || Array.isArray(value)) fail(manifestPath, `${where} must be an object`);
  const entry = value as Record<string, unknown>;
  return {
    wasmPath: relativePath(manifestPath, `${where}.wasmPath`, entry.wasmPath),
    zkeyPath: relativePath(manifestPath, `${where}.zkeyPath`, entry.zkeyPath),
    vkeyPath: relativePath(manifestPath, `${where}.vkeyPath`, entry.vkeyPath),
  };
}

function circuitKind(manifestPath: string, where: string, value: unknown): KeySetBlockCircuitKind {
  if (value === "echo") return "echo";
  if (typeof value !== "object" || value === null || (value as { kind?: unknown }).kind !== "block") {
    fail(manifestPath, `${where} must be "echo" or { "kind": "block", accountDepth, balanceDepth, feeSlots, extendedLanes }`);
  }
  const raw = value as Record<string, unknown>;
  const field = (name: string): number => {
    const n = raw[name];
    if (typeof n !== "number" || !Number.isInteger(n) || n <= 0) fail(manifestPath, `${where}.${name} must be a positive integer`);
    return n;
  };
  return { kind: "block", accountDepth: field("accountDepth"), balanceDepth: field("balanceDepth"), feeSlots: field("feeSlots"), extendedLanes: field("extendedLanes") };
}

/** Checks the shape of a parsed manifest; `KEY_SET_INVALID` names the first problem. */
export function parseKeySetManifest(value: unknown, manifestPath = "<manifest>"): KeySetManifest {
  if (typeof value !== "object" || value === null || Array.isArray(value)) fail(manifestPath, "the manifest must be a JSON object");
  const raw = value as Record<string, unknown>;
  if (raw.format !== KEY_SET_FORMAT) fail(manifestPath, `format must be "${KEY_SET_FORMAT}", got ${JSON.stringify(raw.format)}`);
  if (raw.description !== undefined && typeof raw.description !== "string") fail(manifestPath, "description must be a string");
  if (!Array.isArray(raw.blocks) || raw.blocks.length === 0) fail(manifestPath, "blocks must be a non-empty array");
  const seen = new Set<number>();
  const blocks = raw.blocks.map((item: unknown, index) => {
    const where = `blocks[${index}]`;
    const entry = circuitEntry(manifestPath, where, item);
    const chunks = (item as Record<string, unknown>).chunks;
    if (typeof chunks !== "number" || !Number.isInteger(chunks) || chunks <= 0) fail(manifestPath, `${where}.chunks must be a positive integer`);
    if (seen.has(chunks)) fail(manifestPath, `${where}: block size ${chunks} is listed twice`);
    seen.add(chunks);
    return { chunks, circuit: circuitKind(manifestPath, `${where}.circuit`, (item as Record<string, unknown>).circuit), ...entry };
  });
  const exit = raw.exit === undefined ? undefined : circuitEntry(manifestPath, "exit", raw.exit);
  return {
    format: KEY_SET_FORMAT,
    ...(typeof raw.description === "string" ? { description: raw.description } : {}),
    blocks,
    ...(exit === undefined ? {} : { exit }),
  };
}

function resolveCircuit(dir: string, entry: KeySetCircuitEntry): KeySetCircuit {
  return { wasmPath: path.resolve(dir, entry.wasmPath), zkeyPath: path.resolve(dir, entry.zkeyPath), vkeyPath: path.resolve(dir, entry.vkeyPath) };
}

function requireFiles(manifestPath: string, where: string, circuit: KeySetCircuit, role: KeySetRole): void {
  const files = role === "verify" ? [circuit.vkeyPath] : role === "prove" ? [circuit.wasmPath, circuit.zkeyPath] : [circuit.wasmPath, circuit.zkeyPath, circuit.vkeyPath];
  for (const file of files) {
    if (!existsSync(file) || !statSync(file).isFile() || statSync(file).size === 0) {
      throw new KeySetError("KEY_SET_FILE_MISSING", `key set ${manifestPath}: ${where} names ${file}, which is missing or empty`);
    }
  }
}

/**
 * Reads and validates a key-set manifest and resolves its paths. Refusals are `KeySetError`s:
 * `KEY_SET_NOT_FOUND`, `KEY_SET_INVALID_JSON`, `KEY_SET_INVALID`, `KEY_SET_FILE_MISSING` (a file `role` needs).
 */
export function loadKeySet(manifestPath: string, role: KeySetRole = "all"): KeySet {
  const absolute = path.resolve(manifestPath);
  let text: string;
  try {
    text = readFileSync(absolute, "utf8");
  } catch (error) {
    throw new KeySetError("KEY_SET_NOT_FOUND", `key set ${absolute}: cannot read the manifest (${(error as Error).message})`, { cause: error });
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new KeySetError("KEY_SET_INVALID_JSON", `key set ${absolute}: not JSON (${(error as Error).message})`, { cause: error });
  }
  const manifest = parseKeySetManifest(json, absolute);
  const dir = path.dirname(absolute);
  const blocks = new Map<number, BlockCircuit>();
  for (const entry of manifest.blocks) {
    const circuit = { chunks: entry.chunks, circuit: entry.circuit, ...resolveCircuit(dir, entry) };
    requireFiles(absolute, `block size ${entry.chunks}`, circuit, role);
    blocks.set(entry.chunks, circuit);
  }
  const exit = manifest.exit === undefined ? undefined : resolveCircuit(dir, manifest.exit);
  if (exit !== undefined) requireFiles(absolute, "exit", exit, role);
  return { manifestPath: absolute, description: manifest.description, blocks, chunkSizes: [...blocks.keys()].sort((a, b) => a - b), exit };
}

/** Writes a manifest for circuits given with any paths (absolute or relative to the cwd), stored relative to it. */
export function writeKeySet(
  manifestPath: string,
  circuits: { readonly description?: string; readonly blocks: readonly BlockCircuit[]; readonly exit?: KeySetCircuit },
): KeySetManifest {
  const dir = path.dirname(path.resolve(manifestPath));
  const relative = (circuit: KeySetCircuit): KeySetCircuitEntry => ({
    wasmPath: path.relative(dir, path.resolve(circuit.wasmPath)),
    zkeyPath: path.relative(dir, path.resolve(circuit.zkeyPath)),
    vkeyPath: path.relative(dir, path.resolve(circuit.vkeyPath)),
  });
  const manifest = parseKeySetManifest(
    {
      format: KEY_SET_FORMAT,
      ...(circuits.description === undefined ? {} : { description: circuits.description }),
      blocks: circuits.blocks.map((block) => ({ chunks: block.chunks, circuit: block.circuit, ...relative(block) })),
      ...(circuits.exit === undefined ? {} : { exit: relative(circuits.exit) }),
    },
    manifestPath,
  );
  writeFileSync(manifestPath, `${JSON.stringify(manifest, null, 2)}\n`);
  return manifest;
}
