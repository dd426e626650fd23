/**
 * `pnpm bench`: the per-backend benchmark suite. Runs the seed's latency and throughput tables
 * on every selected backend beside the raw driver (and Keyv on PostgreSQL), then every
 * component benchmark; writes its dated results file and, for a full run or a `--merge`,
 * benchmarks/results/latest.json, docs/benchmarks.md, its charts and each backend's measured
 * characteristics() (see resultFiles in harness/results.ts).
 */
import { existsSync } from "node:fs";
import { mkdir, readdir, readFile, writeFile } from "node:fs/promises";
import { dirname } from "node:path";
import { fileURLToPath } from "node:url";
import { ALL_BACKENDS, parseOptions, selected } from "./harness/options.js";
import { progress } from "./harness/progress.js";
import {
  type BenchResults,
  compare,
  type KvResult,
  LATEST_FILE,
  machineMeta,
  mergeResults,
  resultFiles,
  runSelection,
} from "./harness/results.js";
import { runComponents } from "./harness/run-components.js";
import { dataset } from "./kv/dataset.js";
import { baselineFor, runBackend } from "./kv/run-backend.js";
import { writeMeasuredLatency } from "./report/characteristics.js";
import { renderCharts } from "./report/charts.js";
import { renderMarkdown } from "./report/markdown.js";
import type { MigrationRun } from "./report/migration.js";

const root = (path: string) => fileURLToPath(new URL(`../../${path}`, import.meta.url));

/** The runs of `pnpm bench:migration` kept in benchmarks/results (1M keys), fewest keys first. */
async function migrationRuns(): Promise<MigrationRun[]> {
  const dir = root("benchmarks/results");
  const runs: MigrationRun[] = [];
  for (const file of await readdir(dir)) {
    if (/^migration-\d+\.json$/.test(file))
      runs.push(JSON.parse(await readFile(`${dir}/${file}`, "utf8")) as MigrationRun);
  }
  return runs.sort((a, b) => a.keys - b.keys);
}

async function writeText(path: string, text: string): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  await writeFile(path, text);
}

/** PostgreSQL for the run: DATABASE_URL, else a throwaway embedded server. */
async function startPostgres(): Promise<{ url: string; stop: () => Promise<void> }> {
  if (process.env.DATABASE_URL) return { url: process.env.DATABASE_URL, stop: async () => {} };
  progress("no DATABASE_URL: starting embedded PostgreSQL");
  const { default: setup } = await import("@mnemo/testing/global-setup");
  const teardown = await setup();
  const url = process.env.MNEMO_TEST_DATABASE_URL;
  if (!url) throw new Error("embedded PostgreSQL did not start");
  return { url, stop: async () => teardown?.() };
}

async function main(): Promise<void> {
  const options = parseOptions(process.argv.slice(2));
  const data = dataset(options.quick ? 10_000 : 100_000);
  const postgres = options.backends.includes("postgres") ? await startPostgres() : undefined;
  const failures: string[] = [];
  const kv: KvResult[] = [];
  try {
    for (const backend of options.backends) {
      progress(`== ${backend}: key-value cases`);
      try {
        kv.push(
          ...(await runBackend(
            {
              data,
              quick: options.quick,
              include: (c) => selected(options, c),
              progress,
              postgresUrl: postgres?.url,
            },
            backend,
          )),
        );
      } catch (error) {
        failures.push(
          `${backend}: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`,
        );
        progress(`${backend} FAILED: ${failures.at(-1)}`);
      }
    }
    progress("== components");
    const components = await runComponents(options.backends, {
      quick: options.quick,
      include: (name) => selected(options, name),
      progress,
      postgresUrl: postgres?.url,
    });
    for (const c of components)
      if (c.error) failures.push(`${c.component} on ${c.backend}: ${c.error}`);

    const own: BenchResults = {
      meta: machineMeta(
        options.quick,
        data.size,
        runSelection(options.filter, options.backends, ALL_BACKENDS),
      ),
      kv,
      comparisons: compare(kv, baselineFor),
      components,
    };
    const files = resultFiles(own.meta, options.merge);
    await writeText(root(files.run), `${JSON.stringify(own, null, 2)}\n`);
    progress(`wrote ${files.run}`);
    let results = own;
    if (files.latest) {
      if (options.merge && existsSync(root(LATEST_FILE))) {
        const previous = JSON.parse(await readFile(root(LATEST_FILE), "utf8")) as BenchResults;
        const merged = mergeResults(previous, own, files.run);
        results = { ...merged, comparisons: compare(merged.kv, baselineFor) };
      }
      await writeText(root(LATEST_FILE), `${JSON.stringify(results, null, 2)}\n`);
      progress(`wrote ${LATEST_FILE}`);
    } else if (!options.quick) {
      progress(`a partial run: ${LATEST_FILE} and docs/ unchanged (--merge folds it in)`);
    }
    if (options.docs && files.latest) {
      const charts = await renderCharts(results, (file, svg) =>
        writeText(root(`docs/${file}`), svg),
      );
      await writeText(
        root("docs/benchmarks.md"),
        renderMarkdown(results, charts, await migrationRuns()),
      );
      const written = await writeMeasuredLatency(results);
      progress(
        `wrote docs/benchmarks.md, ${charts.length} charts, ${written.length} measured-latency files`,
      );
    }
    for (const c of own.comparisons) {
      console.log(
        `${c.mnemo.padEnd(28)} ${c.case.padEnd(34)} ${c.mnemoValue.toFixed(1).padStart(10)} vs ${c.baseline} ${c.baselineValue.toFixed(1)}  ratio ${c.ratio.toFixed(2)}`,
      );
    }
  } finally {
    await postgres?.stop();
  }
  if (failures.length > 0) {
    console.error(`\n${failures.length} benchmark(s) failed:\n${failures.join("\n")}`);
    process.exitCode = 1;
  }
}

await main();
