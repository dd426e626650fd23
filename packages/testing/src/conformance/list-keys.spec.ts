import { describe, expect, it } from "vitest";
import type { ConformanceContext } from "./context.js";
import { fill } from "./helpers.js";

export function listKeysSpec(ctx: ConformanceContext): void {
  describe("listKeys", () => {
    const keys = ["a", "a/1", "a/2", "ab", "b", "b/1"];

    it("lists every key in key order without a prefix, or with an empty one", async () => {
      const store = await ctx.open();
      await fill(store, [...keys].reverse());
      expect(await store.listKeys()).toEqual(keys);
      expect(await store.listKeys("")).toEqual(keys);
    });

    it("lists the keys that start with the prefix, including the prefix itself", async () => {
      const store = await ctx.open();
      await fill(store, keys);
      expect(await store.listKeys("a")).toEqual(["a", "a/1", "a/2", "ab"]);
      expect(await store.listKeys("a/")).toEqual(["a/1", "a/2"]);
      expect(await store.listKeys("b/1")).toEqual(["b/1"]);
    });

    it("returns an empty list when nothing matches", async () => {
      const store = await ctx.open();
      expect(await store.listKeys()).toEqual([]);
      await fill(store, keys);
      expect(await store.listKeys("c")).toEqual([]);
      expect(await store.listKeys("a/1/x")).toEqual([]);
      expect(await store.listKeys("0")).toEqual([]);
    });

    it("does not list deleted keys", async () => {
      const store = await ctx.open();
      await fill(store, keys);
      await store.deleteBatch(["a/1", "b"]);
      expect(await store.listKeys()).toEqual(["a", "a/2", "ab", "b/1"]);
    });
  });
}
