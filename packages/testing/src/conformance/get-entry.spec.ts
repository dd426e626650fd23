import { describe, expect, it } from "vitest";
import type { ConformanceContext } from "./context.js";
import { bytes, dump, expectBytes, expectCode, expectVersion } from "./helpers.js";

export function getEntrySpec(ctx: ConformanceContext): void {
  describe("getEntry / getEntries", () => {
    it("returns undefined for a key never written and for a deleted one", async () => {
      const store = await ctx.open();
      expect(await store.getEntry("missing")).toBeUndefined();
      await store.set("k", bytes(1));
      await store.delete("k");
      expect(await store.getEntry("k")).toBeUndefined();
    });

    it("returns exactly { value, version }, the value get() returns", async () => {
      const store = await ctx.open();
      await store.set("k", bytes(1, 2, 3));
      await store.set("empty", new Uint8Array(0));
      for (const key of ["k", "empty"]) {
        const entry = await store.getEntry(key);
        expect(entry).toBeDefined();
        expect(Object.keys(entry!).sort()).toEqual(["value", "version"]);
        expect(entry!.value).toBeInstanceOf(Uint8Array);
        expectBytes(entry!.value, (await store.get(key))!);
        expectVersion(entry!.version);
      }
    });

    it("hands out a copy: mutating it changes nothing stored", async () => {
      const store = await ctx.open();
      await store.set("k", bytes(1, 2));
      const one = (await store.getEntry("k"))!;
      const many = (await store.getEntries(["k"])).get("k")!;
      one.value.fill(9);
      many.value.fill(8);
      expect(await dump(store)).toEqual([["k", [1, 2]]]);
    });

    it("getEntries returns only the keys found, each as getEntry returns it", async () => {
      const store = await ctx.open();
      await store.set("a", bytes(1));
      await store.setBatch([
        ["b", bytes(2)],
        ["c", new Uint8Array(0)],
      ]);
      const found = await store.getEntries(["c", "missing", "a", "b", "a"]);
      expect(found).toBeInstanceOf(Map);
      expect([...found.keys()].sort()).toEqual(["a", "b", "c"]);
      for (const [key, entry] of found) {
        const single = (await store.getEntry(key))!;
        expect(Object.keys(entry).sort()).toEqual(["value", "version"]);
        expect(entry.version, key).toBe(single.version);
        expectBytes(entry.value, single.value);
      }
      expect((await store.getEntries([])).size).toBe(0);
      expect((await store.getEntries(new Set(["b"]))).size).toBe(1);
      expect((await store.getEntries(["missing"])).size).toBe(0);
    });

    it("refuses bad keys with INVALID_KEY and a non-iterable with INVALID_ARGUMENT", async () => {
      const store = await ctx.open();
      for (const key of ["", "a\u0000", "\uD800", 42, null, undefined, { toString: "x" }]) {
        await expectCode(() => store.getEntry(key as string), "INVALID_KEY");
        await expectCode(() => store.getEntries(["a", key as string]), "INVALID_KEY");
      }
      for (const keys of [null, undefined, "ab", 42, { toString: "x" }]) {
        await expectCode(() => store.getEntries(keys as unknown as string[]), "INVALID_ARGUMENT");
      }
    });
  });
}
