/** The few raw SQL operations storage needs below Prisma: migrations, locks and row-locking claims. */
export interface SqlConnection {
  readonly kind: "pglite" | "postgres";
  /** Runs one or more statements without parameters. */
  exec(sql: string): Promise<void>;
  query<Row extends Record<string, unknown>>(sql: string, params?: readonly unknown[]): Promise<Row[]>;
  close(): Promise<void>;
}
