/**
 * The migration tool (@mnemo/migration): backfill keys/s and MB/s from LevelDB to PostgreSQL
 * and back, on 100-byte values, beside the raw limit measured in the same run (a
 * PostgreSQL `INSERT … SELECT unnest(…)` batch insert of the same rows, 1,000 per
 * statement, measured before and after the backfill: the baseline is their mean) and the
 * seed's copy loop (one get and one set per key, timed on a sample and extrapolated) as the
 * floor; verify keys/s per side (one digest pass each) and of the whole verify; export and
 * import MB/s. Runs with the postgres backend only (it needs both stores); 100K keys, 10K
 * with --quick, `MNEMO_BENCH_MIGRATION_KEYS` to change; 1M by `pnpm bench:migration`.
 */
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { openLevelBackend } from "@mnemo/backend-level";
import { openPostgresBackend } from "@mnemo/backend-postgres";
import type { StorageBackend } from "@mnemo/core";
import {
  DEFAULT_BATCHES_IN_FLIGHT,
  DEFAULT_CHECKPOINT_EVERY,
  digestRange,
  exportStore,
  importStore,
  Migration,
} from "@mnemo/migration";
import pg from "pg";
import type { ComponentBenchmark, Figure } from "../harness/component-bench.js";

const VALUE_BYTES = 100;
const NS = "bench_migration";
const MB = 1024 * 1024;

const key = (i: number) => `k${String(i).padStart(8, "0")}`;
function value(i: number): Uint8Array {
  const v = new Uint8Array(VALUE_BYTES);
  for (let j = 0; j < VALUE_BYTES; j++) v[j] = (i * 31 + j) & 0xff;
  return v;
}

async function fill(store: StorageBackend, keys: number): Promise<number> {
  const start = performance.now();
  const handle = store.forNamespace(NS).forTenant("t1");
  for (let i = 0; i < keys; i += 1000) {
    const entries: [string, Uint8Array][] = [];
    for (let j = i; j < Math.min(keys, i + 1000); j++) entries.push([key(j), value(j)]);
    await handle.setBatch(entries);
  }
  return keys / ((performance.now() - start) / 1000);
}

/** Seconds of one digest pass over the namespace's tenant: what verify reads of one side. */
async function digestSeconds(store: StorageBackend): Promise<number> {
  const handle = store.forNamespace(NS).forTenant("t1");
  return timed(() => digestRange(handle, { after: undefined, upTo: undefined }));
}

/** Seconds of `body`. */
async function timed(body: () => Promise<unknown>): Promise<number> {
  const start = performance.now();
  await body();
  return (performance.now() - start) / 1000;
}

/** The raw limit: the same rows into a plain table by unnest batches of 1,000, one at a time. */
async function rawUnnest(url: string, keys: number): Promise<number> {
  const pool = new pg.Pool({ connectionString: url, max: 4 });
  pool.on("error", () => {});
  const table = "mnemo_bench_raw_unnest";
  try {
    await pool.query(`DROP TABLE IF EXISTS ${table}`);
    await pool.query(
      `CREATE TABLE ${table} (tenant_id text NOT NULL, key text COLLATE "C" NOT NULL, value bytea NOT NULL, PRIMARY KEY (tenant_id, key))`,
    );
    const seconds = await timed(async () => {
      for (let i = 0; i < keys; i += 1000) {
        const ks: string[] = [];
        const vs: Buffer[] = [];
        for (let j = i; j < Math.min(keys, i + 1000); j++) {
          ks.push(key(j));
          vs.push(Buffer.from(value(j)));
        }
        await pool.query(
          `INSERT INTO ${table} (tenant_id, key, value) SELECT 't1', k, v FROM unnest($1::text[], $2::bytea[]) AS u(k, v)`,
          [ks, vs],
        );
      }
    });
    return keys / seconds;
  } finally {
    await pool.query(`DROP TABLE IF EXISTS ${table}`).catch(() => {});
    await pool.end();
  }
}

