/**
 * `pnpm --filter @mnemo/benchmarks bench:kernel`: a small read (`sessions.get`) and a small
 * write (`sessions.update`) through the kernel over HTTP, beside the same call in-process and
 * a bare `node:http` server answering the same JSON, all in one run; sessions on memory, then
 * PostgreSQL (DATABASE_URL, when set). Throughput with 16 connections, latency with 1.
 * Writes benchmarks/results/kernel.json and prints a Markdown table.
 */
import { mkdir, writeFile } from "node:fs/promises";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { Worker } from "node:worker_threads";
import { openMemoryBackend } from "@mnemo/backend-memory";
import { openPostgresBackend } from "@mnemo/backend-postgres";
import type { StorageBackend } from "@mnemo/core";
import { createToken, parseConfig, startKernel } from "@mnemo/kernel";
import { SessionStore } from "@mnemo/sessions";

const quick = process.argv.includes("--quick");
const SECONDS = quick ? 1 : 4;
const WARMUP = quick ? 0.3 : 1;
const DATA = { user: "ann", step: 1, tags: ["a", "b"] };

export interface LoadSpec {
  readonly url: string;
  readonly method: string;
  readonly headers: Record<string, string>;
  readonly body?: string;
  readonly connections: number;
  readonly seconds: number;
  readonly warmupSeconds: number;
}

interface Figure {
  readonly rps: number;
  readonly p50us: number;
  readonly p99us: number;
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))] ?? Number.NaN;
}

function summarize(latencies: number[], seconds: number): Figure {
  const sorted = [...latencies].sort((a, b) => a - b);
  return {
    rps: Math.round(latencies.length / seconds),
    p50us: Math.round(percentile(sorted, 0.5)),
    p99us: Math.round(percentile(sorted, 0.99)),
  };
}

/**
 * Runs the load worker; also measures this thread's (the server's) busy time per request
 * with `eventLoopUtilization`, which on a shared machine is steadier than requests/s.
 */
function load(
  spec: Omit<LoadSpec, "seconds" | "warmupSeconds">,
): Promise<{ latencies: number[]; cpuUsPerRequest: number }> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(new URL("./load-worker.mjs", import.meta.url), {
      workerData: { ...spec, seconds: SECONDS, warmupSeconds: WARMUP },
    });
    let start = performance.eventLoopUtilization();
    worker.on("message", (message: "start" | number[]) => {
      if (message === "start") {
        start = performance.eventLoopUtilization();
        return;
      }
      const busy = performance.eventLoopUtilization(start);
      resolve({
        latencies: message,
        cpuUsPerRequest: Math.round((busy.active * 1000) / message.length),
      });
    });
    worker.once("error", reject);
  });
}

/** Throughput at 16 connections; p50/p99 at 1 connection (latency without queueing). */
async function http(spec: Omit<LoadSpec, "connections" | "seconds" | "warmupSeconds">) {
  const loaded = await load({ ...spec, connections: 16 });
  const many = summarize(loaded.latencies, SECONDS);
  const one = summarize((await load({ ...spec, connections: 1 })).latencies, SECONDS);
  return { rps: many.rps, p50us: one.p50us, p99us: one.p99us, cpuUs: loaded.cpuUsPerRequest };
}

async function inProcess(call: () => Promise<unknown>): Promise<Figure> {
  const latencies: number[] = [];
  const end = performance.now() + SECONDS * 1000;
  for (let warm = performance.now() + WARMUP * 1000; performance.now() < warm; ) await call();
  while (performance.now() < end) {
    const started = performance.now();
    await call();
    latencies.push((performance.now() - started) * 1000);
  }
  return summarize(latencies, SECONDS);
}

