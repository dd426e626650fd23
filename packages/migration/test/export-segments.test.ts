/**
 * An export in segments (what keeps a LevelDB export's mapped table files bounded): the
 * store may be closed and reopened between two segments, and the file is the same records as
 * one scan's, each key once.
 */
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { openLevelBackend } from "@mnemo/backend-level";
import type { StorageBackend } from "@mnemo/core";
import { afterEach, describe, expect, it } from "vitest";
import { exportStore, readExport } from "../src/index.js";

const dirs: string[] = [];
afterEach(async () => {
  for (const dir of dirs.splice(0)) await rm(dir, { recursive: true, force: true });
});

async function seeded(path: string): Promise<StorageBackend> {
  const store = await openLevelBackend({ path });
  for (const tenant of ["t1", "t2"]) {
    const entries: [string, Uint8Array][] = [];
    for (let i = 0; i < 500; i++)
      entries.push([`k${String(i).padStart(4, "0")}`, new Uint8Array(100).fill(i & 0xff)]);
    await store.forNamespace("ns").forTenant(tenant).setBatch(entries);
  }
  return store;
}

async function exported(stream: AsyncIterable<Buffer>) {
  const parts: Buffer[] = [];
  for await (const part of stream) parts.push(part);
  const out: string[] = [];
  async function* file() {
    yield Buffer.concat(parts);
  }
  for await (const event of readExport(file())) {
    if (event.type !== "block") continue;
    for (const [key, value] of event.block.records)
      out.push(`${event.block.tenant}/${key}=${value[0]}`);
  }
  return out;
}

describe("exportStore in segments", () => {
  it("reopens the store between segments and exports every key once", async () => {
    const dir = await mkdtemp(join(tmpdir(), "mnemo-export-seg-"));
    dirs.push(dir);
    const path = join(dir, "db");
    let store = await seeded(path);
    const whole = await exported(exportStore(store, { clock: { now: () => 1 } }));
    expect(whole).toHaveLength(1000);
    let reopens = 0;
    const segmented = await exported(
      exportStore(store, {
        clock: { now: () => 1 },
        // A new segment after each 3,000 bytes exported.
        endSegment: (bytes) => Math.floor(bytes / 3000) > reopens,
        betweenSegments: async () => {
          // Closing fails any scan still open on it: none may be.
          await store.close();
          store = await openLevelBackend({ path, createIfMissing: false });
          reopens++;
          return store;
        },
      }),
    );
    await store.close();
    expect(segmented).toEqual(whole);
    // 1,000 records of 105 bytes: a segment ends as each multiple of 3,000 is passed.
    expect(reopens).toBe(35);
  });
});
