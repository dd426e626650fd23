/**
 * The load generator, in a child process so the server's process CPU time is its own: `connections` keep-alive connections, each sending its next request when the
 * last answer is read, for `seconds`; reports every latency in microseconds. Plain JS: it
 * needs no loader.
 */
import { Agent, request } from "node:http";

/** @type {import("./main.ts").LoadSpec} */
const spec = JSON.parse(process.argv[2] ?? "{}");
const agent = new Agent({ keepAlive: true, maxSockets: spec.connections });
const target = new URL(spec.url);

/** @returns {Promise<number>} */
function once() {
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const req = request(
      {
        agent,
        host: target.hostname,
        port: target.port,
        path: target.pathname + target.search,
        method: spec.method,
        headers: spec.headers,
      },
      (res) => {
        if ((res.statusCode ?? 0) >= 400) reject(new Error(`status ${res.statusCode}`));
        res.resume();
        res.on("end", () => resolve((performance.now() - started) * 1000));
      },
    );
    req.on("error", reject);
    req.end(spec.body);
  });
}

async function run(seconds, record) {
  const latencies = [];
  const end = performance.now() + seconds * 1000;
  await Promise.all(
    Array.from({ length: spec.connections }, async () => {
      while (performance.now() < end) {
        const us = await once();
        if (record) latencies.push(us);
      }
    }),
  );
  return latencies;
}

await run(spec.warmupSeconds, false);
process.stdout.write("start\n");
const latencies = await run(spec.seconds, true);
agent.destroy();
process.stdout.write(`${JSON.stringify(latencies)}\n`);
