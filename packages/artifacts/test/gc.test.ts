/**
 * Each crash window of put and delete, set up by hand as the crashed step leaves the store,
 * and gc() reclaiming it. (Before reference counts were reconciled, a delete that died after
 * removing the artifact record left a reference no gc() pass could find.)
 */
import { encodeCounter, type StorageBackend, StorageError } from "@mnemo/core";
import { forEachBackend, manualClock } from "@mnemo/testing";
import { describe, expect, it } from "vitest";
import { type ArtifactContent, ArtifactStore } from "../src/index.js";
import { artifactKey, chunkKey, refCountKey, uploadKey } from "../src/keyspace.js";
import { artifactCodec, uploadCodec } from "../src/records.js";
import { artifactDeletes } from "../src/references.js";
import { expectConsistent, randomBytes, rawEntries } from "./helpers.js";

const put = (a: ArtifactStore, data: ArtifactContent) =>
  a.put(data, { contentType: "application/x-test", kind: "data" });

/** What a delete that died right after its commit leaves: the content, unfreed. */
async function deleteWithoutFree(store: StorageBackend, id: string) {
  const record = artifactCodec.decode((await store.get(artifactKey(id)))!);
  const result = await store.commit([], artifactDeletes(id, record));
  expect(result.ok).toBe(true);
}

forEachBackend((backend) => {
  const open = async () => {
    const store = await backend.open({ namespace: "artifacts" });
    const clock = manualClock();
    return {
      store,
      clock,
      artifacts: new ArtifactStore(store, { chunkSize: 1024, clock, uploadGraceMs: 60_000 }),
    };
  };

  describe("gc() after a crash", () => {
    it("frees content whose last artifact a dying delete removed", async () => {
      const { store, artifacts } = await open();
      const kept = await put(artifacts, randomBytes(3000, 1));
      const gone = await put(artifacts, randomBytes(2500, 2));
      await deleteWithoutFree(store, gone.artifactId);
      expect(await artifacts.hasContent(gone.hash)).toBe(true);
      const result = await artifacts.gc();
      expect(result).toMatchObject({ contents: 1, chunks: 3, uploads: 0, references: 0 });
      expect(await artifacts.hasContent(gone.hash)).toBe(false);
      expect((await artifacts.get(kept.artifactId)).byteLength).toBe(3000);
      await expectConsistent(store);
    });

    it("finishes a free or a deduplicating put that died deleting chunks", async () => {
      const { store, artifacts } = await open();
      const kept = await put(artifacts, randomBytes(3000, 1));
      // A reclaiming upload record owns chunks being deleted: no grace period applies.
      await store.commit(
        [],
        [
          {
            type: "put",
            key: uploadKey("g1"),
            value: uploadCodec.encode({ startedAt: Date.now(), reclaiming: true }),
          },
          { type: "put", key: chunkKey("g1", "a".repeat(64)), value: new Uint8Array([0, 7]) },
        ],
      );
      expect(await artifacts.gc()).toMatchObject({ chunks: 1, bytes: 2, uploads: 1 });
      expect((await artifacts.get(kept.artifactId)).byteLength).toBe(3000);
      await expectConsistent(store);
    });

    it("corrects a reference counter that disagrees with the artifacts", async () => {
      const { store, artifacts } = await open();
      const a = await put(artifacts, randomBytes(2000, 5));
      await put(artifacts, randomBytes(2000, 5));
      await store.set(refCountKey(a.hash), encodeCounter(7n));
      expect(await artifacts.gc()).toMatchObject({ contents: 0, references: 1 });
      await expectConsistent(store);
      // The corrected count frees the content with its last artifact, as it should.
      for (const info of (await artifacts.list()).items) await artifacts.delete(info.artifactId);
      expect(await rawEntries(store, "x")).toEqual([]);
      await expectConsistent(store);
    });

    it("reclaims an upload past the grace period; the put, still running, fails and leaves nothing", async () => {
      const { store, clock, artifacts } = await open();
      let release!: () => void;
      const paused = new Promise<void>((resolve) => {
        release = resolve;
      });
      let reached!: () => void;
      const halfway = new Promise<void>((resolve) => {
        reached = resolve;
      });
      async function* slow() {
        yield randomBytes(3000, 8);
        reached();
        await paused;
        yield randomBytes(3000, 9);
      }
      const pending = put(artifacts, slow()).then(
        () => undefined,
        (e: unknown) => e,
      );
      await halfway;
      clock.advance(30_000);
      expect((await artifacts.gc()).uploads).toBe(0);
      clock.advance(30_000);
      expect((await artifacts.gc()).uploads).toBe(1);
      release();
      const error = await pending;
      expect(StorageError.is(error, "UNAVAILABLE"), String(error)).toBe(true);
      expect(await store.listKeys()).toEqual([]);
    });
  });
});
