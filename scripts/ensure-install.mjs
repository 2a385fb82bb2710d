// Installs the workspace's npm dependencies when node_modules is missing or older than package-lock.json,
// so `npm start` and `npm test` work on a fresh clone with no manual step.
import { createHash } from "node:crypto";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { execSync } from "node:child_process";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const lock = join(root, "package-lock.json");
const stamp = join(root, "node_modules", ".zklite-install-stamp");
const env = { ...process.env, TURBO_TELEMETRY_DISABLED: "1", NEXT_TELEMETRY_DISABLED: "1", CHECKPOINT_DISABLE: "1" };

const lockHash = existsSync(lock) ? createHash("sha256").update(readFileSync(lock)).digest("hex") : "no-lock";
const installed = existsSync(stamp) ? readFileSync(stamp, "utf8") : "";
if (installed !== lockHash) {
  const command = existsSync(lock) ? "npm ci --no-audit --no-fund" : "npm install --no-audit --no-fund";
  console.log(`[zklite] installing dependencies: ${command}`);
  execSync(command, { cwd: root, stdio: "inherit", env });
  writeFileSync(stamp, lockHash);
}
