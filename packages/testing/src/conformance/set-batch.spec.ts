import { describe, expect, it } from "vitest";
import type { ConformanceContext } from "./context.js";
import { bytes, dump } from "./helpers.js";

export function setBatchSpec(ctx: ConformanceContext): void {
  describe("setBatch", () => {
    it("writes every entry and overwrites existing ones", async () => {
      const store = await ctx.open();
      await store.set("b", bytes(0));
      await store.setBatch([
        ["a", bytes(1)],
        ["b", bytes(2)],
        ["c", new Uint8Array(0)],
      ]);
      expect(await dump(store)).toEqual([
        ["a", [1]],
        ["b", [2]],
        ["c", []],
      ]);
    });

    it("keeps the last value of a key named twice", async () => {
      const store = await ctx.open();
      await store.setBatch([
        ["k", bytes(1)],
        ["other", bytes(5)],
        ["k", bytes(2)],
      ]);
      expect(await dump(store)).toEqual([
        ["k", [2]],
        ["other", [5]],
      ]);
    });

    it("is a no-op for an empty batch", async () => {
      const store = await ctx.open();
      await store.set("a", bytes(1));
      await store.setBatch([]);
      expect(await dump(store)).toEqual([["a", [1]]]);
    });

    it("accepts a generator and a Map", async () => {
      const store = await ctx.open();
      function* entries(): Generator<[string, Uint8Array]> {
        yield ["g1", bytes(1)];
        yield ["g2", bytes(2)];
      }
      await store.setBatch(entries());
      await store.setBatch(new Map([["m", bytes(3)]]));
      expect(await dump(store)).toEqual([
        ["g1", [1]],
        ["g2", [2]],
        ["m", [3]],
      ]);
    });
  });
}
