// Installs Debian's Chromium for the browser tests when it is missing (Playwright's own browser
// download cannot work on these machines). Prints the path it found or installed.
import { existsSync } from "node:fs";
import { execSync } from "node:child_process";

export const CHROMIUM_PATH = process.env.ZKLITE_CHROMIUM ?? "/usr/bin/chromium";

if (!existsSync(CHROMIUM_PATH)) {
  console.log(`[zklite] ${CHROMIUM_PATH} not found: installing Debian's chromium`);
  const sudo = process.getuid?.() === 0 ? "" : "sudo ";
  const env = { ...process.env, DEBIAN_FRONTEND: "noninteractive" };
  try {
    execSync(`${sudo}apt-get install -y --no-install-recommends chromium`, { stdio: "inherit", env });
  } catch {
    execSync(`${sudo}apt-get update`, { stdio: "inherit", env });
    execSync(`${sudo}apt-get install -y --no-install-recommends chromium`, { stdio: "inherit", env });
  }
}
if (!existsSync(CHROMIUM_PATH)) {
  console.error(`[zklite] chromium is still missing at ${CHROMIUM_PATH}`);
  process.exit(1);
}
console.log(`[zklite] chromium: ${CHROMIUM_PATH}`);
