/**
 * Checked commits: all mutations or none, only when every check holds; a failed check is a
 * result naming exactly the failing keys, and writes nothing.
 */
import { type CommitResult, encodeCounter, type Mutation, type StorageBackend } from "@mnemo/core";
import { describe, expect, it } from "vitest";
import type { ConformanceContext } from "./context.js";
import {
  bytes,
  counterAt,
  dump,
  expectBytes,
  expectVersion,
  snapshot,
  versionOf,
} from "./helpers.js";

/** Mutations of every kind, touching keys present and absent. */
const MIXED: readonly Mutation[] = [
  { type: "put", key: "a", value: bytes(10) },
  { type: "put", key: "new", value: bytes(11) },
  { type: "del", key: "b" },
  { type: "sum", key: "n", delta: 5n },
];

async function seeded(ctx: ConformanceContext): Promise<StorageBackend> {
  const store = await ctx.open();
  await store.setBatch([
    ["a", bytes(1)],
    ["b", bytes(2)],
    ["n", encodeCounter(1n)],
  ]);
  return store;
}

function expectFailed(result: CommitResult, keys: string[]): void {
  expect(result).toEqual({ ok: false, failed: keys });
}

function expectOk(result: CommitResult): string {
  expect(result.ok, JSON.stringify(result)).toBe(true);
  expect(Object.keys(result).sort()).toEqual(["ok", "version"]);
  const { version } = result as { version: string };
  expectVersion(version, "commit version");
  return version;
}

