import { describe, expect, it } from "vitest";
import { parseWorkerArgs } from "./args.js";

describe("zklite-prover-worker arguments", () => {
  it("parses flags (both spellings), takes the secret from the environment, names the worker", () => {
    const args = parseWorkerArgs(["--node", "http://127.0.0.1:3030", "--key-set=k.json", "--name", "w1", "--poll-ms", "50"], { ZKLITE_PROVER_SECRET: "s" });
    expect(args).toEqual({ node: "http://127.0.0.1:3030", secret: "s", keySet: "k.json", name: "w1", pollMs: 50, holdMs: 0 });
    const named = parseWorkerArgs(["--node", "http://h", "--secret", "x", "--key-set", "k"], {});
    expect("name" in named && named.name).toMatch(/-\d+-[0-9a-f]{6}$/);
    expect(parseWorkerArgs(["--node", "x", "--help"], {})).toEqual({ help: true });
  });

  it("refuses what it cannot use, with the usage", () => {
    expect(() => parseWorkerArgs(["--node", "http://h", "--key-set", "k"], {})).toThrow(/--secret is required[\s\S]*Usage/);
    expect(() => parseWorkerArgs(["--node", "ftp://h", "--secret", "s", "--key-set", "k"], {})).toThrow(/http\(s\) URL/);
    expect(() => parseWorkerArgs(["--nod", "http://h"], {})).toThrow(/unknown argument --nod/);
    expect(() => parseWorkerArgs(["--node"], {})).toThrow(/needs a value/);
    expect(() => parseWorkerArgs(["--node", "http://h", "--secret", "s", "--key-set", "k", "--hold-ms", "-1"], {})).toThrow(/whole number/);
  });
});
