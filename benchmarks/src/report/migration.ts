/**
 * Issue 15's goals for the migration tool, judged on the run's `migration` figures (see
 * benchmarks/src/components/migration.ts): backfill LevelDB→PostgreSQL at least 0.7x the raw
 * `unnest` insert of the same rows measured in the same run, and at least 100x the seed's
 * one-key-at-a-time copy loop. `pnpm bench:migration` gives the same figures on 1M keys.
 */
import type { Figure } from "../harness/component-bench.js";
import type { BenchResults } from "../harness/results.js";
import { num, rate } from "./format.js";

const mark = (met: boolean) => (met ? "met" : "**missed**");

/** What `pnpm bench:migration` writes: benchmarks/results/migration-<keys>.json. */
export interface MigrationRun {
  readonly at: string;
  readonly keys: number;
  readonly loadBefore: readonly string[];
  readonly figures: readonly Figure[];
}

function goalRows(figures: readonly Figure[]): string[] {
  const toPg = figures.find((f) => f.name.startsWith("backfill LevelDB→PostgreSQL"));
  const loop = figures.find((f) => f.name.startsWith("seed copy loop"));
  if (toPg === undefined || toPg.baseline === undefined) return [];
  const rows = [
    `| ${toPg.name} | >= 0.7x raw unnest insert | ${rate(toPg.value)} | ${toPg.baseline.name} ${rate(toPg.baseline.value)}, ${(toPg.value / toPg.baseline.value).toFixed(2)}x | ${mark(toPg.value / toPg.baseline.value >= 0.7)} |`,
  ];
  if (loop !== undefined) {
    const times = toPg.value / loop.value;
    rows.push(
      `| ${toPg.name} | >= 100x the seed's copy loop | ${rate(toPg.value)} | copy loop ${rate(loop.value)} (sampled), ${times.toFixed(0)}x | ${mark(times >= 100)} |`,
    );
  }
  return rows;
}

/**
 * The goals on this run's migration figures (100K keys) and on each `pnpm bench:migration`
 * run found (1M keys: too slow for `pnpm bench`), each with when it ran and the load then.
 */
export function migrationGoalsSection(
  results: BenchResults,
  runs: readonly MigrationRun[] = [],
): string {
  const own = results.components
    .filter((c) => c.component === "migration")
    .flatMap((c) => c.figures);
  const rows = [...goalRows(own), ...runs.flatMap((run) => goalRows(run.figures))];
  if (rows.length === 0) return "";
  const sources = runs.map(
    (run) =>
      `${run.keys.toLocaleString("en")} keys: \`pnpm bench:migration\` at ${run.at}, load average ${run.loadBefore.join(" ")} before it`,
  );
  const parts = [
    "## Migration goals",
    "",
    "Issue 15's goals, judged on the migration figures (the raw insert is measured before and " +
      "after each backfill in the same run, the baseline is the mean; the copy loop is timed on " +
      "2,000 keys and extrapolated). " +
      (sources.length > 0
        ? `Sources: this run's migration component; ${sources.join("; ")}. `
        : "") +
      "A missed goal is reported as it is.",
    "",
    "| work | goal | Mnemo | against | verdict |",
    "|---|---|---|---|---|",
    ...rows,
  ];
  for (const run of runs) {
    parts.push(
      "",
      `### migration, ${run.keys.toLocaleString("en")} keys (\`pnpm bench:migration\`, ${run.at})`,
      "",
      "| work | value | baseline | notes |",
      "|---|---|---|---|",
      ...run.figures.map(
        (f) =>
          `| ${f.name} | ${num(f.value, f.unit)} | ${f.baseline ? `${f.baseline.name}: ${num(f.baseline.value, f.unit)}` : "–"} | ${f.notes ?? "–"} |`,
      ),
    );
  }
  return parts.join("\n");
}
