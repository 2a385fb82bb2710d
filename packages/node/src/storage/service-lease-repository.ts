import type { PrismaClient } from "./generated/client.js";

/**
 * A lease on a singleton service (one row per service name): whoever holds it may act, the others stand by. It is
 * taken when free or expired and renewed by its holder, by the database's clock in one statement, so two
 * processes never both hold it. A holder that stops releases it; one that dies loses it when it expires.
 */
export class ServiceLeaseRepository {
  constructor(
    private readonly prisma: PrismaClient,
    readonly service: string,
    readonly holder: string,
    private readonly ttlMs: number,
  ) {}

  /** Takes or renews the lease; false while another process holds it. */
  async acquire(): Promise<boolean> {
    const rows = await this.prisma.$queryRaw<{ holder: string }[]>`
      INSERT INTO "ServiceLease" ("service", "holder", "expiresAt")
      VALUES (${this.service}, ${this.holder}, now() + make_interval(secs => ${this.ttlMs / 1000}))
      ON CONFLICT ("service") DO UPDATE SET "holder" = EXCLUDED."holder", "expiresAt" = EXCLUDED."expiresAt"
      WHERE "ServiceLease"."holder" = EXCLUDED."holder" OR "ServiceLease"."expiresAt" < now()
      RETURNING "holder"`;
    return rows.length === 1;
  }

  /** The current holder, if its lease has not expired. */
  async currentHolder(): Promise<string | undefined> {
    const rows = await this.prisma.$queryRaw<{ holder: string }[]>`SELECT "holder" FROM "ServiceLease" WHERE "service" = ${this.service} AND "expiresAt" >= now()`;
    return rows[0]?.holder;
  }

  async release(): Promise<void> {
    await this.prisma.$executeRaw`DELETE FROM "ServiceLease" WHERE "service" = ${this.service} AND "holder" = ${this.holder}`;
  }
}
