/**
 * Hook history: executions recorded per second (one writer, and 4 writers contending for
 * the chain head), `verify()` speed over the whole chain, and per-hook stats latency. The
 * baseline for recording is the bare get + compareAndSwap of one key the chain head costs.
 */
import { HookHistory } from "@mnemo/hook-history";
import type {
  ComponentBenchContext,
  ComponentBenchmark,
  Figure,
} from "../harness/component-bench.js";
import { measureLatency, measureThroughput } from "../harness/measure.js";

const HOOKS = 20;
const T0 = Date.UTC(2026, 0, 1);

const execution = (i: number) => ({
  hookId: `hook-${i % HOOKS}`,
  hookType: "pre-tool",
  input: { tool: "search", query: `q${i}` },
  output: { hits: i % 7 },
  ...(i % 25 === 0 ? { error: "timeout" } : {}),
  startedAt: T0 + i,
  durationMs: (i * 7919) % 500,
});

async function bareHeadSwap(context: ComponentBenchContext, operations: number) {
  const store = await context.open("hook_history_baseline");
  const encode = (n: number) => new TextEncoder().encode(String(n));
  const perSecond = await measureThroughput(
    async () => {
      for (;;) {
        const raw = await store.get("head");
        const n = raw === undefined ? 0 : Number(new TextDecoder().decode(raw));
        if (await store.compareAndSwap("head", raw, encode(n + 1))) return;
      }
    },
    { operations },
  );
  await store.clear();
  return perSecond;
}

export const hookHistoryBenchmark: ComponentBenchmark = {
  component: "hook-history",
  async run(context) {
    const memory = context.backend === "memory";
    const operations = context.quick ? 200 : memory ? 10_000 : 2_000;
    const figures: Figure[] = [];
    const baseline = await bareHeadSwap(context, operations);

    const store = await context.open("hook_history");
    const history = new HookHistory(store);
    context.progress("hook-history: record, 1 writer");
    figures.push({
      name: "record execution (1 writer)",
      unit: "ops/s",
      value: await measureThroughput((i) => history.record(execution(i)), { operations }),
      baseline: { name: "get + compareAndSwap of one key", value: baseline },
      notes: "get head, compareAndSwap head, one atomic write of record + 3 index entries",
    });
    context.progress("hook-history: record, 4 writers");
    // Four instances stand for four processes: one instance queues its own appends.
    const writers = Array.from({ length: 4 }, () => new HookHistory(store));
    figures.push({
      name: "record execution (4 writers, one chain)",
      unit: "ops/s",
      value: await measureThroughput(
        (i) => writers[i % writers.length]!.record(execution(operations + i)),
        { operations, concurrency: 4 },
      ),
      notes: "every append contends for the chain head; losers retry",
    });

    context.progress("hook-history: verify");
    const runs = context.quick ? 2 : 5;
    const verify = await measureLatency(() => history.verify(), { iterations: runs, warmup: 1 });
    const records = operations * 2;
    figures.push({
      name: `verify() over ${records} records`,
      unit: "records/s",
      value: records / (verify.p50Us / 1_000_000),
      p50: verify.p50Us / 1000,
      notes: "p50 is the whole walk in ms",
    });
    const stats = await measureLatency(() => history.stats({ hookId: "hook-3" }), {
      iterations: context.quick ? 10 : 50,
    });
    figures.push({
      name: `stats() of one hook (${records / HOOKS} executions)`,
      unit: "ms",
      value: stats.p50Us / 1000,
      p50: stats.p50Us / 1000,
      p95: stats.p95Us / 1000,
      p99: stats.p99Us / 1000,
    });
    return figures;
  },
};
