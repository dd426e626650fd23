/**
 * Export and import RSS at scale (default 1 GiB of 4 KiB random values), LevelDB and
 * PostgreSQL, each step in a child process (test/fixtures/transfer-rss.ts), beside the raw
 * peer in the same run: classic-level scanning the same directory at its default 1000 open
 * files and at the CLI's 74. Prints a Markdown table and the load.
 *
 *   DATABASE_URL=postgres://… pnpm --filter @mnemo/migrate bench:rss [MiB]
 */
import { mkdtemp, rm } from "node:fs/promises";
import { loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { runScript } from "@mnemo/testing";
import pg from "pg";

const MiB = 1024 * 1024;
const size = Number(process.argv[2] ?? 1024);
const database = process.env.DATABASE_URL;
if (database === undefined) throw new Error("set DATABASE_URL to a PostgreSQL database");
const child = new URL("../test/fixtures/transfer-rss.ts", import.meta.url);
const raw = new URL("../test/fixtures/level-scan-rss.ts", import.meta.url);
const dir = await mkdtemp(join(tmpdir(), "mnemo-bench-rss-"));
const pgUrl = (schema: string) => {
  const url = new URL(database);
  url.searchParams.set("schema", schema);
  return url.toString();
};
const last = (out: string) => JSON.parse(out.trim().split("\n").at(-1)!);
const rows: string[] = [];
const row = (
  what: string,
  m: {
    growth: number;
    anonGrowth: number;
    fileGrowth: number;
    seconds: number;
    mappedTables?: number;
  },
) => {
  const f = (n: number) => (n / MiB).toFixed(0);
  rows.push(
    `| ${what} | ${f(m.growth)} | ${f(m.anonGrowth)} | ${f(m.fileGrowth)} | ${m.mappedTables ?? "–"} | ${m.seconds.toFixed(1)} |`,
  );
  console.error(rows.at(-1));
};
try {
  const level = join(dir, "level");
  const suffix = String(process.pid);
  await runScript(child, ["seed", `level:${level}`, "big", String(size)]);
  await runScript(child, ["seed", pgUrl(`bench_rss_${suffix}`), "big", String(size)]);
  row("raw classic-level scan, 1000 open files", last(await runScript(raw, [level, "1000"])));
  row("raw classic-level scan, 74 open files", last(await runScript(raw, [level, "74"])));
  row(
    "export LevelDB",
    last(await runScript(child, ["export", `level:${level}`, "big", join(dir, "l.mnx")])),
  );
  row(
    "import LevelDB",
    last(await runScript(child, ["import", `level:${join(dir, "level-in")}`, join(dir, "l.mnx")])),
  );
  row(
    "export PostgreSQL",
    last(
      await runScript(child, ["export", pgUrl(`bench_rss_${suffix}`), "big", join(dir, "p.mnx")]),
    ),
  );
  row(
    "import PostgreSQL",
    last(await runScript(child, ["import", pgUrl(`bench_rss_in_${suffix}`), join(dir, "p.mnx")])),
  );
  console.log(
    `${size} MiB of 4 KiB values; growth of RSS over the step, MiB (load ${loadavg()
      .map((l) => l.toFixed(1))
      .join(" ")})\n`,
  );
  console.log(
    "| step | RSS growth | anon | file-backed | tables mapped | s |\n|---|---|---|---|---|---|",
  );
  console.log(rows.join("\n"));
} finally {
  await rm(dir, { recursive: true, force: true });
  const client = new pg.Client({ connectionString: database });
  await client.connect();
  for (const schema of [`bench_rss_${process.pid}`, `bench_rss_in_${process.pid}`])
    await client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
  await client.end();
}
