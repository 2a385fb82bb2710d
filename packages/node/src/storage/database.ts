import { PGlite } from "@electric-sql/pglite";
import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { PrismaPGlite } from "pglite-prisma-adapter";
import { DataDirLock } from "./data-dir-lock.js";
import { PrismaClient } from "./generated/client.js";
import { applyMigrations } from "./migrate.js";
import type { SqlConnection } from "./sql-connection.js";

export type { PrismaClient };

export interface DatabaseOptions {
  /** PostgreSQL connection string; undefined = embedded PGlite in `dataDir`. */
  readonly databaseUrl?: string | undefined;
  /** PGlite data directory, or "memory://" for a throw-away database. */
  readonly dataDir: string;
}

/** An open database: the Prisma client, a raw connection for migrations and locks, and how to close both. */
export interface Database {
  readonly kind: "pglite" | "postgres";
  readonly prisma: PrismaClient;
  readonly sql: SqlConnection;
  close(): Promise<void>;
}

/** Opens the database and applies pending migrations (same schema and migrations on both engines). */
export async function openDatabase(options: DatabaseOptions): Promise<Database> {
  const database = options.databaseUrl === undefined ? await openPglite(options.dataDir) : await openPostgres(options.databaseUrl);
  try {
    await applyMigrations(database.sql);
  } catch (error) {
    await database.close();
    throw error;
  }
  return database;
}

async function openPglite(dataDir: string): Promise<Database> {
  const inMemory = dataDir.startsWith("memory://");
  const lock = inMemory ? undefined : DataDirLock.acquire(dataDir);
  let pglite: PGlite;
  try {
    pglite = await PGlite.create(inMemory ? undefined : dataDir);
  } catch (error) {
    lock?.release();
    throw error;
  }
  const sql: SqlConnection = {
    kind: "pglite",
    exec: async (text) => {
      await pglite.exec(text);
    },
    query: async <Row extends Record<string, unknown>>(text: string, params: readonly unknown[] = []) =>
      (await pglite.query<Row>(text, [...params])).rows,
    close: async () => {},
  };
  const prisma = new PrismaClient({ adapter: new PrismaPGlite(pglite) });
  return {
    kind: "pglite",
    prisma,
    sql,
    close: async () => {
      await prisma.$disconnect();
      await pglite.close();
      lock?.release();
    },
  };
}

async function openPostgres(connectionString: string): Promise<Database> {
  const client = new pg.Client({ connectionString });
  await client.connect();
  const sql: SqlConnection = {
    kind: "postgres",
    exec: async (text) => {
      await client.query(text);
    },
    query: async <Row extends Record<string, unknown>>(text: string, params: readonly unknown[] = []) =>
      (await client.query<Row>(text, [...params])).rows,
    close: async () => {
      await client.end();
    },
  };
  const prisma = new PrismaClient({ adapter: new PrismaPg({ connectionString, max: 10 }) });
  return {
    kind: "postgres",
    prisma,
    sql,
    close: async () => {
      await prisma.$disconnect();
      await client.end();
    },
  };
}
