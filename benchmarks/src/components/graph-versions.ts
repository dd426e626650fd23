/**
 * Bi-temporal graph, long histories: a fact's versions are their own keys, so superseding a
 * fact with 10,000 versions (1,000 with --quick) should cost what superseding a fact with one
 * version costs. Both are measured in the same run on the same handle; the baseline is the
 * young fact.
 */
import { BitemporalGraph } from "@mnemo/graph";
import type { ComponentBenchmark, Figure } from "../harness/component-bench.js";
import { measureLatency } from "../harness/measure.js";

export const graphVersionsBenchmark: ComponentBenchmark = {
  component: "graph-versions",
  async run(context) {
    const versions = context.quick ? 1_000 : 10_000;
    const iterations = context.quick ? 50 : 500;
    const store = await context.open("graph_versions");
    let time = 1_000_000;
    const graph = new BitemporalGraph(store, { clock: { now: () => time++ } });
    const supersede = (id: string, k: number) =>
      graph.assertEntity({ id, type: "t", name: `v${k}`, properties: { k } }, { validFrom: k });

    context.progress(`graph-versions: building a fact with ${versions} versions`);
    const start = performance.now();
    for (let k = 0; k < versions; k++) await supersede("old", k);
    const buildMs = performance.now() - start;
    await supersede("young", 0);

    const young = await measureLatency((i) => supersede("young", versions + i + 1), {
      iterations,
      warmup: 20,
    });
    const old = await measureLatency((i) => supersede("old", versions + i + 1), {
      iterations,
      warmup: 20,
    });
    const figures: Figure[] = [
      {
        name: `supersede a fact with ${versions / 1000}K versions`,
        unit: "us",
        value: old.p50Us,
        p50: old.p50Us,
        p95: old.p95Us,
        p99: old.p99Us,
        baseline: { name: "supersede a fact with 1 version", value: young.p50Us },
        notes: `building the fact took ${Math.round(buildMs)} ms (${Math.round((versions / buildMs) * 1000)} supersedes/s)`,
      },
    ];
    await store.clear();
    return figures;
  },
};
