/** SVG charts for docs/benchmarks.md, rendered with Vega-Lite (server-side, no browser). */
import * as vega from "vega";
import * as vegaLite from "vega-lite";
import type { BenchResults } from "../harness/results.js";
import { EPISODIC_CHART, episodicChart } from "./episodic.js";

type Spec = vegaLite.TopLevelSpec;

async function toSvg(spec: Spec): Promise<string> {
  const compiled = vegaLite.compile(spec).spec;
  const view = new vega.View(vega.parse(compiled), { renderer: "none" });
  const svg = await view.toSVG();
  view.finalize();
  return svg;
}

/**
 * One panel per backend (each with its own scale), a bar per target for each work: raw
 * drivers and Mnemo side by side.
 */
function perBackend(
  title: string,
  axis: string,
  values: { backend: string; work: string; target: string; value: number }[],
): Spec {
  const backends = [...new Set(values.map((v) => v.backend))];
  return {
    $schema: "https://vega.github.io/schema/vega-lite/v6.json",
    title,
    vconcat: backends.map((backend) => ({
      title: backend,
      data: { values: values.filter((v) => v.backend === backend) },
      width: 520,
      height: { step: 11 },
      mark: "bar",
      encoding: {
        y: { field: "work", type: "nominal", title: null },
        yOffset: { field: "target" },
        x: { field: "value", type: "quantitative", scale: { type: "symlog" }, title: axis },
        color: { field: "target", type: "nominal", legend: { orient: "right", labelLimit: 260 } },
      },
      resolve: { scale: { color: "independent" } },
    })),
    resolve: { scale: { color: "independent" }, legend: { color: "independent" } },
  } as Spec;
}

function latencyChart(results: BenchResults): Spec {
  const values = results.kv
    .filter((r) => r.kind === "latency" && r.p50Us !== undefined)
    .map((r) => ({ backend: r.backend, work: r.case, target: r.target, value: r.p50Us! }));
  return perBackend("p50 latency (µs, symmetric log scale; shorter is better)", "µs", values);
}

function throughputChart(results: BenchResults): Spec {
  const values = results.kv
    .filter((r) => r.kind === "throughput" && r.opsPerSec !== undefined)
    .map((r) => ({ backend: r.backend, work: r.case, target: r.target, value: r.opsPerSec! }));
  return perBackend(
    "Throughput (operations/s, symmetric log scale; longer is better)",
    "operations/s",
    values,
  );
}

function ratioChart(results: BenchResults): Spec {
  const values = results.comparisons.map((c) => ({ work: c.case, mnemo: c.mnemo, ratio: c.ratio }));
  return {
    $schema: "https://vega.github.io/schema/vega-lite/v6.json",
    title: "Mnemo's cost relative to the raw driver (1.0 = same; goal line at 1.1)",
    data: { values },
    width: 520,
    height: { step: 12 },
    layer: [
      {
        mark: "bar",
        encoding: {
          y: { field: "work", type: "nominal", title: null },
          yOffset: { field: "mnemo" },
          x: { field: "ratio", type: "quantitative", title: "Mnemo / raw" },
          color: { field: "mnemo", type: "nominal", legend: { orient: "right", labelLimit: 260 } },
        },
      },
      {
        mark: { type: "rule", color: "black", strokeDash: [4, 3] },
        encoding: { x: { datum: 1.1 } },
      },
    ],
  };
}

/** Renders every chart; returns file names (relative to docs/) and titles. */
export async function renderCharts(
  results: BenchResults,
  write: (file: string, svg: string) => Promise<void>,
): Promise<{ file: string; title: string }[]> {
  const charts: [string, string, Spec][] = [
    ["benchmarks/latency.svg", "p50 latency", latencyChart(results)],
    ["benchmarks/ratio.svg", "cost relative to the raw driver", ratioChart(results)],
    ["benchmarks/throughput.svg", "throughput", throughputChart(results)],
  ];
  const episodic = episodicChart(results);
  if (episodic !== undefined) {
    charts.push([EPISODIC_CHART, "episodic search beside SQLite FTS5", episodic]);
  }
  const out: { file: string; title: string }[] = [];
  for (const [file, title, spec] of charts) {
    await write(file, await toSvg(spec));
    out.push({ file, title });
  }
  return out;
}
