/**
 * `pnpm --filter @mnemo/benchmarks bench:kernel`: a small read (`sessions.get`) and a small
 * write (`sessions.update`) through the kernel over HTTP, beside the same call in-process and
 * a bare `node:http` server answering the same JSON, all in one run; sessions on memory, then
 * PostgreSQL (DATABASE_URL, when set). Throughput with 16 connections, latency with 1 (one
 * request in flight, as the in-process loop has one call in flight).
 *
 * Like is measured beside like: every round measures in-process, bare and kernel one after
 * the other (the order rotating), and each figure is the median of its rounds, so a burst of
 * load on the shared machine or a slow fsync lands on one round, not on one side. The bare
 * server also times the component call inside each request: the in-process call as it runs
 * when requests arrive over HTTP, apart from the tight loop's figure.
 * Writes benchmarks/results/kernel.json and prints a Markdown table.
 */
import { spawn } from "node:child_process";
import { mkdir, writeFile } from "node:fs/promises";
import { loadavg } from "node:os";
import { fileURLToPath } from "node:url";
import { bareServer, DATA, openSides } from "./sides.js";

const quick = process.argv.includes("--quick");
const SECONDS = quick ? 1 : 2;
const WARMUP = quick ? 0.3 : 0.5;
const ROUNDS = quick ? 1 : 5;

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
 * Runs the load generator in a child process and measures this process's (the server's) CPU
 * time per request with `process.cpuUsage`, steadier on a shared machine than requests/s.
 */
function load(
  spec: Omit<LoadSpec, "seconds" | "warmupSeconds">,
  onStart: () => void = () => {},
): Promise<{ latencies: number[]; cpuUsPerRequest: number }> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      [
        fileURLToPath(new URL("./load-worker.mjs", import.meta.url)),
        JSON.stringify({ ...spec, seconds: SECONDS, warmupSeconds: WARMUP }),
      ],
      { stdio: ["ignore", "pipe", "inherit"] },
    );
    let start = process.cpuUsage();
    let out = "";
    child.stdout.on("data", (chunk) => {
      out += String(chunk);
      if (out.startsWith("start\n") && out.length === 6) {
        start = process.cpuUsage();
        onStart();
      }
    });
    child.on("error", reject);
    child.on("close", (code) => {
      const cpu = process.cpuUsage(start);
      if (code !== 0) return reject(new Error(`load generator exited ${code}`));
      const latencies = JSON.parse(out.slice(out.indexOf("\n") + 1)) as number[];
      resolve({
        latencies,
        cpuUsPerRequest: Math.round((cpu.user + cpu.system) / latencies.length),
      });
    });
  });
}

/** Times the component call inside each request of the bare server (reset per latency run). */
class CallTimer {
  samples: number[] = [];
  async time<T>(call: () => Promise<T>): Promise<T> {
    const started = performance.now();
    const result = await call();
    this.samples.push((performance.now() - started) * 1000);
    return result;
  }
}

/** Throughput at 16 connections; p50/p99 at 1 connection (latency without queueing). */
async function http(spec: Target, timer?: CallTimer) {
  const loaded = await load({ ...spec, connections: 16 });
  const many = summarize(loaded.latencies, SECONDS);
  const one = summarize(
    (
      await load({ ...spec, connections: 1 }, () => {
        if (timer !== undefined) timer.samples = [];
      })
    ).latencies,
    SECONDS,
  );
  const callP50us = timer === undefined ? undefined : summarize(timer.samples, SECONDS).p50us;
  return {
    rps: many.rps,
    p50us: one.p50us,
    p99us: one.p99us,
    cpuUs: loaded.cpuUsPerRequest,
    ...(callP50us === undefined ? {} : { callP50us }),
  };
}

type Target = Omit<LoadSpec, "connections" | "seconds" | "warmupSeconds">;

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  const at = (i: number) => sorted[i] ?? Number.NaN;
  return Math.round(sorted.length % 2 === 1 ? at(mid) : (at(mid - 1) + at(mid)) / 2);
}

/** Each field's median over the rounds (fields present in every round). */
function medians<T extends object>(runs: T[]): T {
  const out: Record<string, number> = {};
  for (const key of Object.keys(runs[0] ?? {})) {
    out[key] = median(runs.map((r) => (r as Record<string, number>)[key] as number));
  }
  return out as T;
}

