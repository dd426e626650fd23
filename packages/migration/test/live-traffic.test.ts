/**
 * PostgreSQL→PostgreSQL (two schemas) while another process writes through dualWrite during
 * the whole backfill: every write it saw acknowledged is on the target at the end, and the
 * two sides verify equal.
 */
import { spawn } from "node:child_process";
import { CHILD_CWD, scriptArgs, selectedBackends } from "@mnemo/testing";
import { afterAll, describe, expect, it } from "vitest";
import { Migration } from "../src/index.js";
import { TestSchema } from "./support/postgres.js";

const WRITER = new URL("./fixtures/live-writer.ts", import.meta.url);
const NS = "notes";
const TENANT = "t1";
const schemas = [new TestSchema(), new TestSchema()] as const;
afterAll(async () => {
  for (const schema of schemas) await schema.drop();
});

/** Starts the writer; resolves `ready` when its dual writes are live, `done` with its log. */
function writer(args: string[]) {
  const child = spawn(process.execPath, scriptArgs(WRITER, args), {
    cwd: CHILD_CWD,
    stdio: ["ignore", "pipe", "pipe"],
  });
  let out = "";
  let err = "";
  let markReady: () => void;
  const ready = new Promise<void>((resolve) => {
    markReady = resolve;
  });
  child.stdout.on("data", (chunk) => {
    out += String(chunk);
    if (out.includes("ready\n")) markReady();
  });
  child.stderr.on("data", (chunk) => {
    err += String(chunk);
  });
  const done = new Promise<string[]>((resolve, reject) => {
    child.on("error", reject);
    child.on("close", (code) =>
      code === 0
        ? resolve(out.split("\n").filter((l) => l.startsWith("set ") || l.startsWith("del ")))
        : reject(new Error(`writer exited ${code}: ${err}`)),
    );
  });
  return { ready, done, stop: () => (child.stdin as NodeJS.WritableStream | null)?.end() };
}

describe.runIf(selectedBackends().includes("postgres"))("live traffic from another process", () => {
  it("keeps every acknowledged write through a PostgreSQL→PostgreSQL backfill", async () => {
    const source = await schemas[0].open({}, { owner: true });
    const target = await schemas[1].open({}, { owner: true });
    const notes = source.forNamespace(NS).forTenant(TENANT);
    await notes.setBatch(
      Array.from(
        { length: 1000 },
        (_, i) =>
          [`k${String(i).padStart(5, "0")}`, new TextEncoder().encode(`seed-${i}`)] as const,
      ),
    );
    const migration = await Migration.start({ source, target, namespace: NS }, { batchSize: 50 });
    // Dual writes first: the writer is live before the backfill starts.
    const live = writer([schemas[0].url, schemas[0].name, schemas[1].name, NS, TENANT, "100", "5"]);
    await live.ready;
    await migration.advance("backfill");
    // The writer goes on until the backfill has finished, so it also writes keys already copied.
    await migration.backfill();
    live.stop();
    const log = await live.done;
    expect(log.length).toBeGreaterThanOrEqual(100);
    const expected = new Map<string, string | undefined>();
    for (const line of log) {
      const [op, key, value] = line.split(" ");
      expected.set(key!, op === "set" ? value : undefined);
    }
    const onTarget = await target.forNamespace(NS).forTenant(TENANT).getBatch(expected.keys());
    for (const [key, value] of expected) {
      const stored = onTarget.get(key);
      expect(stored === undefined ? undefined : new TextDecoder().decode(stored), key).toBe(value);
    }
    await migration.advance("verify");
    const [result] = await migration.verify();
    expect(result).toMatchObject({ equal: true });
  }, 120_000);
});
