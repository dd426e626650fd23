import { describe, expect, it } from "vitest";
import type { ConformanceContext } from "./context.js";
import { bytes, plainMap } from "./helpers.js";

export function getBatchSpec(ctx: ConformanceContext): void {
  describe("getBatch", () => {
    it("returns only the keys found", async () => {
      const store = await ctx.open();
      await store.setBatch([
        ["a", bytes(1)],
        ["b", bytes(2)],
        ["e", new Uint8Array(0)],
      ]);
      const found = await store.getBatch(["a", "missing", "b", "e", "z"]);
      expect(found).toBeInstanceOf(Map);
      expect(plainMap(found)).toEqual([
        ["a", [1]],
        ["b", [2]],
        ["e", []],
      ]);
    });

    it("returns an empty map for no keys or no matches", async () => {
      const store = await ctx.open();
      expect((await store.getBatch([])).size).toBe(0);
      expect((await store.getBatch(["x", "y"])).size).toBe(0);
    });

    it("accepts a key named twice and any iterable", async () => {
      const store = await ctx.open();
      await store.set("a", bytes(1));
      const found = await store.getBatch(new Set(["a", "b"]));
      expect(plainMap(found)).toEqual([["a", [1]]]);
      function* twice() {
        yield "a";
        yield "a";
      }
      expect(plainMap(await store.getBatch(twice()))).toEqual([["a", [1]]]);
    });

    it("reads many keys at once", async () => {
      const store = await ctx.open();
      const keys = Array.from({ length: 300 }, (_, i) => `k${i}`);
      await store.setBatch(keys.map((key, i) => [key, bytes(i % 256)]));
      const found = await store.getBatch([...keys, "absent"]);
      expect(found.size).toBe(300);
      expect(Array.from(found.get("k299") ?? [])).toEqual([299 % 256]);
    });
  });
}