export function commitSpec(ctx: ConformanceContext): void {
  describe("commit / atomic (checked commits)", () => {
    it("applies puts, deletes and sums when every check holds", async () => {
      const store = await seeded(ctx);
      const va = await versionOf(store, "a");
      const result = await store.commit(
        [
          { key: "a", version: va },
          { key: "new", version: null },
        ],
        MIXED,
      );
      const version = expectOk(result);
      expect(await dump(store)).toEqual([
        ["a", [10]],
        ["n", Array.from(encodeCounter(6n))],
        ["new", [11]],
      ]);
      expect(await versionOf(store, "new")).toBe(version);
    });

    it("fails a check on a stale version and writes nothing", async () => {
      const store = await seeded(ctx);
      const stale = await versionOf(store, "a");
      await store.set("a", bytes(1)); // same bytes, new version
      const before = await snapshot(store);
      expectFailed(await store.commit([{ key: "a", version: stale }], MIXED), ["a"]);
      expectFailed(await store.atomic().check("a", stale).put("a", bytes(3)).commit(), ["a"]);
      expect(await snapshot(store)).toEqual(before);
    });

    it("fails a check on the version a key had before it was deleted and written again", async () => {
      const store = await seeded(ctx);
      for (const recreate of [
        async () => {
          await store.delete("a");
          await store.set("a", bytes(1));
        },
        async () => {
          await store.commit([], [{ type: "del", key: "a" }]);
          await store.commit([], [{ type: "put", key: "a", value: bytes(1) }]);
        },
        async () => {
          await store.clear();
          await store.set("a", bytes(1));
        },
      ]) {
        const before = await versionOf(store, "a");
        await recreate();
        const after = await versionOf(store, "a");
        expect(after).not.toBe(before);
        expectFailed(await store.commit([{ key: "a", version: before }], MIXED), ["a"]);
        expect(Array.from((await store.get("a"))!)).toEqual([1]);
      }
    });

    it("fails a version check of an absent key, whatever the version", async () => {
      const store = await seeded(ctx);
      const vb = await versionOf(store, "b");
      await store.delete("b");
      const before = await snapshot(store);
      for (const version of [vb, "0000000000000001", "not-a-version", "\uFFFF"]) {
        expectFailed(await store.commit([{ key: "b", version }], MIXED), ["b"]);
        expectFailed(await store.commit([{ key: "never", version }], MIXED), ["never"]);
      }
      expect(await snapshot(store)).toEqual(before);
    });

    it("fails a check on a version string the store never made, without throwing", async () => {
      const store = await seeded(ctx);
      const before = await snapshot(store);
      for (const version of ["not-a-version", "0000000000000000", "ffffffffffffffff", "😀"]) {
        expectFailed(await store.commit([{ key: "a", version }], MIXED), ["a"]);
      }
      expect(await snapshot(store)).toEqual(before);
    });

    it("passes an absent-check only while the key is absent, also after a delete", async () => {
      const store = await ctx.open();
      const create = (value: number) =>
        store.commit(
          [{ key: "k", version: null }],
          [{ type: "put", key: "k", value: bytes(value) }],
        );
      expectOk(await create(1));
      expectFailed(await create(2), ["k"]);
      await store.set("k", new Uint8Array(0)); // an empty value is present, not absent
      expectFailed(await create(3), ["k"]);
      for (const remove of [
        () => store.delete("k"),
        () => store.deleteBatch(["k"]),
        () => store.write([{ type: "del", key: "k" }]),
        () => store.commit([], [{ type: "del", key: "k" }]),
        async () =>
          expect(await store.compareAndSwap("k", await store.get("k"), undefined)).toBe(true),
        () => store.clear(),
      ]) {
        await remove();
        expectOk(await create(4));
        expectFailed(await create(5), ["k"]);
      }
      expect(await dump(store)).toEqual([["k", [4]]]);
    });

    it("names exactly the failing keys, in the order the checks were given", async () => {
      const store = await ctx.open();
      await store.setBatch([
        ["a", bytes(1)],
        ["b", bytes(2)],
        ["c", bytes(3)],
      ]);
      const staleD = await (async () => {
        await store.set("d", bytes(4));
        const version = await versionOf(store, "d");
        await store.set("d", bytes(5));
        return version;
      })();
      const entries = await store.getEntries(["a", "b", "c"]);
      const before = await snapshot(store);
      const result = await store.commit(
        [
          { key: "d", version: staleD }, // stale: fails
          { key: "a", version: entries.get("a")!.version }, // holds
          { key: "e", version: null }, // absent: holds
          { key: "c", version: null }, // present: fails
          { key: "b", version: entries.get("b")!.version }, // holds
          { key: "f", version: entries.get("a")!.version }, // absent: fails
          { key: "a", version: entries.get("a")!.version }, // the same check again
        ],
        MIXED,
      );
      expectFailed(result, ["d", "c", "f"]);
      expect(await snapshot(store)).toEqual(before);
    });

    it("commits when only checks are given, writing nothing", async () => {
      const store = await seeded(ctx);
      const before = await snapshot(store);
      expectOk(await store.commit([{ key: "a", version: await versionOf(store, "a") }], []));
      expectOk(await store.commit([{ key: "zz", version: null }], []));
      expectOk(await store.commit([], []));
      expectOk(await store.atomic().commit());
      expect(await snapshot(store)).toEqual(before);
    });

    it("lets a commit check and mutate the same key", async () => {
      const store = await seeded(ctx);
      const step = async (key: string, mutation: Mutation) =>
        expectOk(
          await store.commit(
            [{ key, version: (await store.getEntry(key))?.version ?? null }],
            [mutation],
          ),
        );
      await step("a", { type: "put", key: "a", value: bytes(9) });
      await step("b", { type: "del", key: "b" });
      await step("n", { type: "sum", key: "n", delta: 2n });
      await step("fresh", { type: "put", key: "fresh", value: bytes(8) });
      await step("count", { type: "sum", key: "count", delta: 1n });
      expect(await dump(store)).toEqual([
        ["a", [9]],
        ["count", Array.from(encodeCounter(1n))],
        ["fresh", [8]],
        ["n", Array.from(encodeCounter(3n))],
      ]);
    });

    it("applies several mutations of one key in order: the last put or delete wins, sums add", async () => {
      const store = await seeded(ctx);
      expectOk(
        await store.commit(
          [],
          [
            { type: "put", key: "p", value: encodeCounter(5n) },
            { type: "sum", key: "p", delta: 1n },
            { type: "put", key: "x", value: bytes(1) },
            { type: "del", key: "x" },
            { type: "del", key: "a" },
            { type: "put", key: "a", value: bytes(2) },
            { type: "sum", key: "z", delta: 2n },
            { type: "sum", key: "z", delta: 3n },
            { type: "sum", key: "w", delta: 1n },
            { type: "put", key: "w", value: bytes(9) },
            { type: "del", key: "b" },
            { type: "sum", key: "b", delta: 4n },
            { type: "sum", key: "n", delta: 10n },
            { type: "sum", key: "n", delta: -3n },
          ],
        ),
      );
      expect(await counterAt(store, "p")).toBe(6n);
      expect(await store.exists("x")).toBe(false);
      expectBytes(await store.get("a"), bytes(2));
      expect(await counterAt(store, "z")).toBe(5n);
      expectBytes(await store.get("w"), bytes(9));
      expect(await counterAt(store, "b")).toBe(4n);
      expect(await counterAt(store, "n")).toBe(8n);
    });

    it("builds the same commit with atomic()", async () => {
      const store = await seeded(ctx);
      const va = await versionOf(store, "a");
      const op = store.atomic();
      expect(op.check("a", va)).toBe(op);
      const result = await op
        .check("new", null)
        .put("a", bytes(10))
        .put("new", bytes(11))
        .delete("b")
        .sum("n", 2n)
        .sum("n", 3) // a safe integer is accepted too
        .commit();
      const version = expectOk(result);
      expect(await dump(store)).toEqual([
        ["a", [10]],
        ["n", Array.from(encodeCounter(6n))],
        ["new", [11]],
      ]);
      expect(await versionOf(store, "a")).toBe(version);
      expectFailed(await store.atomic().check("a", va).delete("a").commit(), ["a"]);
    });

    it("reports a failed check before refusing a sum on a value that is not a counter", async () => {
      const store = await seeded(ctx);
      const stale = await versionOf(store, "a");
      await store.set("a", bytes(3));
      const before = await snapshot(store);
      expectFailed(
        await store.commit([{ key: "a", version: stale }], [{ type: "sum", key: "b", delta: 1n }]),
        ["a"],
      );
      expect(await snapshot(store)).toEqual(before);
    });

    it("stores a copy of each put value", async () => {
      const store = await ctx.open();
      const viaCommit = bytes(1);
      const viaAtomic = bytes(2);
      await store.commit([], [{ type: "put", key: "c", value: viaCommit }]);
      await store.atomic().put("d", viaAtomic).commit();
      viaCommit[0] = 99;
      viaAtomic[0] = 99;
      expect(await dump(store)).toEqual([
        ["c", [1]],
        ["d", [2]],
      ]);
    });

    it("lets exactly one of many concurrent commits checking one version win", async () => {
      const store = await ctx.open();
      await store.set("k", bytes(0));
      const version = await versionOf(store, "k");
      const results = await Promise.all(
        Array.from({ length: 12 }, (_, i) =>
          store.commit(
            [{ key: "k", version }],
            [
              { type: "put", key: "k", value: bytes(i + 1) },
              { type: "put", key: `winner-${i}`, value: bytes(1) },
            ],
          ),
        ),
      );
      const winners = results.flatMap((r, i) => (r.ok ? [i] : []));
      expect(winners.length).toBe(1);
      for (const r of results) if (!r.ok) expect(r.failed).toEqual(["k"]);
      expect(await store.listKeys("winner-")).toEqual([`winner-${winners[0]}`]);
      expectBytes(await store.get("k"), bytes(winners[0]! + 1));
    });

    it("lets exactly one of many concurrent absent-checked creates win", async () => {
      const store = await ctx.open();
      const results = await Promise.all(
        Array.from({ length: 12 }, (_, i) =>
          store
            .atomic()
            .check("k", null)
            .put("k", bytes(i))
            .put(`winner-${i}`, bytes(1))
            .sum("created", 1n)
            .commit(),
        ),
      );
      const winners = results.flatMap((r, i) => (r.ok ? [i] : []));
      expect(winners.length).toBe(1);
      expect(await store.listKeys("winner-")).toEqual([`winner-${winners[0]}`]);
      expect(await counterAt(store, "created")).toBe(1n);
    });
  });
}
