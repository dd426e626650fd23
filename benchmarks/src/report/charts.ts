/** SVG charts for docs/benchmarks.md, rendered with Vega-Lite (server-side, no browser). */
import * as vega from "vega";
import * as vegaLite from "vega-lite";
import type { BenchResults } from "../harness/results.js";

type Spec = vegaLite.TopLevelSpec;

async function toSvg(spec: Spec): Promise<string> {
  const compiled = vegaLite.compile(spec).spec;
  const view = new vega.View(vega.parse(compiled), { renderer: "none" });
  const svg = await view.toSVG();
  view.finalize();
  return svg;
}

function latencyChart(results: BenchResults): Spec {
  const values = results.kv
    .filter((r) => r.kind === "latency" && r.p50Us !== undefined)
    .map((r) => ({ work: r.case, target: r.target, backend: r.backend, p50: r.p50Us }));
  return {
    $schema: "https://vega.github.io/schema/vega-lite/v6.json",
    title: "p50 latency by work and target (log scale, lower is better)",
    data: { values },
    facet: { column: { field: "work", type: "nominal", title: null } },
    spec: {
      width: 110,
      height: 260,
      mark: "bar",
      encoding: {
        x: { field: "target", type: "nominal", axis: null },
        y: { field: "p50", type: "quantitative", scale: { type: "log" }, title: "µs" },
        color: { field: "target", type: "nominal", legend: { orient: "bottom", columns: 4 } },
        tooltip: [{ field: "target" }, { field: "p50", format: ".1f" }],
      },
    },
  };
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
          color: { field: "mnemo", type: "nominal", legend: { orient: "bottom", columns: 3 } },
        },
      },
      {
        mark: { type: "rule", color: "black", strokeDash: [4, 3] },
        encoding: { x: { datum: 1.1 } },
      },
    ],
  };
}

function throughputChart(results: BenchResults): Spec {
  const values = results.kv
    .filter((r) => r.kind === "throughput" && r.opsPerSec !== undefined)
    .map((r) => ({ work: r.case, target: r.target, rate: r.opsPerSec }));
  return {
    $schema: "https://vega.github.io/schema/vega-lite/v6.json",
    title: "Throughput by work and target (log scale, higher is better)",
    data: { values },
    facet: { column: { field: "work", type: "nominal", title: null } },
    spec: {
      width: 110,
      height: 260,
      mark: "bar",
      encoding: {
        x: { field: "target", type: "nominal", axis: null },
        y: { field: "rate", type: "quantitative", scale: { type: "log" }, title: "operations/s" },
        color: { field: "target", type: "nominal", legend: { orient: "bottom", columns: 4 } },
      },
    },
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
  const out: { file: string; title: string }[] = [];
  for (const [file, title, spec] of charts) {
    await write(file, await toSvg(spec));
    out.push({ file, title });
  }
  return out;
}
