/**
 * `pnpm --filter @mnemo/benchmarks bench:swap` (needs DATABASE_URL): the time a hot swap
 * takes for an empty component and for one holding 100K keys (LevelDB → PostgreSQL, with the
 * migration's keys/s beside a bare scan + setBatch copy of the same keys in the same run),
 * and p50/p99 request latency (autocannon, 8 connections, sessions.get over loopback) while
 * the big swap runs against steady state. Writes benchmarks/results/swap.json.
 */
import { randomUUID } from "node:crypto";
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { openLevelBackend } from "@mnemo/backend-level";
import { openPostgresBackend } from "@mnemo/backend-postgres";
import type { Entry } from "@mnemo/core";
import { createToken, parseConfig, startKernel } from "@mnemo/kernel";
import autocannon from "autocannon";

const quick = process.argv.includes("--quick");
const KEYS = quick ? 10_000 : 100_000;
const url = process.env.DATABASE_URL;
if (url === undefined) throw new Error("bench:swap needs DATABASE_URL");
const run = randomUUID().slice(0, 8);
const dir = await mkdtemp(join(tmpdir(), "mnemo-bench-swap-"));
const value = new Uint8Array(100).fill(7);

async function seed(path: string): Promise<void> {
  const level = await openLevelBackend({ path, durability: "fast" });
  const store = level.forNamespace("sessions").forTenant("bench");
  for (let i = 0; i < KEYS; i += 1000) {
    const batch: Entry[] = [];
    for (let j = i; j < Math.min(KEYS, i + 1000); j++)
      batch.push([`k/${String(j).padStart(7, "0")}`, value]);
    await store.setBatch(batch);
  }
  await level.close();
}

/** The floor: scan LevelDB, setBatch 1000 at a time into PostgreSQL, nothing checked. */
async function bareCopy(path: string): Promise<number> {
  const level = await openLevelBackend({ path });
  const pg = await openPostgresBackend({ connectionString: url!, schema: `swap_bare_${run}` });
  const from = level.forNamespace("sessions").forTenant("bench");
  const to = pg.forNamespace("sessions").forTenant("bench");
  const started = performance.now();
  let batch: Entry[] = [];
  for await (const entry of from.scan()) {
    batch.push(entry);
    if (batch.length === 1000) {
      await to.setBatch(batch);
      batch = [];
    }
  }
  if (batch.length > 0) await to.setBatch(batch);
  const seconds = (performance.now() - started) / 1000;
  await level.close();
  await pg.close();
  return seconds;
}

const ms = (r: autocannon.Result) => ({
  p50ms: r.latency.p50,
  p99ms: r.latency.p99,
  rps: Math.round(r.requests.average),
});

await seed(join(dir, "bare"));
const bareSeconds = await bareCopy(join(dir, "bare"));
await seed(join(dir, "data"));

const admin = createToken("bench", ["read", "write", "admin"]);
const config = parseConfig(
  [
    "[server]",
    "port = 0",
    "[storage]",
    'backend = "level"',
    `path = ${JSON.stringify(join(dir, "data"))}`,
    "[storage.postgres]",
    `url = ${JSON.stringify(url)}`,
    `schema = "swap_bench_${run}"`,
    "[storage.vector_embeddings]",
    'backend = "postgres"',
    "[log]",
    'level = "error"',
    admin.toml,
  ].join("\n"),
  "bench.toml",
);
const kernel = await startKernel(config);
const base = kernel.url.href.replace(/\/$/, "");
const headers = { authorization: `Bearer ${admin.token}`, "content-type": "application/json" };
const swap = async (component: string, backend: string) => {
  const r = await fetch(`${base}/admin/components/${component}/backend`, {
    method: "POST",
    headers,
    body: JSON.stringify({ backend }),
  });
  const body = (await r.json()) as { ms: number; migrated?: { keys: number } };
  if (r.status !== 200) throw new Error(`swap ${component} → ${backend}: ${JSON.stringify(body)}`);
  return body;
};

const empty: number[] = [];
for (let i = 0; i < 5; i++) {
  empty.push((await swap("agent_state", i % 2 === 0 ? "memory" : "level")).ms);
}
empty.sort((a, b) => a - b);

await fetch(`${base}/v1/sessions`, {
  method: "POST",
  headers,
  body: JSON.stringify({ id: "hot", ttlMs: 3_600_000, data: { n: 1 } }),
});
const target = { url: `${base}/v1/sessions/hot`, headers, connections: 8 };
const steady = await autocannon({ ...target, duration: 3 });
const busy = autocannon({ ...target, duration: 3600 });
const big = await swap("sessions", "postgres");
(busy as unknown as { stop(): void }).stop();
const during = await busy;
await kernel.close();
await rm(dir, { recursive: true, force: true });

const keys = big.migrated?.keys ?? 0;
const result = {
  at: new Date().toISOString(),
  keys: KEYS,
  emptySwapMs: { median: empty[2], min: empty[0], max: empty[4] },
  dataSwap: { ms: big.ms, keys, keysPerSecond: Math.round(keys / (big.ms / 1000)) },
  bareCopy: { seconds: bareSeconds, keysPerSecond: Math.round(KEYS / bareSeconds) },
  latency: { steady: ms(steady), duringSwap: ms(during) },
  failedRequests: {
    steady: steady.errors + steady.non2xx,
    duringSwap: during.errors + during.non2xx,
  },
};
await mkdir(new URL("../../results/", import.meta.url), { recursive: true });
await writeFile(
  new URL("../../results/swap.json", import.meta.url),
  `${JSON.stringify(result, null, 2)}\n`,
);
console.log(JSON.stringify(result, null, 2));