/** ROUNDS rounds of in-process, bare, kernel, the order rotating; medians of the rounds. */
async function interleaved(
  call: () => Promise<unknown>,
  bareTarget: Target,
  timer: CallTimer,
  kernelTarget: Target,
) {
  const runs = { inProcess: [] as Figure[], bare: [] as HttpFigure[], kernel: [] as HttpFigure[] };
  const steps = [
    async () => runs.inProcess.push(await inProcess(call)),
    async () => runs.bare.push(await http(bareTarget, timer)),
    async () => runs.kernel.push(await http(kernelTarget)),
  ];
  for (let round = 0; round < ROUNDS; round++) {
    for (let i = 0; i < steps.length; i++) await steps[(round + i) % steps.length]?.();
  }
  // p50 differences paired within each round (the same load hit both sides), then the median.
  const paired = (f: (round: number) => number) =>
    median(Array.from({ length: ROUNDS }, (_, round) => f(round)));
  const p50 = (figures: { p50us: number }[], round: number) => figures[round]?.p50us ?? Number.NaN;
  return {
    inProcess: medians(runs.inProcess),
    bare: medians(runs.bare),
    kernel: medians(runs.kernel),
    addedP50us: {
      bareOverInProcess: paired((r) => p50(runs.bare, r) - p50(runs.inProcess, r)),
      kernelOverBare: paired((r) => p50(runs.kernel, r) - p50(runs.bare, r)),
      kernelOverInProcess: paired((r) => p50(runs.kernel, r) - p50(runs.inProcess, r)),
    },
    rounds: runs,
  };
}

type HttpFigure = Awaited<ReturnType<typeof http>>;

async function inProcess(call: () => Promise<unknown>): Promise<Figure> {
  const latencies: number[] = [];
  for (let warm = performance.now() + WARMUP * 1000; performance.now() < warm; ) await call();
  // Measured for SECONDS after the warm-up, as the load generator does.
  const end = performance.now() + SECONDS * 1000;
  while (performance.now() < end) {
    const started = performance.now();
    await call();
    latencies.push((performance.now() - started) * 1000);
  }
  return summarize(latencies, SECONDS);
}

/** The same JSON a kernel answers, from a bare node:http server (the ceiling). */
async function runOn(backend: "memory" | "postgres", url?: string) {
  const { base, auth, sessions, close } = await openSides(backend, url);
  const timer = new CallTimer();
  const bare = await bareServer(sessions, (call) => timer.time(call));
  const writeBody = JSON.stringify({ data: DATA });
  const readBare = { url: `${bare.url}/`, method: "GET", headers: {} };
  const readKernel = { url: `${base}/v1/sessions/bench`, method: "GET", headers: auth };
  const writeBare = {
    url: `${bare.url}/`,
    method: "PUT",
    headers: { "content-type": "application/json" },
    body: writeBody,
  };
  const writeKernel = {
    url: `${base}/v1/sessions/bench/data`,
    method: "PUT",
    headers: auth,
    body: writeBody,
  };
  const rows = {
    read: await interleaved(() => sessions.get("bench"), readBare, timer, readKernel),
    write: await interleaved(() => sessions.update("bench", DATA), writeBare, timer, writeKernel),
  };
  await bare.close();
  await close();
  return rows;
}

const signed = (n: number) => (n < 0 ? `−${-n}` : `+${n}`);

function table(results: Record<string, Awaited<ReturnType<typeof runOn>>>): string {
  const lines = [
    "| backend | call | in-process p50 µs (tight loop) | the call inside the bare server, p50 µs | bare req/s | kernel req/s (of bare) | bare p50/p99 µs | kernel p50/p99 µs | p50 bare − in-process | p50 kernel − bare | p50 kernel − in-process (goal < 100 µs) | server CPU µs/req bare → kernel |",
    "|---|---|---|---|---|---|---|---|---|---|---|---|",
  ];
  for (const [backend, rows] of Object.entries(results)) {
    for (const [call, r] of Object.entries(rows)) {
      const { inProcess: i, bare: b, kernel: k, addedP50us: d } = r;
      const added = d.kernelOverInProcess;
      lines.push(
        `| ${backend} | ${call} | ${i.p50us} | ${b.callP50us} | ${b.rps} | ${k.rps} (${Math.round((100 * k.rps) / b.rps)}%) | ${b.p50us}/${b.p99us} | ${k.p50us}/${k.p99us} | ${signed(d.bareOverInProcess)} | ${signed(d.kernelOverBare)} | ${signed(added)} ${added < 100 ? "met" : "missed"} | ${b.cpuUs} → ${k.cpuUs} |`,
      );
    }
  }
  return `${lines.join("\n")}\n\nmedians of ${ROUNDS} interleaved rounds of ${SECONDS} s (p50 differences paired per round); load average at the end: ${loadavg()
    .map((l) => l.toFixed(1))
    .join(" ")}`;
}

const results: Record<string, Awaited<ReturnType<typeof runOn>>> = {};
results.memory = await runOn("memory");
if (process.env.DATABASE_URL) results.postgres = await runOn("postgres", process.env.DATABASE_URL);
await mkdir(new URL("../../results/", import.meta.url), { recursive: true });
await writeFile(
  new URL("../../results/kernel.json", import.meta.url),
  `${JSON.stringify(
    {
      date: new Date().toISOString(),
      seconds: SECONDS,
      rounds: ROUNDS,
      method: "medians of interleaved rounds (in-process, bare, kernel; order rotating)",
      loadAverage: loadavg(),
      results,
    },
    null,
    2,
  )}\n`,
);
console.log(table(results));
