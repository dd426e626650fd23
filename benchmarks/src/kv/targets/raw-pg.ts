import pg from "pg";
import type { KvTarget } from "../target.js";

/**
 * `pg` used directly on a table of the same shape as the Mnemo backend's (tenant_id, key
 * COLLATE "C", value bytea), with the SQL a careful user would write: no row-level security,
 * no validation, plain `pool.query`.
 */
export async function rawPgTarget(connectionString: string, poolSize: number): Promise<KvTarget> {
  const pool = new pg.Pool({ connectionString, max: poolSize, connectionTimeoutMillis: 10_000 });
  pool.on("error", () => {});
  const table = "mnemo_bench_raw_kv";
  await pool.query(`DROP TABLE IF EXISTS ${table}`);
  await pool.query(
    `CREATE TABLE ${table} (tenant_id text NOT NULL, key text COLLATE "C" NOT NULL, value bytea NOT NULL, PRIMARY KEY (tenant_id, key))`,
  );
  const tenant = "bench";
  return {
    name: "pg",
    async get(key) {
      const { rows } = await pool.query(
        `SELECT value FROM ${table} WHERE tenant_id = $1 AND key = $2`,
        [tenant, key],
      );
      return rows[0]?.value;
    },
    async set(key, value) {
      await pool.query(
        `INSERT INTO ${table} (tenant_id, key, value) VALUES ($1, $2, $3) ON CONFLICT (tenant_id, key) DO UPDATE SET value = EXCLUDED.value`,
        [tenant, key, value],
      );
    },
    async getMany(keys) {
      const { rows } = await pool.query(
        `SELECT key, value FROM ${table} WHERE tenant_id = $1 AND key = ANY($2::text[])`,
        [tenant, keys],
      );
      return rows;
    },
    async setMany(entries) {
      await pool.query(
        `INSERT INTO ${table} (tenant_id, key, value) SELECT $1, k, v FROM unnest($2::text[], $3::bytea[]) AS u(k, v) ON CONFLICT (tenant_id, key) DO UPDATE SET value = EXCLUDED.value`,
        [tenant, entries.map(([k]) => k), entries.map(([, v]) => v)],
      );
    },
    async scanPrefix(prefix) {
      const { rows } = await pool.query(
        `SELECT key, value FROM ${table} WHERE tenant_id = $1 AND key >= $2 AND key < $3 ORDER BY key`,
        [tenant, prefix, `${prefix}\uffff`],
      );
      return rows.length;
    },
    async close() {
      await pool.query(`DROP TABLE IF EXISTS ${table}`);
      await pool.end();
    },
  };
}
