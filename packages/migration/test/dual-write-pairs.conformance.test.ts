/**
 * The dualWrite decorator over real backends: a LevelDB directory per test and PostgreSQL
 * (a schema of this file's own), in one phase with each side serving. The memory file runs
 * every phase with every spec; here the specs that only push the wrapped backends' byte
 * limits (4 MiB scans, 64 MiB commits) are left out, and the model test runs fewer sequences.
 */
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { openLevelBackend } from "@mnemo/backend-level";
import type { StorageBackend } from "@mnemo/core";
import { describeConformance, selectedBackends } from "@mnemo/testing";
import { dualWrite, type Phase, PhaseCell } from "../src/index.js";
import { TestSchema, unique } from "./support/postgres.js";

const backends = selectedBackends();
const dirs: string[] = [];
const levelDir = async () => {
  const dir = await mkdtemp(join(tmpdir(), "mnemo-mig-"));
  dirs.push(dir);
  return dir;
};
const removeDirs = async () => {
  for (const dir of dirs.splice(0)) await rm(dir, { recursive: true, force: true });
};
const PHASES_RUN = ["backfill", "read-new-with-fallback"] satisfies Phase[];
const LIGHT = { skip: ["scan-memory", "commit-limits"], modelRuns: 20 } as const;

const phases = PHASES_RUN.filter(
  (p) => process.env.MNEMO_DUAL_PHASE === undefined || p === process.env.MNEMO_DUAL_PHASE,
);
if (backends.includes("level") && backends.includes("postgres")) {
  for (const phase of phases) {
    // One schema and pool per phase: each test's new side is a tenant handle of it (closing
    // the decorator closes only that handle), emptied after the test like the backend's suite.
    const schema = new TestSchema();
    let pool: Promise<StorageBackend> | undefined;
    describeConformance(`dualWrite level→postgres in ${phase}`, {
      ...LIGHT,
      open: async () => {
        const tenant = unique("dual");
        pool ??= schema.open();
        return dualWrite(
          await openLevelBackend({ path: await levelDir(), tenant }),
          (await pool).forTenant(tenant),
          new PhaseCell(phase),
        );
      },
      cleanup: async () => {
        await schema.empty();
        await removeDirs();
      },
      afterAll: () => schema.drop(),
    });
  }
} else if (backends.includes("level")) {
  describeConformance("dualWrite level→level in backfill", {
    ...LIGHT,
    open: async () =>
      dualWrite(
        await openLevelBackend({ path: await levelDir() }),
        await openLevelBackend({ path: await levelDir() }),
        new PhaseCell("backfill"),
      ),
    cleanup: removeDirs,
  });
}