/** Keys per backfill batch (`MNEMO_BENCH_MIGRATION_BATCH`; the CLI's default, 1,000). */
const BATCH = Number(process.env.MNEMO_BENCH_MIGRATION_BATCH ?? 1000);
/** Batches in flight (`MNEMO_BENCH_MIGRATION_IN_FLIGHT`; the library's default). */
const IN_FLIGHT = Number(process.env.MNEMO_BENCH_MIGRATION_IN_FLIGHT ?? DEFAULT_BATCHES_IN_FLIGHT);
/** Settled batches per checkpoint (`MNEMO_BENCH_MIGRATION_CHECKPOINT_EVERY`; the default). */
const CHECKPOINT_EVERY = Number(
  process.env.MNEMO_BENCH_MIGRATION_CHECKPOINT_EVERY ?? DEFAULT_CHECKPOINT_EVERY,
);
/** How the backfill ran, for the notes: the raw baseline is one statement at a time. */
const SHAPE = `${IN_FLIGHT} batches of ${BATCH} in flight, a checkpoint every ${CHECKPOINT_EVERY}`;

async function backfill(source: StorageBackend, target: StorageBackend, batchSize: number) {
  const migration = await Migration.start({ source, target, namespace: NS }, { batchSize });
  await migration.advance("backfill");
  const seconds = await timed(() =>
    migration.backfill({ batchesInFlight: IN_FLIGHT, checkpointEvery: CHECKPOINT_EVERY }),
  );
  await migration.advance("verify");
  const verifySeconds = await timed(() => migration.verify());
  return { seconds, verifySeconds };
}

/** The seed's copy loop: every key read and written one at a time. */
async function copyLoop(source: StorageBackend, target: StorageBackend, keys: number) {
  const from = source.forNamespace(NS).forTenant("t1");
  const to = target.forNamespace(`${NS}_loop`).forTenant("t1");
  const seconds = await timed(async () => {
    for (const k of await from.listKeys()) {
      if (Number(k.slice(1)) >= keys) break;
      await to.set(k, (await from.get(k))!);
    }
  });
  return keys / seconds;
}

