/**
 * Procedural memory: `recordExecution` per second, one at a time and with 16 calls in flight
 * (on 16 skills, and all on one skill). Each execution is one checked commit of counter sums
 * guarded by the skill head's version. Baselines in the same run: on PostgreSQL the raw
 * single-statement `UPDATE … SET n = n + 1` through `pg` (the floor: one WAL flush per
 * commit); on every backend the bare primitive, a commit of one `sum`.
 */
import type { StorageBackend } from "@mnemo/core";
import { ProceduralMemory } from "@mnemo/procedural";
import pg from "pg";
import type {
  ComponentBenchContext,
  ComponentBenchmark,
  Figure,
} from "../harness/component-bench.js";
import { measureThroughput } from "../harness/measure.js";

const SKILLS = 16;

/** `UPDATE … SET n = n + 1` on one of `rows` rows, through a pool of 16, as a careful user would. */
async function rawUpdatePerSecond(
  url: string,
  operations: number,
  concurrency: number,
  rows: number,
): Promise<number> {
  const pool = new pg.Pool({ connectionString: url, max: 16, connectionTimeoutMillis: 10_000 });
  pool.on("error", () => {});
  const table = "mnemo_bench_raw_counter";
  try {
    await pool.query(`DROP TABLE IF EXISTS ${table}`);
    await pool.query(`CREATE TABLE ${table} (id int PRIMARY KEY, n bigint NOT NULL)`);
    await pool.query(`INSERT INTO ${table} SELECT g, 0 FROM generate_series(0, $1 - 1) g`, [rows]);
    return await measureThroughput(
      (i) => pool.query(`UPDATE ${table} SET n = n + 1 WHERE id = $1`, [i % rows]),
      { operations, concurrency },
    );
  } finally {
    await pool.query(`DROP TABLE IF EXISTS ${table}`).catch(() => {});
    await pool.end();
  }
}

async function sumCommitPerSecond(
  store: StorageBackend,
  operations: number,
  concurrency: number,
): Promise<number> {
  const perSecond = await measureThroughput(
    (i) =>
      store
        .atomic()
        .sum(`counter/${i % SKILLS}`, 1n)
        .commit(),
    { operations, concurrency },
  );
  await store.clear();
  return perSecond;
}

/** The 0.1 design's floor: read a counter, compare-and-swap it, retry when another won. */
async function casPerSecond(
  store: StorageBackend,
  operations: number,
  concurrency: number,
): Promise<number> {
  const encode = (n: number) => new TextEncoder().encode(String(n));
  const perSecond = await measureThroughput(
    async (i) => {
      const key = `cas/${i % SKILLS}`;
      for (;;) {
        const raw = await store.get(key);
        const n = raw === undefined ? 0 : Number(new TextDecoder().decode(raw));
        if (await store.compareAndSwap(key, raw, encode(n + 1))) return;
      }
    },
    { operations, concurrency },
  );
  await store.clear();
  return perSecond;
}

async function baselines(context: ComponentBenchContext, operations: number, concurrency: number) {
  const store = await context.open("procedural_baseline");
  const sum = await sumCommitPerSecond(store, operations, concurrency);
  const cas = await casPerSecond(store, operations, concurrency);
  const raw =
    context.postgresUrl === undefined
      ? undefined
      : await rawUpdatePerSecond(
          context.postgresUrl,
          operations,
          concurrency,
          concurrency === 1 ? 1 : SKILLS,
        );
  return { sum, cas, raw };
}

export const proceduralBenchmark: ComponentBenchmark = {
  component: "procedural",
  async run(context) {
    const operations = context.quick ? 200 : context.backend === "memory" ? 20_000 : 3_000;
    const store = await context.open("procedural");
    const memory = new ProceduralMemory(store);
    const names = ["solo", "hot", ...Array.from({ length: SKILLS }, (_, i) => `spread-${i}`)];
    for (const name of names) {
      await memory.saveSkill("bench", { name, category: "bench", content: name });
    }
    const record = (name: string, i: number) =>
      memory.recordExecution("bench", name, { success: i % 10 !== 0, durationMs: i % 100 });
    const figures: Figure[] = [];
    const baseline = (b: { sum: number; cas: number; raw: number | undefined }, what: string) =>
      b.raw === undefined
        ? { name: `commit of one sum${what}`, value: b.sum }
        : { name: `pg UPDATE … SET n = n + 1${what}`, value: b.raw };

    context.progress("procedural: recordExecution, 1 writer");
    const one = await baselines(context, operations, 1);
    figures.push({
      name: "recordExecution (1 writer)",
      unit: "ops/s",
      value: await measureThroughput((i) => record("solo", i), { operations }),
      baseline: baseline(one, ""),
      notes: `one checked commit (1 check, 2 sums, 1 put), no read; commit of one sum: ${Math.round(one.sum)}/s; get + compareAndSwap (the 0.1 design's floor): ${Math.round(one.cas)}/s. Goal on PostgreSQL: >= 0.9x the raw UPDATE`,
    });

    context.progress("procedural: recordExecution, 16 in flight on 16 skills");
    const spread = await baselines(context, operations, 16);
    figures.push({
      name: "recordExecution (16 in flight, 16 skills)",
      unit: "ops/s",
      value: await measureThroughput((i) => record(`spread-${i % SKILLS}`, i), {
        operations,
        concurrency: 16,
      }),
      baseline: baseline(spread, ", 16 in flight on 16 rows"),
      notes: `commit of one sum, 16 in flight: ${Math.round(spread.sum)}/s; get + compareAndSwap (the 0.1 design's floor), 16 in flight: ${Math.round(spread.cas)}/s. Goal on PostgreSQL: >= 6.0K/s (2x the 3.0K/s of the compare-and-swap version)`,
    });

    context.progress("procedural: recordExecution, 16 in flight on one skill");
    figures.push({
      name: "recordExecution (16 in flight, one skill)",
      unit: "ops/s",
      value: await measureThroughput((i) => record("hot", i), { operations, concurrency: 16 }),
      notes: "sums on one row: the backend serialises them, no retries",
    });

    const stats = await memory.getStats("bench", "hot");
    if (stats?.usageCount !== operations) {
      throw new Error(`procedural bench lost counts: ${stats?.usageCount} of ${operations}`);
    }
    await store.clear();
    return figures;
  },
};
