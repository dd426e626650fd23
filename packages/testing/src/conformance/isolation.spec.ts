import type { StorageBackend } from "@mnemo/core";
import { encodeCounter } from "@mnemo/core";
import { describe, expect, it } from "vitest";
import type { ConformanceContext } from "./context.js";
import {
  bytes,
  collect,
  counterAt,
  dump,
  fill,
  plainMap,
  scanKeys,
  snapshot,
  versionOf,
} from "./helpers.js";

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

    it("never lets one tenant's commit check or write another tenant's keys", async () => {
      const store = await ctx.open();
      const one = store.forTenant("iso-commit-one");
      const two = store.forTenant("iso-commit-two");
      await one.setBatch([
        ["k", bytes(1)],
        ["n", encodeCounter(5n)],
        ["only-one", bytes(1)],
      ]);
      const version = await versionOf(one, "k");
      const before = await snapshot(one);
      // Two's view: the keys are absent, whatever version one's entries have.
      expect(await two.getEntry("k")).toBeUndefined();
      expect((await two.getEntries(["k", "n", "only-one"])).size).toBe(0);
      expect(
        await two.commit([{ key: "k", version }], [{ type: "put", key: "k", value: bytes(9) }]),
      ).toEqual({
        ok: false,
        failed: ["k"],
      });
      const result = await two
        .atomic()
        .check("k", null)
        .check("only-one", null)
        .put("k", bytes(2))
        .sum("n", 1n)
        .delete("only-one")
        .commit();
      expect(result.ok).toBe(true);
      expect(await snapshot(one)).toEqual(before);
      expect(await counterAt(two, "n")).toBe(1n);
      expect(await dump(two)).toEqual([
        ["k", [2]],
        ["n", Array.from(encodeCounter(1n))],
      ]);
      // And the other way round: two's version does not pass one's check.
      const twoVersion = await versionOf(two, "k");
      if (twoVersion !== version) {
        expect((await one.commit([{ key: "k", version: twoVersion }], [])).ok).toBe(false);
      }
      expect(await collect(store.scan({ versions: true }))).toEqual([]);
    });

    it("keeps commits of tenants and namespaces whose names extend one another apart", async () => {
      const store = await ctx.open();
      const pairs: [StorageBackend, StorageBackend, string][] = [
        ...TENANT_PAIRS.map(([a, b]): [StorageBackend, StorageBackend, string] => [
          store.forTenant(a),
          store.forTenant(b),
          b.slice(a.length),
        ]),
        ...NAMESPACE_PAIRS.map(([a, b]): [StorageBackend, StorageBackend, string] => [
          store.forNamespace(a).forTenant("iso"),
          store.forNamespace(b).forTenant("iso"),
          b.slice(a.length),
        ]),
      ];
      for (const [short, long, suffix] of pairs) {
        // `short + (suffix + "k")` and `long + "k"` concatenate to the same text.
        const created = await short
          .atomic()
          .check(`${suffix}k`, null)
          .sum(`${suffix}k`, 1n)
          .commit();
        expect(created.ok).toBe(true);
        const other = await long.atomic().check("k", null).sum("k", 10n).commit();
        expect(other.ok, `${long.namespace}/${long.tenant}`).toBe(true);
        expect(await counterAt(short, `${suffix}k`)).toBe(1n);
        expect(await counterAt(long, "k")).toBe(10n);
        await short.clear();
        await long.clear();
      }
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
