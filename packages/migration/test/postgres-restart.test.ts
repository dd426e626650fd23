/**
 * A PostgreSQL of its own (embedded, never the shared server) restarted in the middle of a
 * LevelDB→PostgreSQL backfill: the backfill pauses on UNAVAILABLE, resumes once the server
 * is back, and finishes with both sides equal.
 */
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { openLevelBackend } from "@mnemo/backend-level";
import { openPostgresBackend } from "@mnemo/backend-postgres";
import { selectedBackends, startThrowawayPostgres, type ThrowawayPostgres } from "@mnemo/testing";
import { afterAll, describe, expect, it } from "vitest";
import { Migration } from "../src/index.js";

const run = selectedBackends().includes("postgres") && selectedBackends().includes("level");
let dir: string | undefined;
let server: ThrowawayPostgres | undefined;

afterAll(async () => {
  await server?.destroy();
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe.runIf(run)("backfill across a PostgreSQL restart", () => {
  it("pauses with UNAVAILABLE, resumes, finishes equal", async () => {
    server = await startThrowawayPostgres({ prefix: "mnemo-mig-pg-" });
    dir = await mkdtemp(join(tmpdir(), "mnemo-mig-level-"));
    const source = await openLevelBackend({ path: join(dir, "level") });
    const target = await openPostgresBackend({
      connectionString: server.url,
      poolSize: 2,
      poolTimeoutSecs: 2,
    });
    try {
      const notes = source.forNamespace("notes").forTenant("t1");
      await notes.setBatch(
        Array.from(
          { length: 600 },
          (_, i) => [`k${String(i).padStart(4, "0")}`, new Uint8Array([i % 256])] as const,
        ),
      );
      const migration = await Migration.start(
        { source, target, namespace: "notes" },
        { batchSize: 50 },
      );
      await migration.advance("backfill");
      let batches = 0;
      const pauses: string[] = [];
      let restarted: Promise<void> | undefined;
      const state = await migration.backfill({
        checkpointEvery: 1, // a checkpoint per batch: the third is well before the end
        onBatch: async () => {
          // Stop the server after the third batch; the next batch meets it down.
          if (++batches === 3) await server!.stop();
        },
        onPause: (error, attempt) => {
          pauses.push(error.code);
          // Bring it back once the backfill has paused twice (a batch's put and the one
          // before's checkpoint retry apart, so each may get to attempt 2).
          if (attempt === 2) restarted ??= server!.start();
        },
      });
      await restarted;
      expect(pauses.length).toBeGreaterThanOrEqual(2);
      expect(new Set(pauses)).toEqual(new Set(["UNAVAILABLE"]));
      expect(state.backfill).toMatchObject({ finished: true, copied: 600 });
      await migration.advance("verify");
      const [result] = await migration.verify();
      expect(result).toMatchObject({ tenant: "t1", equal: true, keys: 600 });
    } finally {
      await target.close();
      await source.close();
    }
  }, 120_000);
});
