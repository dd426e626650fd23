/**
 * Whole stores for migration tests, one per call: a memory store, a fresh LevelDB directory,
 * or a PostgreSQL schema of its own (so listing tenants sees only this test's). `pairs()`
 * names the source→target pairs the selected backends allow, each backend on both sides.
 */
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { openLevelBackend } from "@mnemo/backend-level";
import { openMemoryBackend } from "@mnemo/backend-memory";
import type { StorageBackend } from "@mnemo/core";
import { type BackendName, selectedBackends } from "@mnemo/testing";
import { TestSchema } from "./postgres.js";

export class Stores {
  readonly #dirs: string[] = [];
  readonly #roots: StorageBackend[] = [];
  readonly #schemas: TestSchema[] = [];

  async open(name: BackendName): Promise<StorageBackend> {
    let root: StorageBackend;
    if (name === "memory") root = await openMemoryBackend();
    else if (name === "level") {
      const path = await mkdtemp(join(tmpdir(), "mnemo-mig-"));
      this.#dirs.push(path);
      root = await openLevelBackend({ path });
    } else {
      const schema = new TestSchema();
      this.#schemas.push(schema);
      // The owner connection: listing tenants is an operator's right.
      root = await schema.open({}, { owner: true });
    }
    this.#roots.push(root);
    return root;
  }

  /** Closes every store, then drops schemas and directories. */
  async dispose(): Promise<void> {
    for (const root of this.#roots.splice(0)) await root.close().catch(() => {});
    for (const schema of this.#schemas.splice(0)) await schema.drop();
    for (const dir of this.#dirs.splice(0)) await rm(dir, { recursive: true, force: true });
  }
}

/** memory→level, level→postgres, postgres→memory (as selected): every backend on each side. */
export function pairs(): [BackendName, BackendName][] {
  const names = selectedBackends();
  if (names.length === 1) return [[names[0]!, names[0]!]];
  return names.map((name, i) => [name, names[(i + 1) % names.length]!]);
}
