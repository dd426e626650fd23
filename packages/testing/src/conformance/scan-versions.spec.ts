import type { ScanOptions, StorageBackend, VersionedScanEntry } from "@mnemo/core";
import { describe, expect, it } from "vitest";
import type { ConformanceContext } from "./context.js";
import {
  bytes,
  collect,
  expectCode,
  expectVersion,
  plainEntries,
  plainVersioned,
} from "./helpers.js";

const RANGES: readonly ScanOptions[] = [
  {},
  { reverse: true },
  { gt: "b" },
  { gte: "b", lt: "e" },
  { prefix: "c" },
  { limit: 2 },
  { reverse: true, limit: 3, lte: "e" },
  // Limits larger than what the range holds (a single page, maybe a different statement).
  { limit: 100 },
  { prefix: "a", limit: 6 },
  { reverse: true, gte: "e", limit: 50 },
  { gt: "z" },
];

/** Keys written by different write forms, so their versions differ. */
async function seed(store: StorageBackend): Promise<void> {
  await store.set("a", bytes(1));
  await store.setBatch([
    ["b", bytes(2)],
    ["c", bytes(3)],
    ["c2", new Uint8Array(0)],
  ]);
  await store.commit(
    [],
    [
      { type: "put", key: "d", value: bytes(4) },
      { type: "put", key: "e", value: bytes(5) },
      { type: "sum", key: "f", delta: 6n },
    ],
  );
  await store.set("a", bytes(7));
}

/** What `scan({ ...options, versions: true })` must yield, built from plain scans and getEntries. */
async function expected(store: StorageBackend, options: ScanOptions) {
  const plain = await collect(store.scan(options));
  const entries = await store.getEntries(plain.map(([key]) => key));
  return plain.map(([key, value]) => [key, Array.from(value), entries.get(key)!.version]);
}

export function scanVersionsSpec(ctx: ConformanceContext): void {
  describe("scan({ versions: true })", () => {
    it.each(RANGES)("yields [key, value, version] as getEntry reports them: %o", async (range) => {
      const store = await ctx.open();
      await seed(store);
      // Both orders: a plain scan of the same shape first must not change what a versioned
      // one yields (a statement cached per shape, say), nor the other way round.
      const want = await expected(store, range);
      for (let round = 0; round < 2; round++) {
        const triples = await collect<VersionedScanEntry>(store.scan({ ...range, versions: true }));
        for (const triple of triples) {
          expect(triple.length).toBe(3);
          expectVersion(triple[2]);
        }
        expect(plainVersioned(triples)).toEqual(want);
      }
      expect(await expected(store, range)).toEqual(want);
    });

    it("yields plain [key, value] pairs without versions, or with versions: false", async () => {
      const store = await ctx.open();
      await seed(store);
      for (const options of [{}, { versions: false }, { reverse: true, versions: false }]) {
        for (const entry of await collect(store.scan(options))) expect(entry.length).toBe(2);
      }
    });

    it("yields the versions of a long range written by many commits, both ways", async () => {
      const store = await ctx.open();
      const keys = Array.from({ length: 1200 }, (_, i) => `k${String(i).padStart(5, "0")}`);
      for (let i = 0; i < keys.length; i += 300) {
        await store.setBatch(keys.slice(i, i + 300).map((key) => [key, bytes(i % 256)]));
      }
      await store.set(keys[299]!, bytes(1)); // one key rewritten alone
      const entries = await store.getEntries(keys);
      const want = keys.map((key) => [
        key,
        Array.from(entries.get(key)!.value),
        entries.get(key)!.version,
      ]);
      expect(new Set(want.map(([, , v]) => v)).size).toBe(5);
      const forward = plainVersioned(await collect(store.scan({ versions: true })));
      expect(forward).toEqual(want);
      const backward = plainVersioned(await collect(store.scan({ versions: true, reverse: true })));
      expect(backward).toEqual([...want].reverse());
      const bounded = plainVersioned(
        await collect(store.scan({ versions: true, gt: keys[100]!, limit: 500 })),
      );
      expect(bounded).toEqual(want.slice(101, 601));
      expect(plainEntries(await collect(store.scan({ limit: 3 })))).toEqual(
        want.slice(0, 3).map(([k, v]) => [k, v]),
      );
    });

    it("refuses a versions option that is not a boolean with INVALID_ARGUMENT", async () => {
      const store = await ctx.open();
      for (const versions of ["yes", 1, null, { toString: "x" }]) {
        await expectCode(
          () => store.scan({ versions } as unknown as ScanOptions),
          "INVALID_ARGUMENT",
        );
      }
    });
  });
}
