// Bundles src/browser/entry.ts for browsers the way a dapp's bundler would (platform "browser"),
// so the browser test exercises the SDK's real browser loading path.
import { build } from "esbuild";
import { mkdirSync, writeFileSync } from "node:fs";

mkdirSync("dist/browser", { recursive: true });
await build({
  entryPoints: ["src/browser/entry.ts"],
  bundle: true,
  platform: "browser",
  format: "esm",
  target: "es2022",
  outfile: "dist/browser/bundle.js",
  logLevel: "warning",
});
writeFileSync(
  "dist/browser/index.html",
  '<!doctype html><html><head><meta charset="utf-8"><title>zkLite SDK browser test</title></head>' +
    '<body><script type="module" src="./bundle.js"></script></body></html>',
);
