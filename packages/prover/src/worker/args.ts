import { hostname } from "node:os";
import { randomBytes } from "node:crypto";

export const USAGE = `zklite-prover-worker: proves zkLite blocks for a node (polls its prover API)

Usage:
  zklite-prover-worker --node URL --secret S --key-set MANIFEST [options]

Options:
  --node URL        the node's API (e.g. http://127.0.0.1:3030)
  --secret S        the node's ZKLITE_PROVER_SECRET (or env ZKLITE_PROVER_SECRET)
  --key-set FILE    key-set manifest: the block sizes this worker proves, their wasm and zkey
  --name NAME       worker name (default: host-pid-random); jobs are held in this name
  --poll-ms N       wait between polls of an empty queue (default 1000)
  --hold-ms N       keep each job N ms before proving (tests and demos of reassignment; default 0)
  --help            this text

One proof at a time; start as many workers as wanted. SIGTERM/SIGINT: the job in hand goes back to the
queue at once. Killed outright, its job returns when the lease ends.
`;

export interface WorkerArgs {
  readonly node: string;
  readonly secret: string;
  readonly keySet: string;
  readonly name: string;
  readonly pollMs: number;
  readonly holdMs: number;
}

/** Parses the command line; `{ help: true }` for --help, an Error with the problem and the usage otherwise. */
export function parseWorkerArgs(argv: readonly string[], env: Readonly<Record<string, string | undefined>> = process.env): WorkerArgs | { help: true } {
  const values = new Map<string, string>();
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    if (arg === "--help" || arg === "-h") return { help: true };
    const [flag, inline] = arg.startsWith("--") && arg.includes("=") ? [arg.slice(0, arg.indexOf("=")), arg.slice(arg.indexOf("=") + 1)] : [arg, undefined];
    if (!["--node", "--secret", "--key-set", "--name", "--poll-ms", "--hold-ms"].includes(flag)) throw new Error(`unknown argument ${arg}\n\n${USAGE}`);
    const value = inline ?? argv[++i];
    if (value === undefined) throw new Error(`${flag} needs a value\n\n${USAGE}`);
    values.set(flag, value);
  }
  const required = (flag: string, fallback?: string): string => {
    const value = values.get(flag) ?? fallback;
    if (value === undefined || value === "") throw new Error(`${flag} is required\n\n${USAGE}`);
    return value;
  };
  const count = (flag: string, fallback: number): number => {
    const text = values.get(flag);
    if (text === undefined) return fallback;
    const value = Number(text);
    if (!Number.isInteger(value) || value < 0) throw new Error(`${flag} must be a whole number of milliseconds, got ${text}`);
    return value;
  };
  const node = required("--node");
  if (!/^https?:\/\//.test(node)) throw new Error(`--node must be an http(s) URL, got ${node}`);
  return {
    node,
    secret: required("--secret", env.ZKLITE_PROVER_SECRET),
    keySet: required("--key-set"),
    name: values.get("--name") ?? `${hostname()}-${process.pid}-${randomBytes(3).toString("hex")}`,
    pollMs: count("--poll-ms", 1000),
    holdMs: count("--hold-ms", 0),
  };
}
