import type { StorageBackend } from "@mnemo/core";
import { describe, expect, it } from "vitest";
import type { ConformanceContext } from "./context.js";
import { bytes, collect, dump, fill, plainMap, scanKeys } from "./helpers.js";

/** Pairs where one id extends the other: a naive `id + key` concatenation makes them collide. */
const TENANT_PAIRS: [string, string][] = [
  ["a", "ab"],
  ["a", "a/"],
  ["a", "a:"],
  ["t", "t\u0001"],
  ["x", "x😀"],
];
const NAMESPACE_PAIRS: [string, string][] = [
  ["a", "ab"],
  ["a", "a_"],
  ["a", "a_b"],
];

async function expectSeparated(
  first: StorageBackend,
  second: StorageBackend,
  suffix: string,
): Promise<void> {
  // `first + (suffix + "k")` and `second + "k"` concatenate to the same text.
  await first.set(`${suffix}k`, bytes(1));
  await second.set("k", bytes(2));
  expect(await first.listKeys()).toEqual([`${suffix}k`]);
  expect(await second.listKeys()).toEqual(["k"]);
  expect(await first.get("k")).toBeUndefined();
  expect(await second.get(`${suffix}k`)).toBeUndefined();
  expect(await scanKeys(first, { reverse: true })).toEqual([`${suffix}k`]);
  expect(await scanKeys(second, { reverse: true })).toEqual(["k"]);
}

export function isolationSpec(ctx: ConformanceContext): void {
  describe("tenant and namespace isolation", () => {
    it("keeps the same key apart in two tenants for every read and write", async () => {
      const store = await ctx.open();
      const one = store.forTenant("iso-one");
      const two = store.forTenant("iso-two");
      await one.setBatch([
        ["k", bytes(1)],
        ["only-one", bytes(1)],
      ]);
      await two.set("k", bytes(2));
      expect(Array.from((await one.get("k"))!)).toEqual([1]);
      expect(Array.from((await two.get("k"))!)).toEqual([2]);
      expect(await two.exists("only-one")).toBe(false);
      expect(plainMap(await two.getBatch(["k", "only-one"]))).toEqual([["k", [2]]]);
      expect(await two.listKeys()).toEqual(["k"]);
      expect(await dump(two)).toEqual([["k", [2]]]);
      await two.delete("only-one");
      await two.deleteBatch(["only-one"]);
      expect(await two.compareAndSwap("only-one", bytes(1), bytes(3))).toBe(false);
      expect(await one.get("only-one")).toBeDefined();
      await two.clear();
      expect(await dump(one)).toEqual([
        ["k", [1]],
        ["only-one", [1]],
      ]);
      expect(await dump(store)).toEqual([]);
    });

    it("separates tenants whose ids extend one another", async () => {
      const store = await ctx.open();
      for (const [short, long] of TENANT_PAIRS) {
        const a = store.forTenant(short);
        const b = store.forTenant(long);
        await expectSeparated(a, b, long.slice(short.length));
        await a.clear();
        await b.clear();
      }
    });

    it("separates namespaces whose names extend one another", async () => {
      const store = await ctx.open();
      for (const [short, long] of NAMESPACE_PAIRS) {
        const a = store.forNamespace(short).forTenant("iso");
        const b = store.forNamespace(long).forTenant("iso");
        await expectSeparated(a, b, long.slice(short.length));
        await a.clear();
        await b.clear();
      }
    });

    it("scans and clears one tenant among neighbours that sort next to it", async () => {
      const store = await ctx.open();
      const tenants = ["l", "m", "m0", "m/", "n", "\uFFFF", "😀"];
      for (const tenant of tenants) await fill(store.forTenant(tenant), ["0", "k", "\u{10FFFF}"]);
      const m = store.forTenant("m");
      expect(await scanKeys(m)).toEqual(["0", "k", "\u{10FFFF}"]);
      expect(await scanKeys(m, { reverse: true })).toEqual(["\u{10FFFF}", "k", "0"]);
      expect(await scanKeys(m, { reverse: true, limit: 1 })).toEqual(["\u{10FFFF}"]);
      expect(await scanKeys(m, { gt: "\u{10FFFF}" })).toEqual([]);
      expect(await scanKeys(m, { lt: "0" })).toEqual([]);
      await m.clear();
      expect(await collect(m.scan())).toEqual([]);
      for (const tenant of tenants.filter((t) => t !== "m")) {
        expect(await store.forTenant(tenant).listKeys(), tenant).toEqual(["0", "k", "\u{10FFFF}"]);
      }
    });

    it("keeps namespaces of one tenant apart, and clear() removes only its own", async () => {
      const store = await ctx.open();
      const events = store.forNamespace("iso_events");
      const sessions = store.forNamespace("iso_sessions");
      await fill(events, ["e1", "shared"]);
      await fill(sessions, ["s1", "shared"]);
      expect(await events.listKeys()).toEqual(["e1", "shared"]);
      expect(await sessions.listKeys()).toEqual(["s1", "shared"]);
      expect(await store.listKeys()).toEqual([]);
      await events.clear();
      expect(await events.listKeys()).toEqual([]);
      expect(await sessions.listKeys()).toEqual(["s1", "shared"]);
    });

    it("does not show the handle's data to another tenant, nor the other way round", async () => {
      const store = await ctx.open();
      await fill(store, ["mine"]);
      const other = store.forTenant(`${store.tenant}-other`);
      expect(await other.listKeys()).toEqual([]);
      expect(await other.get("mine")).toBeUndefined();
      await fill(other, ["theirs"]);
      expect(await store.listKeys()).toEqual(["mine"]);
    });
  });
}
