/**
 * Export and import stream in bounded memory: each step runs in a child process of its own
 * (transfer-rss.ts) that samples its RSS. 160 MiB of LevelDB and 64 MiB of PostgreSQL here
 * (~25 s and ~20 s on an idle machine, twice that under load); the bench
 * script (bench/transfer-rss.ts) does 1 GiB and shows the growth does not follow the size.
 *
 * Bounded at the 128 MiB: the whole RSS growth of an export (anonymous and
 * file-backed: LevelDB maps each table file it opens, and a scan reads all its pages, so an
 * export reopens a LevelDB source once they grow past 32 MiB, to unmap them — without that, 64 tables of
 * 2 MiB stayed mapped, +165 MiB here), and the anonymous growth of a LevelDB import after a
 * collection (its file-backed part is the tables LevelDB's compactions read, at most 64 mapped
 * at the CLI's 74 open files). PostgreSQL maps nothing: its whole growth is bounded.
 */
import { randomUUID } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { postgresTestUrl, runScript } from "@mnemo/testing";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const CHILD = new URL("./fixtures/transfer-rss.ts", import.meta.url);
const MiB = 1024 * 1024;
/** LevelDB: past 64 tables of 2 MiB, so the mapped-table bound is tested. */
const LEVEL_MIB = 160;
const POSTGRES_MIB = 64;

interface Measured {
  readonly growth: number;
  readonly anonGrowth: number;
  readonly fileGrowth: number;
  readonly mappedTables: number;
  readonly seconds: number;
}

async function step(args: string[]): Promise<Measured> {
  const out = await runScript(CHILD, args);
  return JSON.parse(out.trim().split("\n").at(-1)!) as Measured;
}

const mib = (bytes: number) => Math.round(bytes / MiB);
let dir: string;
const schemas: string[] = [];
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "mnemo-cli-rss-"));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
  // 64 MiB per schema: not left in a shared database.
  if (schemas.length === 0) return;
  const client = new pg.Client({ connectionString: postgresTestUrl() });
  await client.connect();
  try {
    for (const schema of schemas) await client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
  } finally {
    await client.end();
  }
});

function pgStore(): string {
  const url = new URL(postgresTestUrl());
  const schema = `cli_rss_${randomUUID().slice(0, 8)}`;
  schemas.push(schema);
  url.searchParams.set("schema", schema);
  return url.toString();
}

describe("export and import in bounded memory", () => {
  it("LevelDB: export grows RSS < 128 MiB, import anonymous < 128 MiB", async () => {
    const source = `level:${join(dir, "level-source")}`;
    await runScript(CHILD, ["seed", source, "big", String(LEVEL_MIB)]);
    const file = join(dir, "level.mnx");
    const exported = await step(["export", source, "big", file]);
    const imported = await step(["import", `level:${join(dir, "level-target")}`, file]);
    console.log(
      `LevelDB ${LEVEL_MIB} MiB: export +${mib(exported.growth)} MiB (anon ${mib(exported.anonGrowth)}, file ${mib(exported.fileGrowth)}, ${exported.mappedTables} tables mapped); import +${mib(imported.growth)} MiB (anon ${mib(imported.anonGrowth)})`,
    );
    expect(exported.growth).toBeLessThan(128 * MiB);
    expect(imported.anonGrowth).toBeLessThan(128 * MiB);
    expect(exported.mappedTables).toBeGreaterThan(0);
    // Reopened once the mapped pages grew 32 MiB (they reached 105-126 MiB without reopens:
    // 64 tables of 2 MiB); the compactions of the freshly seeded store add to the scan's.
    expect(exported.fileGrowth).toBeLessThan(64 * MiB);
    // 64 in LevelDB's table cache, plus the one being opened as the oldest is let go.
    expect(imported.mappedTables).toBeLessThanOrEqual(65);
  }, 120_000);

  it("PostgreSQL: RSS growth < 128 MiB", async () => {
    const source = pgStore();
    await runScript(CHILD, ["seed", source, "big", String(POSTGRES_MIB)]);
    const file = join(dir, "pg.mnx");
    const exported = await step(["export", source, "big", file]);
    const imported = await step(["import", pgStore(), file]);
    console.log(
      `PostgreSQL ${POSTGRES_MIB} MiB: export +${mib(exported.growth)} MiB (anon ${mib(exported.anonGrowth)}); import +${mib(imported.growth)} MiB (anon ${mib(imported.anonGrowth)})`,
    );
    expect(exported.growth).toBeLessThan(128 * MiB);
    expect(imported.growth).toBeLessThan(128 * MiB);
  }, 120_000);
});
