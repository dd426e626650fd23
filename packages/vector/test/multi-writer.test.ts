/**
 * Several writers on one collection: two `VectorStore`s on one store, each with its own
 * in-memory index, write concurrently; every acknowledged write must be in the store, and
 * each instance's index must follow what the other wrote (a search sees every write
 * acknowledged before it began).
 */
import { decodeTuple, key } from "@mnemo/core";
import { dump, expectCode, forEachBackend, manualClock } from "@mnemo/testing";
import { describe, expect, it } from "vitest";
import { VectorStore } from "../src/index.js";
import {
  changeSteps,
  contentProblems,
  insertSteps,
  SHARED_COLLECTION,
  SHARED_DIMENSION,
  type Step,
  sharedVector,
} from "./shared-writers.js";

type Collection = Awaited<ReturnType<VectorStore["collection"]>>;

async function run(collection: Collection, steps: readonly Step[]): Promise<void> {
  for (const step of steps) {
    if (step.kind === "upsert") {
      await collection.upsert(step.id, sharedVector(step.id, step.generation), {
        generation: step.generation,
      });
    } else {
      await collection.delete(step.id);
    }
  }
}

async function verifyContents(collection: Collection, count: number): Promise<void> {
  expect(await contentProblems(collection, count)).toEqual([]);
}

