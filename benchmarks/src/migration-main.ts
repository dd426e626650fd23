/**
 * `pnpm --filter @mnemo/benchmarks bench:migration` (needs DATABASE_URL): the migration figures
 * on 1M keys (`MNEMO_BENCH_MIGRATION_KEYS` to change), too slow for `pnpm bench`. Prints them
 * and writes benchmarks/results/migration-<keys>.json.
 */
import { mkdir, writeFile } from "node:fs/promises";
import { loadavg } from "node:os";
import { measureMigration } from "./components/migration.js";

const url = process.env.DATABASE_URL;
if (url === undefined) throw new Error("bench:migration needs DATABASE_URL");
const keys = Number(process.env.MNEMO_BENCH_MIGRATION_KEYS ?? 1_000_000);
const load = loadavg().map((n) => n.toFixed(2));
const figures = await measureMigration(url, keys, 2_000, (line) => console.error(`… ${line}`));
for (const f of figures) {
  const base = f.baseline
    ? ` (baseline ${Math.round(f.baseline.value)} ${f.unit}: ${f.baseline.name})`
    : "";
  console.log(`${f.name}: ${f.value.toFixed(1)} ${f.unit}${base}${f.notes ? ` — ${f.notes}` : ""}`);
}
const results = new URL("../results/", import.meta.url);
await mkdir(results, { recursive: true });
await writeFile(
  new URL(`migration-${keys}.json`, results),
  `${JSON.stringify({ at: new Date().toISOString(), keys, loadBefore: load, figures }, null, 2)}\n`,
);
