/** Renders a benchmark run as docs/benchmarks.md. */
import type { BenchResults, Comparison, KvResult } from "../harness/results.js";
import { KV_CASES } from "../kv/cases.js";
import { EPISODIC_CHART, episodicSection } from "./episodic.js";
import { num, rate, ratio, us } from "./format.js";
import { type MigrationRun, migrationGoalsSection } from "./migration.js";
import { GOALS, SEED_LATENCY, SEED_THROUGHPUT } from "./seed.js";

const mark = (met: boolean | undefined) => (met === undefined ? "–" : met ? "met" : "**missed**");

function table(header: readonly string[], rows: readonly (readonly string[])[]): string {
  return [
    `| ${header.join(" | ")} |`,
    `|${header.map(() => "---").join("|")}|`,
    ...rows.map((r) => `| ${r.join(" | ")} |`),
  ].join("\n");
}

function targetsOf(kv: readonly KvResult[]): string[] {
  return [...new Set(kv.map((r) => r.target))];
}

function find(kv: readonly KvResult[], target: string, kvCase: string): KvResult | undefined {
  return kv.find((r) => r.target === target && r.case === kvCase);
}

function comparisonFor(results: BenchResults, r: KvResult): Comparison | undefined {
  return results.comparisons.find((c) => c.mnemo === r.target && c.case === r.case);
}

function latencySection(results: BenchResults): string {
  const cases = KV_CASES.filter((c) => c.kind === "latency").map((c) => c.name);
  const targets = targetsOf(results.kv);
  const rows = cases.map((c) => {
    const seed = SEED_LATENCY[c];
    const cells = targets.map((t) => {
      const r = find(results.kv, t, c);
      if (r === undefined) return "–";
      const cmp = r.role === "mnemo" ? comparisonFor(results, r) : undefined;
      return cmp ? `${us(r.p50Us)} (${ratio(cmp.ratio)})` : us(r.p50Us);
    });
    return [c, seed ? `${seed.memory} / ${seed.embedded} / ${seed.postgres}` : "–", ...cells];
  });
  return [
    "## Latency (p50; Mnemo's ratio to the raw driver in parentheses)",
    "",
    table(["work", "seed (memory / sled / postgres)", ...targets], rows),
    "",
    "p95 and p99 for every figure are in the JSON results.",
  ].join("\n");
}

function tailSection(results: BenchResults): string {
  const rows = results.kv
    .filter((r) => r.kind === "latency")
    .map((r) => [r.target, r.case, us(r.p50Us), us(r.p95Us), us(r.p99Us)]);
  return ["## Latency percentiles", "", table(["target", "work", "p50", "p95", "p99"], rows)].join(
    "\n",
  );
}

function throughputSection(results: BenchResults): string {
  const cases = KV_CASES.filter((c) => c.kind === "throughput").map((c) => c.name);
  const targets = targetsOf(results.kv);
  const rows = cases.map((c) => [
    c,
    SEED_THROUGHPUT[c] ?? "–",
    ...targets.map((t) => {
      const r = find(results.kv, t, c);
      if (r === undefined) return "–";
      const cmp = r.role === "mnemo" ? comparisonFor(results, r) : undefined;
      return cmp ? `${rate(r.opsPerSec)} (${ratio(cmp.ratio)})` : rate(r.opsPerSec);
    }),
  ]);
  return [
    "## Throughput (Mnemo's cost ratio to the raw driver in parentheses: raw rate / Mnemo rate)",
    "",
    table(["work", "seed", ...targets], rows),
    "",
    "Batch inserts/s counts batches of 100 keys.",
  ].join("\n");
}

