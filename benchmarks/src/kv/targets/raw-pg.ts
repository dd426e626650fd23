import pg from "pg";
import type { KvTarget } from "../target.js";

/**
 * `pg` used directly on a table of the same shape as the Mnemo backend's (tenant_id, key
 * COLLATE "C", value bytea, version bigint), with the SQL a careful user would write: no
 * row-level security, no validation. `prepared`: named statements, parsed once per
 * connection, as Mnemo itself sends them (the fastest reasonable raw use, the baseline);
 * otherwise plain `pool.query` (a second row).
 */
export async function rawPgTarget(
  connectionString: string,
  poolSize: number,
  prepared = true,
): Promise<KvTarget> {
  const pool = new pg.Pool({ connectionString, max: poolSize, connectionTimeoutMillis: 10_000 });
  pool.on("error", () => {});
  const table = prepared ? "mnemo_bench_raw_kv" : "mnemo_bench_raw_kv_plain";
  const counters = `${table}_counters`;
  await pool.query(`DROP TABLE IF EXISTS ${table}, ${counters}`);
  await pool.query(
    `CREATE TABLE ${table} (tenant_id text NOT NULL, key text COLLATE "C" NOT NULL, value bytea NOT NULL, version bigint NOT NULL DEFAULT 0, PRIMARY KEY (tenant_id, key))`,
  );
  await pool.query(
    `CREATE TABLE ${counters} (tenant_id text NOT NULL, key text COLLATE "C" NOT NULL, n bigint NOT NULL, PRIMARY KEY (tenant_id, key))`,
  );
  const tenant = "bench";
  // One statement name per SQL text.
  const names = new Map<string, string>();
  const query = (text: string, values: unknown[]) => {
    if (!prepared) return pool.query(text, values);
    let name = names.get(text);
    if (name === undefined) {
      name = `raw_${names.size}`;
      names.set(text, name);
    }
    return pool.query({ name, text, values });
  };
  const upsert = `ON CONFLICT (tenant_id, key) DO UPDATE SET value = EXCLUDED.value`;
  // The checked commit a careful user writes in one statement: lock the record at the version
  // it was read at, and write it and its index entries only if that row was found.
  const checked = `WITH held AS (
      SELECT 1 FROM ${table} WHERE tenant_id = $1 AND key = $2 AND version = $3 FOR UPDATE
    ) INSERT INTO ${table} (tenant_id, key, value, version)
    SELECT $1, k, v, $3 + 1 FROM unnest($4::text[], $5::bytea[]) AS u(k, v)
    WHERE EXISTS (SELECT 1 FROM held) OR $3 = 0
    ON CONFLICT (tenant_id, key) DO UPDATE SET value = EXCLUDED.value, version = EXCLUDED.version`;
  const versions = new Map<string, number>();
  return {
    name: prepared ? "pg" : "pg (pool.query)",
    async get(key) {
      const { rows } = await query(`SELECT value FROM ${table} WHERE tenant_id = $1 AND key = $2`, [
        tenant,
        key,
      ]);
      return rows[0]?.value;
    },
    async set(key, value) {
      await query(`INSERT INTO ${table} (tenant_id, key, value) VALUES ($1, $2, $3) ${upsert}`, [
        tenant,
        key,
        value,
      ]);
    },
    async getMany(keys) {
      const { rows } = await query(
        `SELECT key, value FROM ${table} WHERE tenant_id = $1 AND key = ANY($2::text[])`,
        [tenant, keys],
      );
      return rows;
    },
    async setMany(entries) {
      await query(
        `INSERT INTO ${table} (tenant_id, key, value) SELECT $1, k, v FROM unnest($2::text[], $3::bytea[]) AS u(k, v) ${upsert}`,
        [tenant, entries.map(([k]) => k), entries.map(([, v]) => v)],
      );
    },
    async checkedCommit(check, puts) {
      const version = versions.get(check) ?? 0;
      const { rowCount } = await query(checked, [
        tenant,
        check,
        version,
        puts.map(([k]) => k),
        puts.map(([, v]) => v),
      ]);
      const ok = (rowCount ?? 0) > 0;
      if (ok) versions.set(check, version + 1);
      return ok;
    },
    async increment(key) {
      await query(
        `INSERT INTO ${counters} (tenant_id, key, n) VALUES ($1, $2, 1) ON CONFLICT (tenant_id, key) DO UPDATE SET n = ${counters}.n + 1`,
        [tenant, key],
      );
    },
    async scanPrefix(prefix) {
      const { rows } = await query(
        `SELECT key, value FROM ${table} WHERE tenant_id = $1 AND key >= $2 AND key < $3 ORDER BY key`,
        [tenant, prefix, `${prefix}\uffff`],
      );
      return rows.length;
    },
    async close() {
      await pool.query(`DROP TABLE IF EXISTS ${table}, ${counters}`);
      await pool.end();
    },
  };
}
