/**
 * Procedural memory: `recordExecution` per second, one at a time and with 16 calls in flight
 * (on 16 skills, and all on one skill). Each execution is one checked commit of counter sums
 * guarded by the skill head's version. Beside it, in the same run: on PostgreSQL the raw
 * single-statement `UPDATE … SET n = n + 1` through `pg` (the floor: one WAL flush per
 * commit); on every backend a commit of one `sum` (the bare primitive) and get +
 * compareAndSwap (the 0.1 design's floor). The cases alternate in rounds and each reports its
 * best round, so a load spike on a shared machine does not fall on one side of a ratio only.
 */
import type { StorageBackend } from "@mnemo/core";
import { ProceduralMemory } from "@mnemo/procedural";
import pg from "pg";
import type { ComponentBenchmark, Figure } from "../harness/component-bench.js";
import { measureThroughput } from "../harness/measure.js";

const SKILLS = 16;
const ROUNDS = 3;

type Case = (operations: number, concurrency: number) => Promise<number>;

/** `UPDATE … SET n = n + 1` on row `i % rows`, through a pool of 16, as a careful user would. */
async function rawUpdates(url: string): Promise<{ run: Case; close(): Promise<void> }> {
  const pool = new pg.Pool({ connectionString: url, max: 16, connectionTimeoutMillis: 10_000 });
  pool.on("error", () => {});
  const table = "mnemo_bench_raw_counter";
  await pool.query(`DROP TABLE IF EXISTS ${table}`);
  await pool.query(`CREATE TABLE ${table} (id int PRIMARY KEY, n bigint NOT NULL)`);
  await pool.query(`INSERT INTO ${table} SELECT g, 0 FROM generate_series(0, $1 - 1) g`, [SKILLS]);
  return {
    run: (operations, concurrency) =>
      measureThroughput(
        (i) =>
          pool.query(`UPDATE ${table} SET n = n + 1 WHERE id = $1`, [
            concurrency === 1 ? 0 : i % SKILLS,
          ]),
        { operations, concurrency },
      ),
    async close() {
      await pool.query(`DROP TABLE IF EXISTS ${table}`).catch(() => {});
      await pool.end();
    },
  };
}

const sumCommits =
  (store: StorageBackend): Case =>
  (operations, concurrency) =>
    measureThroughput(
      (i) =>
        store
          .atomic()
          .sum(`sum/${i % SKILLS}`, 1n)
          .commit(),
      {
        operations,
        concurrency,
      },
    );

const compareAndSwaps =
  (store: StorageBackend): Case =>
  (operations, concurrency) => {
    const encode = (n: number) => new TextEncoder().encode(String(n));
    return measureThroughput(
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
  };

/** Runs every case `ROUNDS` times, alternating, and keeps each one's best round. */
async function alternate(
  cases: Record<string, Case>,
  operations: number,
  concurrency: number,
): Promise<Record<string, number>> {
  const best: Record<string, number> = {};
  for (let round = 0; round < ROUNDS; round++) {
    for (const [name, run] of Object.entries(cases)) {
      const perSecond = await run(Math.ceil(operations / ROUNDS), concurrency);
      best[name] = Math.max(best[name] ?? 0, perSecond);
    }
  }
  return best;
}

export const proceduralBenchmark: ComponentBenchmark = {
  component: "procedural",
  async run(context) {
    const operations = context.quick ? 300 : context.backend === "memory" ? 30_000 : 4_500;
    const store = await context.open("procedural");
    const bare = await context.open("procedural_baseline");
    const raw =
      context.postgresUrl === undefined ? undefined : await rawUpdates(context.postgresUrl);
    const memory = new ProceduralMemory(store);
    const names = ["solo", "hot", ...Array.from({ length: SKILLS }, (_, i) => `spread-${i}`)];
    for (const name of names) {
      await memory.saveSkill("bench", { name, category: "bench", content: name });
    }
    let calls = 0;
    const record =
      (name: (i: number) => string): Case =>
      (ops, concurrency) =>
        measureThroughput(
          (i) => {
            calls++;
            return memory.recordExecution("bench", name(i), {
              success: i % 10 !== 0,
              durationMs: i % 100,
            });
          },
          { operations: ops, concurrency },
        );
    const figures: Figure[] = [];
    try {
      const measure = (mine: Case, concurrency: number) =>
        alternate(
          {
            mine,
            sum: sumCommits(bare),
            cas: compareAndSwaps(bare),
            ...(raw === undefined ? {} : { raw: raw.run }),
          },
          operations,
          concurrency,
        );
      const describe = (r: Record<string, number>, what: string) => ({
        baseline:
          r.raw === undefined
            ? { name: `commit of one sum${what}`, value: r.sum! }
            : { name: `pg UPDATE … SET n = n + 1${what}`, value: r.raw },
        others: `commit of one sum ${Math.round(r.sum!)}/s, get + compareAndSwap (the 0.1 design's floor) ${Math.round(r.cas!)}/s`,
      });

      context.progress("procedural: recordExecution, 1 writer");
      const one = await measure(
        record(() => "solo"),
        1,
      );
      const oneBase = describe(one, "");
      figures.push({
        name: "recordExecution (1 writer)",
        unit: "ops/s",
        value: one.mine!,
        baseline: oneBase.baseline,
        notes: `one checked commit (1 check, 2 sums, 1 put), no read; ${oneBase.others}; best of ${ROUNDS} alternating rounds. Goal on PostgreSQL: >= 0.9x the raw UPDATE`,
      });

      context.progress("procedural: recordExecution, 16 in flight on 16 skills");
      const spread = await measure(
        record((i) => `spread-${i % SKILLS}`),
        16,
      );
      const spreadBase = describe(spread, ", 16 in flight on 16 rows");
      figures.push({
        name: "recordExecution (16 in flight, 16 skills)",
        unit: "ops/s",
        value: spread.mine!,
        baseline: spreadBase.baseline,
        notes: `${spreadBase.others}, 16 in flight; best of ${ROUNDS} alternating rounds. Goal on PostgreSQL: >= 6.0K/s (2x the 3.0K/s of the 0.1 compare-and-swap version)`,
      });

      context.progress("procedural: recordExecution, 16 in flight on one skill");
      const before = calls;
      figures.push({
        name: "recordExecution (16 in flight, one skill)",
        unit: "ops/s",
        value: await record(() => "hot")(operations, 16),
        notes: "sums on one row: the backend serialises them, no retries",
      });
      const stats = await memory.getStats("bench", "hot");
      if (stats?.usageCount !== calls - before) {
        throw new Error(`procedural bench lost counts: ${stats?.usageCount} of ${calls - before}`);
      }
    } finally {
      // Settled, not awaited in turn: a failing cleanup must not hide the case's own error.
      await Promise.allSettled([raw?.close(), bare.clear(), store.clear()]);
    }
    return figures;
  },
};