function goalsSection(results: BenchResults): string {
  const rows: string[][] = [];
  for (const goal of GOALS) {
    const mnemo = results.kv.filter(
      (r) => r.role === "mnemo" && r.backend === goal.backend && r.case === goal.case,
    );
    for (const r of mnemo) {
      const cmp = comparisonFor(results, r);
      const keyv = results.kv.find(
        (k) => k.role === "peer" && k.case === r.case && k.backend === r.backend,
      );
      const keyvRatio =
        keyv && r.kind === "latency" && r.p50Us !== undefined && keyv.p50Us !== undefined
          ? r.p50Us / keyv.p50Us
          : undefined;
      const figure = r.kind === "latency" ? us(r.p50Us) : rate(r.opsPerSec);
      const against = goal.text.includes("Keyv")
        ? `Keyv ${us(keyv?.p50Us)}`
        : cmp
          ? `${cmp.baseline} ${cmp.unit === "ops/s" ? rate(cmp.baselineValue) : us(cmp.baselineValue)}, ${ratio(cmp.ratio)}`
          : "–";
      const met = goal.met({
        ...(r.p50Us === undefined ? {} : { p50Us: r.p50Us }),
        ...(r.opsPerSec === undefined ? {} : { opsPerSec: r.opsPerSec }),
        ...(cmp === undefined ? {} : { ratio: cmp.ratio }),
        ...(keyvRatio === undefined ? {} : { keyvRatio }),
      });
      rows.push([r.target, goal.case, goal.text, figure, against, mark(met)]);
    }
  }
  return [
    "## Goals",
    "",
    "The goals of issue 7, judged on this run. A missed goal is reported here as it is.",
    "",
    table(["Mnemo", "work", "goal", "Mnemo", "against", "verdict"], rows),
  ].join("\n");
}

function componentsSection(results: BenchResults): string {
  if (results.components.length === 0) return "";
  const parts = ["## Components"];
  for (const component of [...new Set(results.components.map((c) => c.component))]) {
    parts.push("", `### ${component}`, "");
    const rows: string[][] = [];
    for (const run of results.components.filter((c) => c.component === component)) {
      if (run.error) rows.push([run.backend, "failed", run.error.split("\n")[0] ?? "", "", "", ""]);
      for (const f of run.figures) {
        const tail =
          f.p95 !== undefined
            ? `p95 ${num(f.p95, f.unit)}${f.p99 !== undefined ? `, p99 ${num(f.p99, f.unit)}` : ""}`
            : "";
        rows.push([
          run.backend,
          f.name,
          num(f.value, f.unit),
          tail,
          f.baseline ? `${f.baseline.name}: ${num(f.baseline.value, f.unit)}` : "–",
          [f.seed ? `seed: ${f.seed}` : "", f.notes ?? ""].filter(Boolean).join("; ") || "–",
        ]);
      }
    }
    parts.push(table(["backend", "work", "value", "tail", "baseline", "notes"], rows));
  }
  return parts.join("\n");
}

export function renderMarkdown(
  results: BenchResults,
  charts: readonly { file: string; title: string }[],
  migrationRuns: readonly MigrationRun[] = [],
): string {
  const m = results.meta;
  return [
    "# Benchmarks",
    "",
    "<!-- Generated by `pnpm bench` from benchmarks/results/latest.json. Do not edit by hand. -->",
    "",
    `Run ${m.date} on ${m.cores} × ${m.cpu}, ${m.memoryGiB} GiB, ${m.platform}, Node.js ${m.node}; ` +
      `store preloaded with ${m.datasetKeys.toLocaleString("en")} keys of 100-byte values. ` +
      `Every Mnemo figure is measured in the same process and run as the raw driver doing the same work ` +
      `(a \`Map\` plus a B-tree, \`classic-level\`, \`pg\` on a table of the same shape), and for PostgreSQL beside ` +
      `Keyv with \`@keyv/postgres\`. Mnemo's PostgreSQL runs with row-level security on, as it ships. ` +
      `Packages: ${Object.entries(m.packages)
        .map(([k, v]) => `${k} ${v}`)
        .join(", ")}.`,
    "",
    ...charts.filter((c) => c.file !== EPISODIC_CHART).map((c) => `![${c.title}](${c.file})`),
    "",
    goalsSection(results),
    "",
    migrationGoalsSection(results, migrationRuns),
    "",
    latencySection(results),
    "",
    throughputSection(results),
    "",
    tailSection(results),
    "",
    episodicSection(results, charts.find((c) => c.file === EPISODIC_CHART)?.file),
    "",
    componentsSection(results),
    "",
  ].join("\n");
}
