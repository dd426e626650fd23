/**
 * The component API convention (docs/conventions.md), checked where a machine can: page
 * shapes and cursor round trips, the limit rule, delete results, the clock, option checks,
 * refused state changes apart from contention, and a listing for everything stored.
 */
import { StorageError } from "@mnemo/core";
import { dump, expectCode, forEachBackend, manualClock } from "@mnemo/testing";
import { describe, expect, it } from "vitest";
import { VectorStore } from "../src/index.js";

/** Every page of a listing, following `nextCursor`. */
async function allPages<T>(
  list: (options: { cursor?: string; limit: number }) => Promise<{
    items: readonly T[];
    nextCursor?: string;
  }>,
  limit: number,
): Promise<T[][]> {
  const pages: T[][] = [];
  let cursor: string | undefined;
  do {
    const result = await list(cursor === undefined ? { limit } : { cursor, limit });
    expect(Object.keys(result).sort()).toEqual(
      result.nextCursor === undefined ? ["items"] : ["items", "nextCursor"],
    );
    pages.push([...result.items]);
    cursor = result.nextCursor;
  } while (cursor !== undefined);
  return pages;
}

forEachBackend((backend) => {
  describe("API convention", () => {
    it("pages listings with opaque cursors, one limit rule, one listing per stored kind", async () => {
      const handle = await backend.open({ namespace: "vector" });
      const clock = manualClock(1_800_000_000_000);
      const store = new VectorStore(handle, { clock });
      for (const name of ["e", "a", "d", "b", "c"]) {
        await store.createCollection(name, { dimension: 2, metric: "l2" });
      }
      const pages = await allPages((o) => store.listCollections(o), 2);
      expect(pages.map((p) => p.map((c) => c.name))).toEqual([["a", "b"], ["c", "d"], ["e"]]);
      expect(pages.flat().every((c) => c.createdAt === 1_800_000_000_000)).toBe(true);
      expect((await store.listCollections()).items).toHaveLength(5);

      const c = await store.collection("a");
      const ids = ["z", "b", "\u00e9", "a", "m", "😀", "k"];
      await c.upsertMany(ids.map((id, i) => ({ id, vector: [i, 1], metadata: { i } })));
      const idPages = await allPages((o) => c.list(o), 3);
      expect(idPages.map((p) => p.length)).toEqual([3, 3, 1]);
      // UTF-8 byte order, each with its metadata.
      expect(idPages.flat().map((v) => v.id)).toEqual(["a", "b", "k", "m", "z", "\u00e9", "😀"]);
      expect(idPages.flat().find((v) => v.id === "m")?.metadata).toEqual({ i: 4 });
      // Exactly as many as stored: no nextCursor on a page that ends the listing.
      expect(await c.list({ limit: 7 })).not.toHaveProperty("nextCursor");

      // A cursor is for its own listing only.
      const collectionCursor = (await store.listCollections({ limit: 1 })).nextCursor!;
      const idCursor = (await c.list({ limit: 1 })).nextCursor!;
      await expectCode(() => c.list({ cursor: collectionCursor }), "INVALID_ARGUMENT");
      await expectCode(() => store.listCollections({ cursor: idCursor }), "INVALID_ARGUMENT");
      const other = await store.collection("b");
      await expectCode(() => other.list({ cursor: idCursor }), "INVALID_ARGUMENT");

      for (const limit of [0, -1, 1.5, 1001, "5", null, Number.NaN]) {
        for (const call of [
          () => store.listCollections({ limit: limit as number }),
          () => c.list({ limit: limit as number }),
        ]) {
          const error = await expectCode(call, "INVALID_ARGUMENT");
          expect((error as StorageError).details).toMatchObject({ field: "limit" });
        }
      }
    });

    it("returns whether a delete deleted, keeps refusals apart from contention", async () => {
      const handle = await backend.open({ namespace: "vector" });
      const store = new VectorStore(handle);
      const c = await store.createCollection("d", { dimension: 2, metric: "l2" });
      await c.upsert("x", [1, 2]);
      expect(await c.delete("x")).toBe(true);
      expect(await c.delete("x")).toBe(false);
      expect(await c.delete("never")).toBe(false);
      expect(await store.dropCollection("d")).toBe(true);
      expect(await store.dropCollection("d")).toBe(false);

      await store.createCollection("s", { dimension: 2, metric: "l2" });
      const before = await dump(handle);
      const refused = await expectCode(
        () => store.createCollection("s", { dimension: 3, metric: "l2" }),
        "FAILED_PRECONDITION",
      );
      expect((refused as StorageError).isRetryable).toBe(false);
      expect(await dump(handle)).toEqual(before);
    });

    it("checks its options at construction: null, wrong types, NaN", async () => {
      const handle = await backend.open({ namespace: "vector" });
      expect(() => new VectorStore(handle)).not.toThrow();
      expect(() => new VectorStore(handle, {})).not.toThrow();
      for (const options of [
        null,
        5,
        { maxAttempts: Number.NaN },
        { maxAttempts: 0 },
        { clock: {} },
        { snapshotOnClose: "true" },
        { compactThreshold: Number.NaN },
      ]) {
        expect(() => new VectorStore(handle, options as never)).toThrow(StorageError);
        try {
          new VectorStore(handle, options as never);
        } catch (error) {
          expect((error as StorageError).code).toBe("INVALID_ARGUMENT");
        }
      }
      expect(await dump(handle)).toEqual([]);
    });

    it("takes time from the clock option, never per call", async () => {
      const handle = await backend.open({ namespace: "vector" });
      const clock = manualClock(1_750_000_000_000);
      const store = new VectorStore(handle, { clock });
      const c = await store.createCollection("t", { dimension: 2, metric: "l2" });
      expect(c.info().createdAt).toBe(1_750_000_000_000);
      clock.advance(5000);
      await store.createCollection("u", { dimension: 2, metric: "l2" });
      expect((await store.listCollections()).items.map((i) => i.createdAt)).toEqual([
        1_750_000_000_000, 1_750_000_005_000,
      ]);
      // A clock reading outside the project's time range is refused, nothing written.
      const before = await dump(handle);
      for (const bad of [Number.NaN, -1, 1.5, 253_402_300_800_000]) {
        clock.set(bad);
        await expectCode(
          () => store.createCollection("late", { dimension: 2, metric: "l2" }),
          "INVALID_ARGUMENT",
        );
      }
      expect(await dump(handle)).toEqual(before);
    });
  });
});
