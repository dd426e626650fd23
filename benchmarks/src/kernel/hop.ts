/**
 * What one HTTP hop does to a PostgreSQL round trip, with no Mnemo code in it (the figures
 * behind docs/kernel.md "Why the HTTP hop costs more on PostgreSQL"):
 *   DATABASE_URL=… node --conditions=@mnemo/source --import tsx src/kernel/hop.ts
 * In ROUNDS interleaved rounds, p50 at one request in flight of: a raw `pg` prepared
 * `SELECT 1` back to back; a bare node:http server answering a constant; the same server
 * running that `SELECT 1` per request. Prints the median p50 of each over the rounds.
 */
import { spawn } from "node:child_process";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { loadavg } from "node:os";
import { fileURLToPath } from "node:url";
import pg from "pg";

const SECONDS = 1;
const ROUNDS = 7;
const url = process.env.DATABASE_URL;
if (url === undefined) throw new Error("hop.ts needs DATABASE_URL");

function p50(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return Math.round(sorted[sorted.length >> 1] ?? Number.NaN);
}

/** One connection from the child-process load generator bench:kernel uses. */
function overHttp(target: string): Promise<number[]> {
  const spec = { url: target, method: "GET", headers: {}, connections: 1, seconds: SECONDS };
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      [
        fileURLToPath(new URL("./load-worker.mjs", import.meta.url)),
        JSON.stringify({ ...spec, warmupSeconds: 0.3 }),
      ],
      { stdio: ["ignore", "pipe", "inherit"] },
    );
    let out = "";
    child.stdout.on("data", (chunk) => {
      out += String(chunk);
    });
    child.on("close", (code) =>
      code === 0
        ? resolve(JSON.parse(out.slice(out.indexOf("\n") + 1)) as number[])
        : reject(new Error(`load generator exited ${code}`)),
    );
  });
}

async function backToBack(call: () => Promise<unknown>): Promise<number[]> {
  for (let warm = performance.now() + 300; performance.now() < warm; ) await call();
  const latencies: number[] = [];
  for (let end = performance.now() + SECONDS * 1000; performance.now() < end; ) {
    const started = performance.now();
    await call();
    latencies.push((performance.now() - started) * 1000);
  }
  return latencies;
}

const client = new pg.Client({ connectionString: url });
await client.connect();
const selectOne = () => client.query({ name: "hop_select_1", text: "SELECT 1", values: [] });
const server = createServer(async (req, res) => {
  const text = req.url === "/constant" ? "[]" : JSON.stringify((await selectOne()).rows);
  res.writeHead(200, { "content-type": "application/json", "content-length": text.length });
  res.end(text);
});
await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

const cases: Record<string, () => Promise<number[]>> = {
  "SELECT 1, back to back": () => backToBack(selectOne),
  "node:http, constant answer": () => overHttp(`${base}/constant`),
  "node:http + SELECT 1 per request": () => overHttp(`${base}/select`),
};
const figures = new Map<string, number[]>();
for (let round = 0; round < ROUNDS; round++) {
  for (const [name, run] of Object.entries(cases)) {
    figures.set(name, [...(figures.get(name) ?? []), p50(await run())]);
  }
}
for (const [name, rounds] of figures) {
  console.log(`${name.padEnd(34)} p50 ${p50(rounds)} µs  (rounds: ${rounds.join(" ")})`);
}
console.log(
  `load average ${loadavg()
    .map((l) => l.toFixed(1))
    .join(" ")}`,
);
await client.end();
server.close();
