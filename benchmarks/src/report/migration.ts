/**
 * Issue 15's goals for the migration tool, judged on the run's `migration` figures (see
 * benchmarks/src/components/migration.ts): backfill LevelDB→PostgreSQL at least 0.7x the raw
 * `unnest` insert of the same rows measured in the same run, and at least 100x the seed's
 * one-key-at-a-time copy loop. `pnpm bench:migration` gives the same figures on 1M keys.
 */
import type { Figure } from "../harness/component-bench.js";
import type { BenchResults } from "../harness/results.js";
import { rate } from "./format.js";

const mark = (met: boolean) => (met ? "met" : "**missed**");

export function migrationGoalsSection(results: BenchResults): string {
  const figures: Figure[] = results.components
    .filter((c) => c.component === "migration")
    .flatMap((c) => c.figures);
  const toPg = figures.find((f) => f.name.startsWith("backfill LevelDB→PostgreSQL"));
  const loop = figures.find((f) => f.name.startsWith("seed copy loop"));
  if (toPg === undefined || toPg.baseline === undefined) return "";
  const rows = [
    `| ${toPg.name} | >= 0.7x raw unnest insert | ${rate(toPg.value)} | ${toPg.baseline.name} ${rate(toPg.baseline.value)}, ${(toPg.value / toPg.baseline.value).toFixed(2)}x | ${mark(toPg.value / toPg.baseline.value >= 0.7)} |`,
  ];
  if (loop !== undefined) {
    const times = toPg.value / loop.value;
    rows.push(
      `| ${toPg.name} | >= 100x the seed's copy loop | ${rate(toPg.value)} | copy loop ${rate(loop.value)} (sampled), ${times.toFixed(0)}x | ${mark(times >= 100)} |`,
    );
  }
  return [
    "## Migration goals",
    "",
    "Issue 15's goals, judged on this run's migration figures (see the migration component " +
      "below; the raw insert is measured before and after the backfill, the baseline is the mean). " +
      "A missed goal is reported as it is.",
    "",
    "| work | goal | Mnemo | against | verdict |",
    "|---|---|---|---|---|",
    ...rows,
  ].join("\n");
}
