/** Writes of the committed-state rows (Account, Balance) in one statement each, inside a caller's transaction. */
import type { Prisma } from "./generated/client.js";

type Tx = Prisma.TransactionClient;

export interface AccountWrite {
  readonly id: number;
  readonly address: string;
  /** undefined = unchanged (an existing account); a new account defaults to nonce 0 and no key. */
  readonly nonce?: number | undefined;
  readonly pubKeyHash?: string | undefined;
  readonly lastBlock: number;
}

const ZERO_PUBKEY_HASH = `sync:${"0".repeat(40)}`;

export async function createAccounts(tx: Tx, accounts: readonly AccountWrite[]): Promise<void> {
  if (accounts.length === 0) return;
  await tx.$executeRaw`
    INSERT INTO "Account" ("id", "address", "nonce", "pubKeyHash", "lastBlock")
    SELECT * FROM unnest(${accounts.map((a) => a.id)}::int[], ${accounts.map((a) => a.address)}::text[], ${accounts.map((a) => a.nonce ?? 0)}::bigint[],
                         ${accounts.map((a) => a.pubKeyHash ?? ZERO_PUBKEY_HASH)}::text[], ${accounts.map((a) => a.lastBlock)}::int[])`;
}

export async function updateAccounts(tx: Tx, accounts: readonly AccountWrite[]): Promise<void> {
  if (accounts.length === 0) return;
  await tx.$executeRaw`
    UPDATE "Account" AS a SET
      "nonce" = COALESCE(u.nonce, a."nonce"),
      "pubKeyHash" = COALESCE(u."pubKeyHash", a."pubKeyHash"),
      "lastBlock" = u."lastBlock"
    FROM unnest(${accounts.map((a) => a.id)}::int[], ${accounts.map((a) => (a.nonce === undefined ? null : a.nonce))}::bigint[],
                ${accounts.map((a) => a.pubKeyHash ?? null)}::text[], ${accounts.map((a) => a.lastBlock)}::int[]) AS u(id, nonce, "pubKeyHash", "lastBlock")
    WHERE a."id" = u.id`;
}

/** Upserts balances in one statement; a zero balance deletes the row. */
export async function writeBalances(tx: Tx, balances: readonly { accountId: number; tokenId: number; amount: bigint }[]): Promise<void> {
  if (balances.length === 0) return;
  const kept = balances.filter((balance) => balance.amount !== 0n);
  const cleared = balances.filter((balance) => balance.amount === 0n);
  if (kept.length > 0) {
    await tx.$executeRaw`
      INSERT INTO "Balance" ("accountId", "tokenId", "amount")
      SELECT * FROM unnest(${kept.map((b) => b.accountId)}::int[], ${kept.map((b) => b.tokenId)}::int[], ${kept.map((b) => b.amount.toString())}::numeric[])
      ON CONFLICT ("accountId", "tokenId") DO UPDATE SET "amount" = EXCLUDED."amount"`;
  }
  if (cleared.length > 0) {
    await tx.$executeRaw`
      DELETE FROM "Balance" b USING unnest(${cleared.map((c) => c.accountId)}::int[], ${cleared.map((c) => c.tokenId)}::int[]) AS input("accountId", "tokenId")
      WHERE b."accountId" = input."accountId" AND b."tokenId" = input."tokenId"`;
  }
}
