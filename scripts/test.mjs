// `npm test`: installs, builds every workspace, then lints and tests them in two lanes at once. On a 2-core
// machine most suites run one vitest worker and the node's mostly wait on L1, so two lanes keep both cores busy;
// the lanes are fixed (rather than turbo's own scheduling, which may leave the longest suite, the node's, for last)
// and balanced by their measured durations (README.md, "How long npm test takes"). Each lane runs to its end even
// when a task fails (`--continue`); the exit code is non-zero if anything failed.
import { execSync, spawn } from "node:child_process";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const env = { ...process.env, TURBO_TELEMETRY_DISABLED: "1", NEXT_TELEMETRY_DISABLED: "1", CHECKPOINT_DISABLE: "1" };
const turbo = join(root, "node_modules", ".bin", "turbo");

/** The first lane: the node's suite (≈ 20 min) and the zksync.js differential tests (≈ 6 min); the rest is the second. */
const FIRST_LANE = ["@zklite/node", "@zklite/zksync-oracle-tests"];

execSync(`"${turbo}" run build`, { cwd: root, stdio: "inherit", env });

function lane(name, filters) {
  const args = ["run", "lint", "test", "--concurrency=1", "--continue", ...filters.map((filter) => `--filter=${filter}`)];
  return new Promise((resolve) => {
    const child = spawn(turbo, args, { cwd: root, stdio: ["ignore", "pipe", "pipe"], env });
    const prefix = (chunk) => chunk.toString().replace(/^(?=.)/gm, `[${name}] `);
    child.stdout.on("data", (chunk) => process.stdout.write(prefix(chunk)));
    child.stderr.on("data", (chunk) => process.stderr.write(prefix(chunk)));
    child.on("exit", (code, signal) => resolve({ name, code: code ?? (signal === null ? 1 : 128) }));
  });
}

const results = await Promise.all([lane("lane 1", FIRST_LANE), lane("lane 2", FIRST_LANE.map((pkg) => `!${pkg}`))]);
for (const { name, code } of results) console.log(`[zklite] ${name}: ${code === 0 ? "passed" : `FAILED (exit ${code})`}`);
process.exit(results.some(({ code }) => code !== 0) ? 1 : 0);
