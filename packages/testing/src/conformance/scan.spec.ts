import type { Entry } from "@mnemo/core";
import { describe, expect, it } from "vitest";
import type { ConformanceContext } from "./context.js";
import { bytes, collect, fill, plainEntries, scanKeys, sortByBytes } from "./helpers.js";

const many = (n: number) => Array.from({ length: n }, (_, i) => `k${String(i).padStart(5, "0")}`);

export function scanSpec(ctx: ConformanceContext): void {
  describe("scan", () => {
    it("yields every entry in key order with its value", async () => {
      const store = await ctx.open();
      await store.setBatch([
        ["b", bytes(2)],
        ["a", bytes(1)],
        ["c", new Uint8Array(0)],
      ]);
      expect(plainEntries(await collect(store.scan()))).toEqual([
        ["a", [1]],
        ["b", [2]],
        ["c", []],
      ]);
    });

    it("yields nothing on an empty store", async () => {
      const store = await ctx.open();
      expect(await collect(store.scan())).toEqual([]);
      expect(await collect(store.scan({ reverse: true, prefix: "a" }))).toEqual([]);
    });

    it("goes largest key first with reverse", async () => {
      const store = await ctx.open();
      await fill(store, ["a", "b", "c"]);
      expect(await scanKeys(store, { reverse: true })).toEqual(["c", "b", "a"]);
    });

    it("stops after limit entries; limit 0 yields nothing", async () => {
      const store = await ctx.open();
      await fill(store, ["a", "b", "c"]);
      expect(await scanKeys(store, { limit: 2 })).toEqual(["a", "b"]);
      expect(await scanKeys(store, { limit: 2, reverse: true })).toEqual(["c", "b"]);
      expect(await scanKeys(store, { limit: 0 })).toEqual([]);
      expect(await scanKeys(store, { limit: 10 })).toEqual(["a", "b", "c"]);
    });

    it("streams a long range in order, forward and reverse, with and without limit", async () => {
      const store = await ctx.open();
      const keys = many(1500);
      await fill(store, keys);
      expect(await scanKeys(store)).toEqual(keys);
      expect(await scanKeys(store, { reverse: true })).toEqual([...keys].reverse());
      expect(await scanKeys(store, { limit: 700 })).toEqual(keys.slice(0, 700));
      expect(await scanKeys(store, { gt: keys[100]!, lte: keys[1400]!, reverse: true })).toEqual(
        keys.slice(101, 1401).reverse(),
      );
      expect(await scanKeys(store, { gte: keys[3]!, limit: 1001 })).toEqual(keys.slice(3, 1004));
    });

    it("can be abandoned part-way and scanned again", async () => {
      const store = await ctx.open();
      await fill(store, many(600));
      for (let round = 0; round < 3; round++) {
        for await (const [key] of store.scan()) {
          expect(key).toBe("k00000");
          break;
        }
      }
      const iterator = store.scan({ reverse: true })[Symbol.asyncIterator]();
      expect((await iterator.next()).value?.[0]).toBe("k00599");
      await iterator.return?.();
      expect((await scanKeys(store)).length).toBe(600);
    });

    it("keeps order and skips no existing key when writes land between its steps", async () => {
      const store = await ctx.open();
      const keys = many(800);
      await fill(store, keys);
      const seen: string[] = [];
      for await (const [key] of store.scan()) {
        seen.push(key);
        // While the scan is open: insert ahead, delete behind, overwrite ahead of the cursor.
        if (seen.length % 97 === 0) {
          await store.set(`${key}x`, bytes(1));
          await store.delete(seen[seen.length - 50]!);
          await store.set(keys[799 - seen.length / 97]!, bytes(9));
        }
      }
      expect(seen).toEqual(sortByBytes(new Set(seen)));
      expect(seen.filter((key) => !key.endsWith("x"))).toEqual(keys);
    });

    it("a scan created twice yields the same entries each time it is iterated", async () => {
      const store = await ctx.open();
      await fill(store, ["a", "b"]);
      const iterable = store.scan();
      const first: Entry[] = await collect(iterable);
      const second: Entry[] = await collect(iterable);
      expect(plainEntries(second)).toEqual(plainEntries(first));
    });
  });
}
