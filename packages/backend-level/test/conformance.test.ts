import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type LevelBackend, openLevelBackend } from "@mnemo/backend-level";
import type { StorageBackend } from "@mnemo/core";
import { describeConformance } from "@mnemo/testing";

const dirs: string[] = [];

describeConformance("level", {
  // A fresh directory per root; the default (balanced) durability is what users get.
  open: async () => {
    const path = await mkdtemp(join(tmpdir(), "mnemo-level-conformance-"));
    dirs.push(path);
    return openLevelBackend({ path });
  },
  // The suite has closed `root`: open its directory again, as a restarted process would.
  reopen: (root: StorageBackend) =>
    openLevelBackend({ path: (root as LevelBackend).location, durability: "balanced" }),
  cleanup: async () => {
    for (const dir of dirs.splice(0)) await rm(dir, { recursive: true, force: true });
  },
});
