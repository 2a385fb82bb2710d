// `prisma generate` without network: Prisma looks for a native schema engine first and fails offline, but
// generate only needs the bundled wasm, so any executable satisfies the lookup (ENVIRONMENT.md, Prisma 7).
import { execFileSync } from "node:child_process";
import { chmodSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";

const packageDir = join(dirname(fileURLToPath(import.meta.url)), "..");
const stub = join(mkdtempSync(join(tmpdir(), "zklite-prisma-")), "schema-engine");
writeFileSync(stub, "#!/bin/sh\nexit 0\n");
chmodSync(stub, 0o755);
execFileSync(process.execPath, [join(dirname(createRequire(import.meta.url).resolve("prisma/package.json")), "build", "index.js"), "generate", "--schema", "prisma/schema.prisma"], {
  cwd: packageDir,
  stdio: ["ignore", "ignore", "inherit"],
  env: { ...process.env, PRISMA_SCHEMA_ENGINE_BINARY: stub, CHECKPOINT_DISABLE: "1", PRISMA_HIDE_UPDATE_MESSAGE: "1" },
});
