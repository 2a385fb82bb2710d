import { mkdtempSync, rmSync, writeFileSync, mkdirSync, cpSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { createTestDatabase } from "../testing/postgres.js";
import { openDatabase, type Database } from "./database.js";
import { applyMigrations, MIGRATIONS_DIR } from "./migrate.js";

async function roundTrip(database: Database): Promise<void> {
  await database.prisma.token.create({ data: { id: 0, address: "0x" + "0".repeat(40), symbol: "ETH", decimals: 18 } });
  await database.prisma.account.create({ data: { id: 3, address: "0x" + "ab".repeat(20), nonce: 0n, pubKeyHash: "sync:" + "0".repeat(40), lastBlock: 0 } });
  await database.prisma.balance.create({ data: { accountId: 3, tokenId: 0, amount: (2n ** 128n - 1n).toString() } });
  const balance = await database.prisma.balance.findUniqueOrThrow({ where: { accountId_tokenId: { accountId: 3, tokenId: 0 } } });
  expect(BigInt(balance.amount.toFixed())).toBe(2n ** 128n - 1n);
  // a failing transaction writes nothing
  await expect(
    database.prisma.$transaction(async (tx) => {
      await tx.token.create({ data: { id: 1, address: "0x" + "11".repeat(20), symbol: "DAI", decimals: 18 } });
      await tx.token.create({ data: { id: 2, address: "0x" + "11".repeat(20), symbol: "DUP", decimals: 18 } });
    }),
  ).rejects.toThrow();
  expect(await database.prisma.token.count()).toBe(1);
}

describe("storage on PGlite", () => {
  const dir = mkdtempSync(join(tmpdir(), "zklite-db-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("applies the migrations once, stores u128 amounts, rolls back failed transactions, reopens", async () => {
    const database = await openDatabase({ dataDir: join(dir, "data") });
    try {
      await roundTrip(database);
      expect(await applyMigrations(database.sql)).toEqual([]);
    } finally {
      await database.close();
    }
    const reopened = await openDatabase({ dataDir: join(dir, "data") });
    try {
      expect(await reopened.prisma.token.count()).toBe(1);
    } finally {
      await reopened.close();
    }
  });

  it("refuses a second process's lock on the data directory and takes over a dead one's", async () => {
    const dataDir = join(dir, "locked");
    mkdirSync(dataDir, { recursive: true });
    writeFileSync(join(dataDir, "zklite.lock"), "1"); // pid 1 is alive
    await expect(openDatabase({ dataDir })).rejects.toMatchObject({ code: "DATA_DIR_LOCKED" });
    writeFileSync(join(dataDir, "zklite.lock"), "999999999"); // no such process
    const database = await openDatabase({ dataDir });
    await database.close();
  });

  it("refuses a migration edited after it was applied", async () => {
    const migrations = join(dir, "migrations");
    cpSync(MIGRATIONS_DIR, migrations, { recursive: true });
    const database = await openDatabase({ dataDir: "memory://" });
    try {
      const [first] = (await database.sql.query<{ migration_name: string }>(`SELECT migration_name FROM "_prisma_migrations"`)).map((row) => row.migration_name);
      writeFileSync(join(migrations, first as string, "migration.sql"), "SELECT 1;");
      await expect(applyMigrations(database.sql, migrations)).rejects.toMatchObject({ code: "MIGRATION_CHANGED" });
    } finally {
      await database.close();
    }
  });
});

describe("storage on PostgreSQL", () => {
  it("applies the same migrations and behaves the same", async () => {
    const testDb = await createTestDatabase();
    try {
      const database = await openDatabase({ databaseUrl: testDb.url, dataDir: "unused" });
      try {
        await roundTrip(database);
        expect(await applyMigrations(database.sql)).toEqual([]);
      } finally {
        await database.close();
      }
    } finally {
      await testDb.drop();
    }
  });
});
