import { describe, expect, it } from "vitest";
import type { ConformanceContext } from "./context.js";
import { bytes, dump, fill } from "./helpers.js";

export function clearSpec(ctx: ConformanceContext): void {
  describe("clear", () => {
    it("removes every key of the handle", async () => {
      const store = await ctx.open();
      await fill(store, ["a", "b", "c/d", "😀"]);
      await store.clear();
      expect(await dump(store)).toEqual([]);
      expect(await store.get("a")).toBeUndefined();
      expect(await store.listKeys()).toEqual([]);
    });

    it("succeeds on an empty store, twice", async () => {
      const store = await ctx.open();
      await store.clear();
      await store.clear();
      expect(await dump(store)).toEqual([]);
    });

    it("leaves the store usable", async () => {
      const store = await ctx.open();
      await fill(store, ["a"]);
      await store.clear();
      await store.set("a", bytes(2));
      expect(await dump(store)).toEqual([["a", [2]]]);
    });

    it("leaves other tenants and namespaces alone", async () => {
      const store = await ctx.open();
      const otherTenant = store.forTenant("clear-other");
      const otherNamespace = store.forNamespace("clear_other");
      for (const handle of [store, otherTenant, otherNamespace]) await fill(handle, ["a", "b"]);
      await store.clear();
      expect(await dump(store)).toEqual([]);
      expect(await otherTenant.listKeys()).toEqual(["a", "b"]);
      expect(await otherNamespace.listKeys()).toEqual(["a", "b"]);
    });
  });
}
