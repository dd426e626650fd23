import { describe, expect, it } from "vitest";
import type { ConformanceContext } from "./context.js";
import { bytes, dump, expectNewer, scanKeys, snapshot, sortByBytes, versionOf } from "./helpers.js";

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

    it("keeps versions across a reopen, and versions after it keep growing", async (test) => {
      const { root, store } = await ctx.openWithRoot();
      if (ctx.reopen === undefined || !store.characteristics().persistent) test.skip();
      await store.set("a", bytes(1));
      await store.commit(
        [],
        [
          { type: "put", key: "b", value: bytes(2) },
          { type: "sum", key: "n", delta: 3n },
        ],
      );
      const stale = await versionOf(store, "a");
      await store.set("a", bytes(1));
      const deletedVersion = await versionOf(store, "b");
      await store.delete("b");
      const before = await snapshot(store);

      const again = await ctx.reopen!(root);
      expect(await snapshot(again)).toEqual(before);
      expect((await again.commit([{ key: "a", version: stale }], [])).ok).toBe(false);
      const va = await versionOf(again, "a");
      expect(
        (await again.commit([{ key: "a", version: va }], [{ type: "sum", key: "n", delta: 1n }]))
          .ok,
      ).toBe(true);
      const vn = await versionOf(again, "n");
      // A counter that restarted after the reopen would hand out versions already used.
      expectNewer(vn, before.find(([key]) => key === "n")![2], "n after reopen");
      // A key deleted before the reopen and written again after it must not get its old version back.
      await again.set("b", bytes(2));
      const vb = await versionOf(again, "b");
      expectNewer(vb, deletedVersion, "b re-created after reopen");
      expect((await again.commit([{ key: "b", version: deletedVersion }], [])).ok).toBe(false);
    });
  });
}
