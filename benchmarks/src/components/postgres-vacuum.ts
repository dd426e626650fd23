/**
 * VACUUM of one namespace's table, for cases that measure reads right after heavy rewrites.
 * With `autovacuum = off` (as on the shared benchmark server) rows rewritten or deleted during
 * a load stay in the table and its index: the first range scan over them visits every dead
 * row. A server with the default `autovacuum = on` would have vacuumed such a table several
 * times during the load; the case reports reads both as loaded and after this.
 */
import pg from "pg";

export interface VacuumReport {
  /** The server's `autovacuum` setting. */
  readonly autovacuum: string;
  /** Dead rows the statistics counted before the VACUUM. */
  readonly deadRows: number;
  readonly seconds: number;
}

/** VACUUMs `mnemo.kv_<namespace>` as the owner (`url` is the run's owner connection). */
export async function vacuumNamespace(url: string, namespace: string): Promise<VacuumReport> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const setting = await client.query<{ autovacuum: string }>("SHOW autovacuum");
    const table = `kv_${namespace}`;
    const dead = await client.query<{ n: string }>(
      "SELECT coalesce(sum(n_dead_tup), 0) AS n FROM pg_stat_user_tables WHERE relname = $1",
      [table],
    );
    const start = performance.now();
    await client.query(
      `VACUUM ${client.escapeIdentifier("mnemo")}.${client.escapeIdentifier(table)}`,
    );
    return {
      autovacuum: setting.rows[0]?.autovacuum ?? "unknown",
      deadRows: Number(dead.rows[0]?.n ?? 0),
      seconds: (performance.now() - start) / 1000,
    };
  } finally {
    await client.end();
  }
}
