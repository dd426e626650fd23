/**
 * Ad-hoc latency check (not a unit test): Mnemo's PostgreSQL backend, as it ships (row-level
 * security on, application role), beside raw `pg` running the same SQL on the same table as
 * the same role. Run from packages/testing (where tsx resolves):
 *   node --conditions=@mnemo/source --import tsx ../backend-postgres/scripts/measure.ts
 */
import pg from "pg";
import { ensureApplicationRole, openPostgresBackend } from "../src/index.js";

const url = process.env.DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";
const ROLE = "mnemo_app";
const tenant = `bench-${process.pid}`;
const value = new Uint8Array(100).fill(7);

await ensureApplicationRole(url, ROLE);
const root = await openPostgresBackend({
  connectionString: url,
  applicationRole: ROLE,
  poolSize: 1,
});
const store = root.forNamespace("bench_measure").forTenant(tenant);
const table = (root.forNamespace("bench_measure") as typeof root).tableName;

const raw = new pg.Pool({ connectionString: url, max: 1 });
const rawClient = await raw.connect();
await rawClient.query(`SET ROLE ${ROLE}`);
await rawClient.query("SELECT set_config('mnemo.tenant', $1, false)", [tenant]);
rawClient.release();

const N = 20_000;
const keys = Array.from({ length: N }, (_, i) => `k/${String(i).padStart(6, "0")}`);
for (let i = 0; i < N; i += 1000) {
  await store.setBatch(keys.slice(i, i + 1000).map((k) => [k, value]));
}
const scanKeys = Array.from({ length: 1000 }, (_, i) => `p/${String(i).padStart(4, "0")}`);
await store.setBatch(scanKeys.map((k) => [k, value]));

// Client CPU µs per op: on a loaded shared machine wall-clock figures are noisy, but the CPU
// this process spends per call is the cost of Mnemo's layers over the same round trip.
const cpu: Record<string, number> = {};
async function time(
  label: string,
  op: (i: number) => Promise<unknown>,
  iterations: number,
): Promise<number[]> {
  for (let i = 0; i < Math.min(200, iterations); i++) await op(i);
  const out: number[] = [];
  const before = process.cpuUsage();
  for (let i = 0; i < iterations; i++) {
    const t = performance.now();
    await op(i);
    out.push((performance.now() - t) * 1000);
  }
  const used = process.cpuUsage(before);
  cpu[label] = (cpu[label] ?? 0) + (used.user + used.system) / iterations / 3;
  return out.sort((a, b) => a - b);
}
const pct = (s: number[], p: number) =>
  s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)]!;

const batch = (i: number) => keys.slice((i * 100) % (N - 100), ((i * 100) % (N - 100)) + 100);
const cases: Record<
  string,
  {
    iterations: number;
    mnemo: (i: number) => Promise<unknown>;
    raw: (i: number) => Promise<unknown>;
  }
> = {
  get: {
    iterations: 3000,
    mnemo: (i) => store.get(keys[(i * 7919) % N]!),
    raw: (i) =>
      raw.query(`SELECT value FROM ${table} WHERE tenant_id = $1 AND key = $2`, [
        tenant,
        keys[(i * 7919) % N],
      ]),
  },
  set: {
    iterations: 1500,
    mnemo: (i) => store.set(keys[(i * 7919) % N]!, value),
    raw: (i) =>
      raw.query(
        `INSERT INTO ${table} (tenant_id, key, value) VALUES ($1, $2, $3) ON CONFLICT (tenant_id, key) DO UPDATE SET value = EXCLUDED.value`,
        [tenant, keys[(i * 7919) % N], value],
      ),
  },
  "getBatch 100": {
    iterations: 400,
    mnemo: (i) => store.getBatch(batch(i)),
    raw: (i) =>
      raw.query(`SELECT key, value FROM ${table} WHERE tenant_id = $1 AND key = ANY($2::text[])`, [
        tenant,
        batch(i),
      ]),
  },
  "setBatch 100": {
    iterations: 300,
    mnemo: (i) => store.setBatch(batch(i).map((k) => [k, value])),
    raw: (i) =>
      raw.query(
        `INSERT INTO ${table} (tenant_id, key, value) SELECT $1, k, v FROM unnest($2::text[], $3::bytea[]) AS u(k, v) ON CONFLICT (tenant_id, key) DO UPDATE SET value = EXCLUDED.value`,
        [tenant, batch(i), batch(i).map(() => value)],
      ),
  },
  "prefix scan 1K": {
    iterations: 150,
    mnemo: async () => {
      let n = 0;
      for await (const _ of store.scan({ prefix: "p/" })) n++;
      if (n !== 1000) throw new Error(`scan returned ${n}`);
    },
    raw: async () => {
      const { rows } = await raw.query(
        `SELECT key, value FROM ${table} WHERE tenant_id = $1 AND key >= $2 AND key < $3 ORDER BY key LIMIT $4`,
        [tenant, "p/", "p0", 100000],
      );
      if (rows.length !== 1000) throw new Error("raw scan");
    },
  },
};

console.log(
  "case            | mnemo p50 / p95 µs | raw pg p50 / p95 µs | ratio p50 | client CPU µs/op mnemo / raw",
);
const medians: Record<string, number> = {};
for (const [name, c] of Object.entries(cases)) {
  // Alternate the two sides in rounds so drift on a shared machine hits both alike.
  const m: number[] = [];
  const r: number[] = [];
  for (let round = 0; round < 3; round++) {
    m.push(...(await time(`m ${name}`, c.mnemo, Math.ceil(c.iterations / 3))));
    r.push(...(await time(`r ${name}`, c.raw, Math.ceil(c.iterations / 3))));
  }
  m.sort((a, b) => a - b);
  r.sort((a, b) => a - b);
  medians[name] = pct(m, 50);
  console.log(
    `${name.padEnd(15)} | ${pct(m, 50).toFixed(0).padStart(8)} / ${pct(m, 95).toFixed(0).padStart(6)} | ${pct(r, 50).toFixed(0).padStart(9)} / ${pct(r, 95).toFixed(0).padStart(6)} | ${(pct(m, 50) / pct(r, 50)).toFixed(2)}x     | ${cpu[`m ${name}`]!.toFixed(0)} / ${cpu[`r ${name}`]!.toFixed(0)}`,
  );
}
await store.clear();
await root.close();
await raw.end();
