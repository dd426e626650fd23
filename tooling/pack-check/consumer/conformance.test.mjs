// What a backend author writes: one describeConformance call per backend, run with vitest.
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { openLevelBackend } from "@mnemo/backend-level";
import { openMemoryBackend } from "@mnemo/backend-memory";
import { describeConformance } from "@mnemo/testing";

describeConformance("memory", { open: () => openMemoryBackend(), modelRuns: 10 });

const dirs = [];
describeConformance("level", {
  open: async () => {
    const path = await mkdtemp(join(tmpdir(), "mnemo-conformance-"));
    dirs.push(path);
    return openLevelBackend({ path });
  },
  reopen: (root) => openLevelBackend({ path: root.location }),
  cleanup: async () => {
    for (const dir of dirs.splice(0)) await rm(dir, { recursive: true, force: true });
  },
  modelRuns: 10,
});
