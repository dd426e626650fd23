import { describe, expect, it } from "vitest";
import type { ConformanceContext } from "./context.js";
import { bytes, dump, expectCode } from "./helpers.js";

export function handlesSpec(ctx: ConformanceContext): void {
  describe("forTenant / forNamespace", () => {
    it("names the tenant and namespace a handle reads and writes", async () => {
      const store = await ctx.open();
      expect(typeof store.tenant).toBe("string");
      expect(typeof store.namespace).toBe("string");
      const tenant = store.forTenant("t-1");
      expect(tenant.tenant).toBe("t-1");
      expect(tenant.namespace).toBe(store.namespace);
      const namespace = store.forNamespace("ns_1");
      expect(namespace.namespace).toBe("ns_1");
      expect(namespace.tenant).toBe(store.tenant);
      const both = namespace.forTenant("t-2");
      expect([both.namespace, both.tenant]).toEqual(["ns_1", "t-2"]);
    });

    it("gives handles on the same tenant and namespace the same data", async () => {
      const store = await ctx.open();
      await store.forTenant("shared").set("k", bytes(1));
      expect(Array.from((await store.forTenant("shared").get("k")) ?? [])).toEqual([1]);
      const again = store.forNamespace("other_ns").forNamespace(store.namespace);
      await store.set("mine", bytes(2));
      expect(await dump(again)).toEqual([["mine", [2]]]);
      const sameTenant = store.forTenant(store.tenant);
      expect(await dump(sameTenant)).toEqual([["mine", [2]]]);
    });

    it("reports the same backendType and characteristics on derived handles", async () => {
      const store = await ctx.open();
      const derived = store.forTenant("t").forNamespace("n");
      expect(derived.backendType()).toBe(store.backendType());
      expect(derived.characteristics()).toEqual(store.characteristics());
    });

    it("accepts tenant ids with separators, wildcards and multi-byte characters", async () => {
      const store = await ctx.open();
      const ids = ["a/b", "a:b", "t%", "t_", "t\\", "é", "😀", "x".repeat(256), "with space"];
      for (const [i, id] of ids.entries()) await store.forTenant(id).set("k", bytes(i));
      for (const [i, id] of ids.entries()) {
        expect(await dump(store.forTenant(id))).toEqual([["k", [i]]]);
      }
    });

    it("refuses bad tenant ids and namespaces with INVALID_ARGUMENT", async () => {
      const store = await ctx.open();
      for (const id of ["", "a\u0000b", "\uD800", "x".repeat(257), 42, undefined, null]) {
        await expectCode(() => store.forTenant(id as string), "INVALID_ARGUMENT");
      }
      for (const ns of ["", "Upper", "1abc", "a-b", "a b", "é", "x".repeat(49), 42, null]) {
        await expectCode(() => store.forNamespace(ns as string), "INVALID_ARGUMENT");
      }
      expect(await dump(store)).toEqual([]);
    });
  });
}
