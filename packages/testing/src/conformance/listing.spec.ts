/**
 * Operator listing: `listNamespaces()` and `listTenants()` stream the namespaces and tenants
 * that hold data, in byte order; emptied ones disappear. Handles without operator rights
 * (`ConformanceOptions.operatorListing: false`) must refuse `listTenants()`.
 */
import type { StorageBackend } from "@mnemo/core";
import { describe, expect, it } from "vitest";
import type { ConformanceContext } from "./context.js";
import { bytes, collect, expectCode, sortByBytes } from "./helpers.js";

/** Tenant ids whose UTF-8 order differs from UTF-16 order, with separators and prefixes. */
const TENANTS = ["lt-b", "lt-a", "lt-a/b", "lt-a0", "\uFFFF", "😀", "é"];
const NAMESPACES = ["ls_b", "ls_a", "ls_a_b", "ls_a0"];

const names = (iterable: AsyncIterable<string>) => collect<string>(iterable);

export function listingSpec(ctx: ConformanceContext): void {
  describe("listNamespaces", () => {
    it("lists nothing on an empty store", async () => {
      const store = await ctx.open();
      expect(await names(store.listNamespaces())).toEqual([]);
    });

    it("lists the namespaces holding data, in byte order", async () => {
      const store = await ctx.open();
      for (const ns of NAMESPACES) await store.forNamespace(ns).set("k", bytes(1));
      await store.set("k", bytes(1));
      const expected = sortByBytes([...NAMESPACES, store.namespace]);
      expect(await names(store.listNamespaces())).toEqual(expected);
      // The same from any handle on the store.
      expect(await names(store.forNamespace("ls_a").listNamespaces())).toEqual(expected);
    });

    it("drops a namespace once its data is cleared or deleted", async () => {
      const store = await ctx.open();
      const [b, a, ab] = NAMESPACES.map((ns) => store.forNamespace(ns)) as [
        StorageBackend,
        StorageBackend,
        StorageBackend,
      ];
      await b.set("k", bytes(1));
      await a.setBatch([
        ["k", bytes(1)],
        ["l", bytes(2)],
      ]);
      await ab.commit([], [{ type: "sum", key: "n", delta: 1n }]);
      await b.clear();
      await a.deleteBatch(["k", "l"]);
      expect(await names(store.listNamespaces())).toEqual(["ls_a_b"]);
      await ab.atomic().delete("n").commit();
      expect(await names(store.listNamespaces())).toEqual([]);
    });

    it("lists a namespace holding only another tenant's data (operator rights)", async (test) => {
      if (!ctx.operatorListing) test.skip();
      const store = await ctx.open();
      await store.forNamespace("ls_other").forTenant(`${store.tenant}-else`).set("k", bytes(1));
      expect(await names(store.listNamespaces())).toEqual(["ls_other"]);
    });

    it("can be abandoned part-way and listed again", async () => {
      const store = await ctx.open();
      for (const ns of NAMESPACES) await store.forNamespace(ns).set("k", bytes(1));
      for await (const ns of store.listNamespaces()) {
        expect(ns).toBe("ls_a");
        break;
      }
      expect((await names(store.listNamespaces())).length).toBe(NAMESPACES.length);
    });
  });

  describe("listTenants", () => {
    it("refuses without operator rights with PERMISSION_DENIED", async (test) => {
      if (ctx.operatorListing) test.skip();
      const store = await ctx.open();
      await store.set("k", bytes(1));
      await expectCode(() => store.listTenants(), "PERMISSION_DENIED");
      await expectCode(() => store.forTenant("other").listTenants(), "PERMISSION_DENIED");
    });

    it("lists the tenants holding data in the handle's namespace, in byte order", async (test) => {
      if (!ctx.operatorListing) test.skip();
      const store = await ctx.open();
      expect(await names(store.listTenants())).toEqual([]);
      for (const tenant of TENANTS) await store.forTenant(tenant).set("k", bytes(1));
      await store.set("k", bytes(1));
      // Data in another namespace does not list its tenant here.
      await store.forNamespace("lt_other").forTenant("lt-elsewhere").set("k", bytes(1));
      const expected = sortByBytes([...TENANTS, store.tenant]);
      expect(await names(store.listTenants())).toEqual(expected);
      expect(await names(store.forTenant("lt-a").listTenants())).toEqual(expected);
      expect(await names(store.forNamespace("lt_other").listTenants())).toEqual(["lt-elsewhere"]);
    });

    it("drops a tenant once its data is cleared or deleted", async (test) => {
      if (!ctx.operatorListing) test.skip();
      const store = await ctx.open();
      const [b, a, ab] = ["lt-b", "lt-a", "lt-a/b"].map((t) => store.forTenant(t)) as [
        StorageBackend,
        StorageBackend,
        StorageBackend,
      ];
      await b.set("k", bytes(1));
      await a.write([
        { type: "put", key: "k", value: bytes(1) },
        { type: "put", key: "l", value: bytes(1) },
      ]);
      await ab.atomic().check("k", null).put("k", bytes(1)).commit();
      await b.clear();
      await a.delete("k");
      expect(await names(store.listTenants())).toEqual(["lt-a", "lt-a/b"]);
      await a.commit([], [{ type: "del", key: "l" }]);
      expect(await ab.compareAndSwap("k", bytes(1), undefined)).toBe(true);
      expect(await names(store.listTenants())).toEqual([]);
    });

    it("can be abandoned part-way and listed again", async (test) => {
      if (!ctx.operatorListing) test.skip();
      const store = await ctx.open();
      for (const tenant of TENANTS) await store.forTenant(tenant).set("k", bytes(1));
      const iterator = store.listTenants()[Symbol.asyncIterator]();
      expect((await iterator.next()).value).toBe("lt-a");
      await iterator.return?.();
      expect((await names(store.listTenants())).length).toBe(TENANTS.length);
    });
  });
}
