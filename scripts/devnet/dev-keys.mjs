// The devnet's key set for `npm start`: built on first run (minutes: circom and the INSECURE key generator),
// from the per-machine cache afterwards (seconds). Shows a progress bar with the running time of each step.
import { spawn } from "node:child_process";
import { mkdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));

function bar(index, total, width = 24) {
  const filled = Math.round((index / total) * width);
  return `[${"#".repeat(filled)}${"-".repeat(width - filled)}] ${index}/${total}`;
}

/**
 * Builds (or finds in the cache) the development keys of `blockSizes` and of the exit circuit; resolves to
 * `{ manifestPath, blockVerifiers: { chunks: verifier.sol }, exitVerifier }`.
 */
export function ensureDevnetKeys({ manifestPath, blockSizes, cwd }) {
  mkdirSync(dirname(manifestPath), { recursive: true });
  const child = spawn(process.execPath, [join(here, "build-dev-keys.mjs"), manifestPath, blockSizes.join(",")], { cwd, stdio: ["ignore", "pipe", "inherit"] });
  const started = Date.now();
  let current = { index: 0, total: 1, what: "starting" };
  let stepStarted = Date.now();
  const tty = process.stdout.isTTY;
  const render = () => {
    const line = `[zklite] keys ${bar(current.index, current.total)} ${current.what} (${Math.round((Date.now() - stepStarted) / 1000)} s)`;
    if (tty) process.stdout.write(`\r${line.padEnd(process.stdout.columns ? process.stdout.columns - 1 : 100)}`);
  };
  const ticker = setInterval(render, 1000);
  return new Promise((resolve, reject) => {
    let buffered = "";
    let result;
    child.stdout.on("data", (data) => {
      buffered += data;
      let newline;
      while ((newline = buffered.indexOf("\n")) >= 0) {
        const message = JSON.parse(buffered.slice(0, newline));
        buffered = buffered.slice(newline + 1);
        if (message.step) {
          current = message.step;
          stepStarted = Date.now();
          if (!tty) console.log(`[zklite] keys ${bar(current.index, current.total)} ${current.what}`);
          render();
        }
        if (message.done) result = message.done;
      }
    });
    child.on("exit", (code) => {
      clearInterval(ticker);
      if (tty) process.stdout.write("\n");
      if (code === 0 && result) {
        console.log(`[zklite] development keys ready in ${Math.round((Date.now() - started) / 1000)} s: ${result.manifestPath}`);
        resolve(result);
      } else reject(new Error(`building the development keys failed (exit ${code})`));
    });
  });
}