/** The same JSON a kernel answers, from a bare node:http server (the ceiling). */
async function bareServer(sessions: SessionStore) {
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", async () => {
      const result =
        req.method === "GET"
          ? await sessions.get("bench")
          : await sessions.update("bench", JSON.parse(Buffer.concat(chunks).toString()).data);
      const text = JSON.stringify(result);
      res.writeHead(200, {
        "content-type": "application/json",
        "content-length": Buffer.byteLength(text),
      });
      res.end(text);
    });
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}`, close: () => new Promise((r) => server.close(r)) };
}

async function runOn(backend: "memory" | "postgres", url?: string) {
  const run = `${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`;
  const token = createToken(`bench-${run}`, ["read", "write"]);
  const storage =
    backend === "memory"
      ? '[storage]\nbackend = "memory"'
      : `[storage]\nbackend = "postgres"\n[storage.postgres]\nurl = ${JSON.stringify(url)}\npool_size = 8`;
  const config = parseConfig(
    `[server]\nport = 0\n${storage}\n[log]\nrequests = false\n${token.toml}`,
    "bench.toml",
  );
  const kernel = await startKernel(config);
  const base = kernel.url.href.replace(/\/$/, "");
  // In-process and bare server use the same backend kind, opened the same way.
  const root: StorageBackend =
    backend === "memory"
      ? await openMemoryBackend()
      : await openPostgresBackend({
          connectionString: url as string,
          poolSize: 8,
          applicationRole: "mnemo_app",
        });
  const sessions = new SessionStore(root.forNamespace("sessions").forTenant(`bench-direct-${run}`));
  await sessions.create({ id: "bench", ttlMs: 86_400_000, data: DATA });
  const auth = { authorization: `Bearer ${token.token}`, "content-type": "application/json" };
  await fetch(`${base}/v1/sessions`, {
    method: "POST",
    headers: auth,
    body: JSON.stringify({ id: "bench", ttlMs: 86_400_000, data: DATA }),
  });
  const bare = await bareServer(sessions);
  const writeBody = JSON.stringify({ data: DATA });
  const rows = {
    read: {
      inProcess: await inProcess(() => sessions.get("bench")),
      bare: await http({ url: `${bare.url}/`, method: "GET", headers: {} }),
      kernel: await http({ url: `${base}/v1/sessions/bench`, method: "GET", headers: auth }),
    },
    write: {
      inProcess: await inProcess(() => sessions.update("bench", DATA)),
      bare: await http({
        url: `${bare.url}/`,
        method: "PUT",
        headers: { "content-type": "application/json" },
        body: writeBody,
      }),
      kernel: await http({
        url: `${base}/v1/sessions/bench/data`,
        method: "PUT",
        headers: auth,
        body: writeBody,
      }),
    },
  };
  await bare.close();
  await kernel.close();
  await root.close();
  return rows;
}

function table(results: Record<string, Awaited<ReturnType<typeof runOn>>>): string {
  const lines = [
    "| backend | call | in-process p50 µs | bare node:http req/s | kernel req/s | kernel / bare | bare p50/p99 µs | kernel p50/p99 µs | kernel p50 − in-process p50 | kernel p50 − bare p50 | server CPU µs/req bare → kernel |",
    "|---|---|---|---|---|---|---|---|---|---|---|",
  ];
  for (const [backend, rows] of Object.entries(results)) {
    for (const [call, r] of Object.entries(rows)) {
      lines.push(
        `| ${backend} | ${call} | ${r.inProcess.p50us} | ${r.bare.rps} | ${r.kernel.rps} | ${Math.round((100 * r.kernel.rps) / r.bare.rps)}% | ${r.bare.p50us}/${r.bare.p99us} | ${r.kernel.p50us}/${r.kernel.p99us} | ${r.kernel.p50us - r.inProcess.p50us} µs | ${r.kernel.p50us - r.bare.p50us} µs | ${r.bare.cpuUs} → ${r.kernel.cpuUs} |`,
      );
    }
  }
  return lines.join("\n");
}

const results: Record<string, Awaited<ReturnType<typeof runOn>>> = {};
results.memory = await runOn("memory");
if (process.env.DATABASE_URL) results.postgres = await runOn("postgres", process.env.DATABASE_URL);
await mkdir(new URL("../../results/", import.meta.url), { recursive: true });
await writeFile(
  new URL("../../results/kernel.json", import.meta.url),
  `${JSON.stringify({ date: new Date().toISOString(), seconds: SECONDS, results }, null, 2)}\n`,
);
console.log(table(results));
