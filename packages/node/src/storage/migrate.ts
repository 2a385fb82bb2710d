import { createHash, randomUUID } from "node:crypto";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { ZkLiteError } from "@zklite/protocol";
import type { SqlConnection } from "./sql-connection.js";

/** prisma/migrations beside this package's dist/ or src/. */
export const MIGRATIONS_DIR = join(dirname(fileURLToPath(import.meta.url)), "..", "..", "prisma", "migrations");

/** Key of the advisory lock that serializes migrations of several processes on one PostgreSQL. */
const MIGRATION_LOCK_KEY = 0x7a6b_6c01;

/**
 * Applies the SQL migrations of prisma/migrations in name order, each in its own transaction, and records
 * them in Prisma's `_prisma_migrations` table (same columns and checksums as the Prisma CLI, so a
 * connected machine's `prisma migrate status` sees the same history). A migration whose file changed
 * after it was applied is refused.
 */
export async function applyMigrations(sql: SqlConnection, migrationsDir = MIGRATIONS_DIR): Promise<string[]> {
  if (!existsSync(migrationsDir)) throw new ZkLiteError("MIGRATIONS_MISSING", `no migrations folder at ${migrationsDir}`);
  const migrations = readdirSync(migrationsDir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort()
    .map((name) => {
      const text = readFileSync(join(migrationsDir, name, "migration.sql"), "utf8");
      return { name, text, checksum: createHash("sha256").update(text).digest("hex") };
    });
  if (sql.kind === "postgres") await sql.query("SELECT pg_advisory_lock($1)", [MIGRATION_LOCK_KEY]);
  try {
    await sql.exec(`CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
      "id" VARCHAR(36) PRIMARY KEY NOT NULL,
      "checksum" VARCHAR(64) NOT NULL,
      "finished_at" TIMESTAMPTZ,
      "migration_name" VARCHAR(255) NOT NULL,
      "logs" TEXT,
      "rolled_back_at" TIMESTAMPTZ,
      "started_at" TIMESTAMPTZ NOT NULL DEFAULT now(),
      "applied_steps_count" INTEGER NOT NULL DEFAULT 0
    )`);
    const applied = new Map(
      (await sql.query<{ migration_name: string; checksum: string }>(
        `SELECT migration_name, checksum FROM "_prisma_migrations" WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL`,
      )).map((row) => [row.migration_name, row.checksum]),
    );
    const newlyApplied: string[] = [];
    for (const migration of migrations) {
      const checksum = applied.get(migration.name);
      if (checksum !== undefined) {
        if (checksum !== migration.checksum) {
          throw new ZkLiteError("MIGRATION_CHANGED", `migration ${migration.name} was applied with another content; never edit an applied migration, add a new one`);
        }
        continue;
      }
      await sql.exec("BEGIN");
      try {
        await sql.exec(migration.text);
        await sql.query(
          `INSERT INTO "_prisma_migrations" (id, checksum, finished_at, migration_name, applied_steps_count) VALUES ($1, $2, now(), $3, 1)`,
          [randomUUID(), migration.checksum, migration.name],
        );
        await sql.exec("COMMIT");
      } catch (error) {
        await sql.exec("ROLLBACK");
        throw new ZkLiteError("MIGRATION_FAILED", `migration ${migration.name} failed: ${String(error)}`, { cause: error });
      }
      newlyApplied.push(migration.name);
    }
    return newlyApplied;
  } finally {
    if (sql.kind === "postgres") await sql.query("SELECT pg_advisory_unlock($1)", [MIGRATION_LOCK_KEY]);
  }
}
