import { describe, expect, it } from "vitest";
import type { ConformanceContext } from "./context.js";
import { bytes, scanKeys } from "./helpers.js";

export function deleteSpec(ctx: ConformanceContext): void {
  describe("delete", () => {
    it("removes the key and only that key", async () => {
      const store = await ctx.open();
      for (const key of ["a", "ab", "b"]) await store.set(key, bytes(1));
      await store.delete("a");
      expect(await store.get("a")).toBeUndefined();
      expect(await scanKeys(store)).toEqual(["ab", "b"]);
    });

    it("is a no-op for a missing key", async () => {
      const store = await ctx.open();
      await store.set("a", bytes(1));
      await expect(store.delete("missing")).resolves.toBeUndefined();
      await store.delete("a");
      await expect(store.delete("a")).resolves.toBeUndefined();
      expect(await scanKeys(store)).toEqual([]);
    });

    it("lets the key be set again", async () => {
      const store = await ctx.open();
      await store.set("a", bytes(1));
      await store.delete("a");
      await store.set("a", bytes(2));
      expect(Array.from((await store.get("a")) ?? [])).toEqual([2]);
    });
  });
}
