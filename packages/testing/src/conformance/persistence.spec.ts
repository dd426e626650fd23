import { describe, expect, it } from "vitest";
import type { ConformanceContext } from "./context.js";
import { bytes, dump, scanKeys, sortByBytes } from "./helpers.js";

export function persistenceSpec(ctx: ConformanceContext): void {
  describe("persistence (persistent backends with a reopen)", () => {
    it("keeps every acknowledged write across a close and reopen", async (test) => {
      const { root, store } = await ctx.openWithRoot();
      if (ctx.reopen === undefined || !store.characteristics().persistent) test.skip();
      const keys = ["a", "é", "\uFFFD", "😀", "%_\\"];
      await store.setBatch(keys.map((key, i) => [key, bytes(i)]));
      await store.set("empty", new Uint8Array(0));
      await store.write([
        { type: "del", key: "a" },
        { type: "put", key: "w", value: bytes(9) },
      ]);
      await store.compareAndSwap("counter", undefined, bytes(1));
      await store.forTenant("persist-other").set("theirs", bytes(7));
      await store.forNamespace("persist_ns").set("ns-key", bytes(8));
      const before = await dump(store);

      const again = await ctx.reopen!(root);
      expect(await dump(again)).toEqual(before);
      expect(await scanKeys(again)).toEqual(sortByBytes(before.map(([k]) => k)));
      expect(await again.get("a")).toBeUndefined();
      expect(Array.from((await again.get("empty")) ?? [1])).toEqual([]);
      expect(await dump(again.forTenant("persist-other"))).toEqual([["theirs", [7]]]);
      expect(await dump(again.forNamespace("persist_ns"))).toEqual([["ns-key", [8]]]);
    });
  });
}
