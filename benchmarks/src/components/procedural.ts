/**
 * Procedural memory: `recordExecution` per second, one writer and 16 calls in flight (on one
 * skill, where every call contends for the same compare-and-swap, and on 16 skills). The
 * baseline is the bare counter the component is built on: get + compareAndSwap of one key.
 */
import { ProceduralMemory } from "@mnemo/procedural";
import type {
  ComponentBenchContext,
  ComponentBenchmark,
  Figure,
} from "../harness/component-bench.js";
import { measureThroughput } from "../harness/measure.js";

const SKILLS = 16;

async function bareCounterPerSecond(
  context: ComponentBenchContext,
  operations: number,
): Promise<number> {
  const store = await context.open("procedural_baseline");
  const key = "counter";
  const encode = (n: number) => new TextEncoder().encode(String(n));
  const perSecond = await measureThroughput(
    async () => {
      for (;;) {
        const raw = await store.get(key);
        const n = raw === undefined ? 0 : Number(new TextDecoder().decode(raw));
        if (await store.compareAndSwap(key, raw, encode(n + 1))) return;
      }
    },
    { operations },
  );
  await store.clear();
  return perSecond;
}

export const proceduralBenchmark: ComponentBenchmark = {
  component: "procedural",
  async run(context) {
    const operations = context.quick ? 200 : context.backend === "memory" ? 20_000 : 2_000;
    const store = await context.open("procedural");
    const memory = new ProceduralMemory(store);
    const names = ["solo", "hot", ...Array.from({ length: SKILLS }, (_, i) => `spread-${i}`)];
    for (const name of names) {
      await memory.saveSkill("bench", { name, category: "bench", content: name });
    }
    const record = (name: string, i: number) =>
      memory.recordExecution("bench", name, { success: i % 10 !== 0, durationMs: i % 100 });
    const figures: Figure[] = [];
    const baseline = await bareCounterPerSecond(context, operations);

    context.progress("procedural: recordExecution, 1 writer");
    figures.push({
      name: "recordExecution (1 writer)",
      unit: "ops/s",
      value: await measureThroughput((i) => record("solo", i), { operations }),
      baseline: { name: "get + compareAndSwap of one key", value: baseline },
      notes:
        "2 backend calls per execution (getBatch, compareAndSwap); index writes only on a bucket change",
    });

    context.progress("procedural: recordExecution, 16 in flight on one skill");
    figures.push({
      name: "recordExecution (16 in flight, one skill)",
      unit: "ops/s",
      value: await measureThroughput((i) => record("hot", i), { operations, concurrency: 16 }),
      notes:
        "one instance queues calls per skill in-process; compare-and-swap retries only across instances",
    });

    context.progress("procedural: recordExecution, 16 in flight on 16 skills");
    figures.push({
      name: "recordExecution (16 in flight, 16 skills)",
      unit: "ops/s",
      value: await measureThroughput((i) => record(`spread-${i % SKILLS}`, i), {
        operations,
        concurrency: 16,
      }),
    });

    const stats = await memory.getStats("bench", "hot");
    if (stats?.usageCount !== operations) {
      throw new Error(`procedural bench lost counts: ${stats?.usageCount} of ${operations}`);
    }
    await store.clear();
    return figures;
  },
};
