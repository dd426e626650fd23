/**
 * Where a kernel request's time goes beside the bare server's, per request at one request in
 * flight: the server process's CPU, event-loop turns (libuv's loop count), I/O events and,
 * in a separate pass (async_hooks slow every call down), the async resources created by type.
 *   DATABASE_URL=… node --conditions=@mnemo/source --import tsx src/kernel/turns.ts [memory|postgres] [read|write]
 * Prints one line per side and round; the same bare server and kernel as bench:kernel.
 * Options (environment): ROUNDS (3), SECONDS (2), CONNECTIONS (1), SIDES (bare,kernel,old),
 * HOOKS=0 (skip the async_hooks pass), OLD_KERNEL=<a copy of an older apps/kernel/src inside
 * apps/kernel, e.g. from `git archive`> to measure that kernel in the same rounds too.
 * With `node --cpu-prof` and SIDES=kernel (or bare), one side's profile.
 */

import { createHook } from "node:async_hooks";
import { spawn } from "node:child_process";
import { loadavg } from "node:os";
import { fileURLToPath } from "node:url";
import { bareServer, DATA, kernelToml, openSides, seedKernel } from "./sides.js";

const backend = (process.argv[2] ?? "postgres") as "memory" | "postgres";
const call = (process.argv[3] ?? "read") as "read" | "write";
const ROUNDS = Number(process.env.ROUNDS ?? 3);
const SECONDS = Number(process.env.SECONDS ?? 2);
const url = process.env.DATABASE_URL;

interface Target {
  readonly url: string;
  readonly method: string;
  readonly headers: Record<string, string>;
  readonly body?: string;
}

const counts = new Map<string, number>();
const hook = createHook({
  init(_id, type) {
    counts.set(type, (counts.get(type) ?? 0) + 1);
  },
});

function uv() {
  const info = performance.nodeTiming.uvMetricsInfo;
  return { loops: info.loopCount, events: info.events };
}

/** One run of the load generator at 1 connection; deltas per request from its "start". */
function measure(target: Target, hooks: boolean) {
  return new Promise<Record<string, number | string>>((resolve, reject) => {
    const child = spawn(
      process.execPath,
      [
        fileURLToPath(new URL("./load-worker.mjs", import.meta.url)),
        JSON.stringify({
          ...target,
          connections: Number(process.env.CONNECTIONS ?? 1),
          seconds: SECONDS,
          warmupSeconds: 0.5,
        }),
      ],
      { stdio: ["ignore", "pipe", "inherit"] },
    );
    let out = "";
    let cpu = process.cpuUsage();
    let loop = uv();
    child.stdout.on("data", (chunk) => {
      out += String(chunk);
      if (out === "start\n") {
        cpu = process.cpuUsage();
        loop = uv();
        counts.clear();
        if (hooks) hook.enable();
      }
    });
    child.on("error", reject);
    child.on("close", (code) => {
      hook.disable();
      const used = process.cpuUsage(cpu);
      const now = uv();
      if (code !== 0) return reject(new Error(`load generator exited ${code}`));
      const latencies = (JSON.parse(out.slice(out.indexOf("\n") + 1)) as number[]).sort(
        (a, b) => a - b,
      );
      const n = latencies.length;
      const per = (x: number) => Math.round((10 * x) / n) / 10;
      const figures: Record<string, number | string> = {
        requests: n,
        p50us: Math.round(latencies[n >> 1] ?? Number.NaN),
        cpuUs: per(used.user + used.system),
        loopTurns: per(now.loops - loop.loops),
        ioEvents: per(now.events - loop.events),
      };
      if (hooks) {
        figures.asyncResources = [...counts]
          .sort((a, b) => b[1] - a[1])
          .map(([type, k]) => `${type}=${per(k)}`)
          .join(" ");
      }
      resolve(figures);
    });
  });
}

const { base, auth, sessions, close } = await openSides(backend, url);
const run = `${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`;
// OLD_KERNEL=<a copy of an older apps/kernel/src>: that kernel too, measured in the same rounds.
const oldModule =
  process.env.OLD_KERNEL === undefined
    ? undefined
    : await import(`${process.env.OLD_KERNEL}/index.ts`);
const oldToken = oldModule?.createToken(`bench-old-${run}`, ["read", "write"]);
const oldKernel =
  oldModule === undefined
    ? undefined
    : await oldModule.startKernel(
        oldModule.parseConfig(kernelToml(backend, url, oldToken.toml), "o.toml"),
      );
const oldBase = oldKernel?.url.href.replace(/\/$/, "");
const oldAuth = { authorization: `Bearer ${oldToken?.token}`, "content-type": "application/json" };
if (oldKernel !== undefined) await seedKernel(oldBase as string, oldAuth);
const bare = await bareServer(sessions);
const bareUrl = `${bare.url}/`;
const body = JSON.stringify({ data: DATA });
const targets: Record<string, Target> =
  call === "read"
    ? {
        bare: { url: bareUrl, method: "GET", headers: {} },
        kernel: { url: `${base}/v1/sessions/bench`, method: "GET", headers: auth },
        old: { url: `${oldBase}/v1/sessions/bench`, method: "GET", headers: oldAuth },
      }
    : {
        bare: {
          url: bareUrl,
          method: "PUT",
          headers: { "content-type": "application/json" },
          body,
        },
        kernel: { url: `${base}/v1/sessions/bench/data`, method: "PUT", headers: auth, body },
        old: { url: `${oldBase}/v1/sessions/bench/data`, method: "PUT", headers: oldAuth, body },
      };
if (oldKernel === undefined) delete targets.old;
console.log(
  `${backend} ${call}; load ${loadavg()
    .map((l) => l.toFixed(1))
    .join(" ")}`,
);
const sides = (process.env.SIDES ?? "bare,kernel,old").split(",");
const measured = Object.entries(targets).filter(([side]) => sides.includes(side));
for (let round = 0; round < ROUNDS; round++) {
  // The order rotates, so no side always runs first or last in a round.
  for (let i = 0; i < measured.length; i++) {
    const [side, target] = measured[(round + i) % measured.length] as [string, Target];
    console.log(round, side, JSON.stringify(await measure(target, false)));
  }
}
for (const [side, target] of Object.entries(targets)) {
  if (!sides.includes(side) || process.env.HOOKS === "0") continue;
  console.log("hooks", side, JSON.stringify(await measure(target, true)));
}
console.log(
  `load ${loadavg()
    .map((l) => l.toFixed(1))
    .join(" ")}`,
);
await bare.close();
await oldKernel?.close();
await close();
