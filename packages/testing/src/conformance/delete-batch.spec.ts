import { describe, expect, it } from "vitest";
import type { ConformanceContext } from "./context.js";
import { fill, scanKeys } from "./helpers.js";

export function deleteBatchSpec(ctx: ConformanceContext): void {
  describe("deleteBatch", () => {
    it("deletes the keys named and ignores missing ones", async () => {
      const store = await ctx.open();
      await fill(store, ["a", "b", "c", "d"]);
      await store.deleteBatch(["b", "missing", "d"]);
      expect(await scanKeys(store)).toEqual(["a", "c"]);
    });

    it("accepts a key named twice, any iterable, and an empty batch", async () => {
      const store = await ctx.open();
      await fill(store, ["a", "b", "c"]);
      await store.deleteBatch(["a", "a"]);
      await store.deleteBatch(new Set(["b"]));
      await store.deleteBatch([]);
      expect(await scanKeys(store)).toEqual(["c"]);
    });

    it("does not delete by prefix", async () => {
      const store = await ctx.open();
      await fill(store, ["a", "ab", "abc"]);
      await store.deleteBatch(["ab"]);
      expect(await scanKeys(store)).toEqual(["a", "abc"]);
    });
  });
}