forEachBackend((backend) => {
  describe("two writers on one collection", () => {
    it("keeps every acknowledged write, and each index follows the other's", {
      timeout: 60_000,
    }, async () => {
      const handle = await backend.open({ namespace: "vector" });
      const options = { snapshotEvery: 60, snapshotOnClose: false };
      const first = new VectorStore(handle, options);
      const second = new VectorStore(handle, options);
      const settings = { dimension: SHARED_DIMENSION, metric: "cosine" } as const;
      const a = await first.createCollection(SHARED_COLLECTION, settings);
      const b = await second.createCollection(SHARED_COLLECTION, settings);
      const count = 120;
      await Promise.all([run(a, insertSteps("a", count)), run(b, insertSteps("b", count))]);
      // Each instance sees the other's inserts at once.
      expect((await a.search(sharedVector("b7", 0), { k: 1 }))[0]?.id).toBe("b7");
      expect((await b.search(sharedVector("a7", 0), { k: 1 }))[0]?.id).toBe("a7");
      await Promise.all([run(a, changeSteps("a", count)), run(b, changeSteps("b", count))]);
      await verifyContents(a, count);
      await verifyContents(b, count);
      // A third instance opening afterwards (snapshot written by either, plus the log).
      const third = new VectorStore(handle);
      await verifyContents(await third.collection(SHARED_COLLECTION), count);
    });

    it("a follower far behind (log truncated by snapshots) reloads; a snapshot has one writer", {
      timeout: 60_000,
    }, async () => {
      const handle = await backend.open({ namespace: "vector" });
      const options = { snapshotEvery: 10, snapshotChunkBytes: 2048, snapshotOnClose: false };
      const settings = { dimension: SHARED_DIMENSION, metric: "l2" } as const;
      const behind = await new VectorStore(handle, options).createCollection("far", settings);
      const writer = await new VectorStore(handle, options).collection("far");
      await behind.upsert("first", sharedVector("first", 0));
      for (let i = 0; i < 120; i++) {
        await writer.upsert(`w${i}`, sharedVector(`w${i}`, 0));
        if (i % 10 === 9) await writer.snapshot();
        if (i % 7 === 0 && i > 0) await writer.delete(`w${i - 1}`);
      }
      // The log right after `behind`'s position is gone: it must load again, not miss writes.
      const logKeys = (await dump(handle)).filter(([k]) => k.includes("log"));
      expect(logKeys.length).toBeLessThan(60);
      expect(await behind.count()).toBe(await writer.count());
      for (const id of ["first", "w0", "w119"]) {
        expect((await behind.search(sharedVector(id, 0), { k: 1 }))[0]?.id).toBe(id);
      }
      expect(await behind.get("w6")).toBeUndefined();
      expect((await behind.search(sharedVector("w6", 0), { k: 1 }))[0]?.id).not.toBe("w6");

      // Two instances snapshotting at once: one writes, the other finds it done or leased.
      await writer.upsert("more", sharedVector("more", 0));
      await behind.count();
      const written = await Promise.all([behind.snapshot(), writer.snapshot()]);
      expect(written.filter(Boolean)).toHaveLength(1);
      const chunkIds = new Set(
        (await dump(handle)).filter(([k]) => k.includes("chunk")).map(([k]) => decodeTuple(k)[3]),
      );
      expect(chunkIds.size).toBe(1);
    });

    it("writers taking turns: each write sees the other's, none overwrites a label or entry", async () => {
      const handle = await backend.open({ namespace: "vector" });
      const settings = { dimension: SHARED_DIMENSION, metric: "cosine" } as const;
      const a = await new VectorStore(handle).createCollection("turns", settings);
      const b = await new VectorStore(handle).collection("turns");
      // No search in between: each writer's index is behind when its turn comes.
      for (let i = 0; i < 20; i++) {
        const [writer, id] = i % 2 === 0 ? [a, `a${i}`] : [b, `b${i}`];
        if (i % 3 === 2) await writer.upsertMany([{ id, vector: sharedVector(id, 0) }]);
        else await writer.upsert(id, sharedVector(id, 0));
        if (i % 4 === 3)
          expect(await writer.delete(i % 2 === 0 ? `b${i - 1}` : `a${i - 3}`)).toBe(true);
      }
      const expected = new Set(
        Array.from({ length: 20 }, (_, i) => (i % 2 === 0 ? `a${i}` : `b${i}`)),
      );
      for (let i = 3; i < 20; i += 4) expected.delete(i % 2 === 0 ? `b${i - 1}` : `a${i - 3}`);
      const fresh = await new VectorStore(handle).collection("turns");
      for (const c of [a, b, fresh]) {
        expect(await c.count()).toBe(expected.size);
        for (const id of expected) {
          expect((await c.search(sharedVector(id, 0), { k: 1 }))[0]?.id, id).toBe(id);
        }
      }
    });

    it("a snapshot lease held by a process that died blocks snapshots until it expires", async () => {
      const handle = await backend.open({ namespace: "vector" });
      const clock = manualClock(1_800_000_000_000);
      const store = new VectorStore(handle, { clock, snapshotLeaseMs: 60_000 });
      const c = await store.createCollection("leased", {
        dimension: SHARED_DIMENSION,
        metric: "l2",
      });
      await c.upsert("x", sharedVector("x", 0));
      const config = (await dump(handle)).find(([k]) => k.startsWith(key("collection")))!;
      const { uid } = JSON.parse(Buffer.from(config[1].slice(1)).toString()) as { uid: string };
      const lease = { owner: "a process that died", expiresAt: clock.now() + 60_000 };
      await handle.set(
        key("c", uid, "snapshot-lease"),
        new Uint8Array([1, ...Buffer.from(JSON.stringify(lease))]),
      );
      expect(await c.snapshot()).toBe(false);
      clock.advance(60_001);
      expect(await c.snapshot()).toBe(true);
      // The swap released the lease.
      expect(await handle.get(key("c", uid, "snapshot-lease"))).toBeUndefined();
    });

    it("follows log entries of the 0.1 format (a bare label) too", async () => {
      const handle = await backend.open({ namespace: "vector" });
      const settings = { dimension: SHARED_DIMENSION, metric: "l2" } as const;
      const reader = await new VectorStore(handle).createCollection("old", settings);
      const writer = await new VectorStore(handle).collection("old");
      await writer.upsert("x", sharedVector("x", 0));
      const [logKey, logValue] = (await dump(handle)).filter(([k]) => k.includes("log")).at(-1)!;
      const { l } = JSON.parse(Buffer.from(logValue.slice(1)).toString()) as { l: number };
      await handle.set(logKey, new Uint8Array([1, ...Buffer.from(JSON.stringify(l))]));
      expect((await reader.search(sharedVector("x", 0), { k: 1 }))[0]?.id).toBe("x");
    });

    it("a drop by one instance is NOT_FOUND in the other; a re-created name opens afresh", async () => {
      const handle = await backend.open({ namespace: "vector" });
      const first = new VectorStore(handle);
      const second = new VectorStore(handle);
      const settings = { dimension: SHARED_DIMENSION, metric: "l2" } as const;
      const a = await first.createCollection("gone", settings);
      await a.upsert("x", sharedVector("x", 0));
      const b = await second.collection("gone");
      // A third instance that has not noticed the drop: its close writes a last snapshot.
      const third = new VectorStore(handle);
      await third.collection("gone");
      expect(await second.dropCollection("gone")).toBe(true);
      await third.close();
      await expectCode(() => a.upsert("y", sharedVector("y", 0)), "NOT_FOUND");
      await expectCode(() => a.search(sharedVector("x", 0), { k: 1 }), "NOT_FOUND");
      await expectCode(() => b.count(), "NOT_FOUND");
      expect(await dump(handle)).toEqual([]);
      await second.createCollection("gone", settings);
      const again = await first.collection("gone");
      expect(again).not.toBe(a);
      expect(await again.count()).toBe(0);
    });
  });
});