/** Every figure of the migration, on `keys` keys (the copy loop on `loopKeys` of them). */
export async function measureMigration(
  postgresUrl: string,
  keys: number,
  loopKeys: number,
  progress: (line: string) => void,
): Promise<Figure[]> {
  const mb = (keys * (VALUE_BYTES + 9)) / MB;
  const dir = await mkdtemp(join(tmpdir(), "mnemo-bench-mig-"));
  const schema = `mnemo_bench_mig_${process.pid}`;
  const stores: StorageBackend[] = [];
  const open = async (kind: "level" | "postgres", name: string) => {
    const store =
      kind === "level"
        ? await openLevelBackend({ path: join(dir, name) })
        : await openPostgresBackend({
            connectionString: postgresUrl,
            schema: `${schema}_${name}`,
            poolSize: 8,
          });
    stores.push(store);
    return store;
  };
  const rate = (seconds: number) => keys / seconds;
  const figures: Figure[] = [];
  try {
    progress(`raw unnest insert of ${keys} rows`);
    const rawBefore = await rawUnnest(postgresUrl, keys);
    const level = await open("level", "old");
    const levelFill = await fill(level, keys);
    const postgres = await open("postgres", "new");
    progress(`backfill LevelDB→PostgreSQL, ${keys} keys`);
    const toPg = await backfill(level, postgres, BATCH);
    progress(`raw unnest insert of ${keys} rows, again`);
    const rawAfter = await rawUnnest(postgresUrl, keys);
    const raw = (rawBefore + rawAfter) / 2;
    const rawNote = `raw ${Math.round(rawBefore)} before, ${Math.round(rawAfter)} after`;
    const baseline = { name: "PostgreSQL unnest batch insert (raw pg)", value: raw };
    figures.push({
      name: `backfill LevelDB→PostgreSQL (${keys} keys, 100 B)`,
      unit: "keys/s",
      value: rate(toPg.seconds),
      baseline,
      notes: `${(mb / toPg.seconds).toFixed(1)} MB/s; ratio to raw ${(rate(toPg.seconds) / raw).toFixed(2)} (${rawNote}; raw is one connection, one statement at a time); ${SHAPE}`,
    });
    progress("verify, and one digest pass per side");
    const [levelDigest, pgDigest] = [await digestSeconds(level), await digestSeconds(postgres)];
    figures.push(
      {
        name: `verify LevelDB+PostgreSQL (${keys} keys)`,
        unit: "keys/s",
        value: rate(toPg.verifySeconds),
        notes: "both sides digested per range, one after the other",
      },
      {
        name: `verify digest pass, LevelDB side (${keys} keys)`,
        unit: "keys/s",
        value: rate(levelDigest),
      },
      {
        name: `verify digest pass, PostgreSQL side (${keys} keys)`,
        unit: "keys/s",
        value: rate(pgDigest),
      },
    );
    progress(`seed copy loop on a sample of ${loopKeys} keys`);
    const loop = await copyLoop(level, postgres, loopKeys);
    figures.push({
      name: "seed copy loop LevelDB→PostgreSQL (get + set per key)",
      unit: "keys/s",
      value: loop,
      notes: `timed on ${loopKeys} keys, extrapolated: ${(keys / loop / 60).toFixed(1)} min for ${keys}; backfill is ${(rate(toPg.seconds) / loop).toFixed(0)}x this`,
    });

    const back = await open("level", "back");
    progress(`backfill PostgreSQL→LevelDB, ${keys} keys`);
    const toLevel = await backfill(postgres, back, BATCH);
    figures.push({
      name: `backfill PostgreSQL→LevelDB (${keys} keys, 100 B)`,
      unit: "keys/s",
      value: rate(toLevel.seconds),
      baseline: {
        name: "Mnemo LevelDB setBatch of the same rows (1,000 per batch)",
        value: levelFill,
      },
      notes: `${(mb / toLevel.seconds).toFixed(1)} MB/s; ratio to the setBatch fill ${(rate(toLevel.seconds) / levelFill).toFixed(2)}; ${SHAPE}`,
    });

    progress("export and import");
    const chunks: Buffer[] = [];
    const exportSeconds = await timed(async () => {
      for await (const chunk of exportStore(level, { namespaces: [NS] })) chunks.push(chunk);
    });
    const bytes = chunks.reduce((n, c) => n + c.length, 0);
    const restored = await open("level", "restored");
    const importSeconds = await timed(() =>
      importStore(restored, async function* () {
        yield* chunks;
      }),
    );
    figures.push(
      { name: "export LevelDB (in memory sink)", unit: "MB/s", value: bytes / MB / exportSeconds },
      {
        name: "import into LevelDB (verify pass + write pass)",
        unit: "MB/s",
        value: bytes / MB / importSeconds,
      },
    );
    return figures;
  } finally {
    for (const store of stores) await store.close().catch(() => {});
    const admin = new pg.Client({ connectionString: postgresUrl });
    await admin.connect();
    await admin.query(`DROP SCHEMA IF EXISTS ${schema}_new CASCADE`).catch(() => {});
    await admin.end();
    await rm(dir, { recursive: true, force: true });
  }
}

export const migrationBenchmark: ComponentBenchmark = {
  component: "migration",
  async run(ctx) {
    if (ctx.backend !== "postgres" || ctx.postgresUrl === undefined) return [];
    const keys = Number(process.env.MNEMO_BENCH_MIGRATION_KEYS ?? (ctx.quick ? 10_000 : 100_000));
    return measureMigration(ctx.postgresUrl, keys, Math.min(keys, ctx.quick ? 500 : 2_000), (l) =>
      ctx.progress(l),
    );
  },
};
