import { execSync } from "node:child_process";
import { existsSync, readdirSync } from "node:fs";
import { randomBytes } from "node:crypto";
import pg from "pg";

/** The machine's PostgreSQL (127.0.0.1:5432, trust auth); ZKLITE_TEST_PG_URL overrides the server URL. */
const SERVER_URL = process.env.ZKLITE_TEST_PG_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres";

async function reachable(): Promise<boolean> {
  const client = new pg.Client({ connectionString: SERVER_URL, connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
    await client.end();
    return true;
  } catch {
    return false;
  }
}

/** Starts the Debian cluster, installing PostgreSQL first when it is absent (needs root, as CI is). */
async function ensureServer(): Promise<void> {
  if (await reachable()) return;
  if (!existsSync("/etc/postgresql")) {
    execSync("apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q postgresql", { stdio: "inherit" });
  }
  const [version] = readdirSync("/etc/postgresql");
  execSync(`pg_ctlcluster --skip-systemctl-redirect ${version} main start`, { stdio: "inherit" });
  for (let i = 0; i < 50 && !(await reachable()); i++) await new Promise((resolve) => setTimeout(resolve, 200));
  if (!(await reachable())) throw new Error(`PostgreSQL does not answer on ${SERVER_URL}`);
}

/** A fresh, empty database on the machine's PostgreSQL; `drop()` removes it. */
export async function createTestDatabase(): Promise<{ url: string; drop(): Promise<void> }> {
  await ensureServer();
  const name = `zklite_test_${randomBytes(6).toString("hex")}`;
  const admin = new pg.Client({ connectionString: SERVER_URL });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(SERVER_URL);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: async () => {
      const client = new pg.Client({ connectionString: SERVER_URL });
      await client.connect();
      await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await client.end();
    },
  };
}
