/**
 * Entry versions: every write form gives the keys it writes a new, larger version, the same
 * for every key of one commit; reads, refused writes and writes elsewhere change nothing.
 */
import {
  DEFAULT_MAX_VALUE_BYTES,
  encodeCounter,
  MAX_COMMIT_CHECKS,
  type StorageBackend,
} from "@mnemo/core";
import { describe, expect, it } from "vitest";
import type { ConformanceContext } from "./context.js";
import { bytes, collect, expectCode, expectNewer, expectVersion, versionOf } from "./helpers.js";

const counter = (n: bigint) => encodeCounter(n);

/** Every way of writing key "k" (which holds an 8-byte counter before each call). */
const WRITES: ReadonlyArray<[string, (store: StorageBackend) => Promise<unknown>]> = [
  ["set", (s) => s.set("k", counter(2n))],
  ["set of the same bytes", (s) => s.set("k", counter(1n))],
  [
    "setBatch",
    (s) =>
      s.setBatch([
        ["k", counter(3n)],
        ["other", bytes(1)],
      ]),
  ],
  ["write put", (s) => s.write([{ type: "put", key: "k", value: counter(4n) }])],
  [
    "write del + put of the key",
    (s) =>
      s.write([
        { type: "del", key: "k" },
        { type: "put", key: "k", value: counter(5n) },
      ]),
  ],
  [
    "compareAndSwap",
    async (s) => {
      const current = await s.get("k");
      expect(await s.compareAndSwap("k", current, counter(6n))).toBe(true);
    },
  ],
  ["commit put", (s) => s.commit([], [{ type: "put", key: "k", value: counter(7n) }])],
  ["commit sum", (s) => s.commit([], [{ type: "sum", key: "k", delta: 1n }])],
  ["commit sum of 0", (s) => s.commit([], [{ type: "sum", key: "k", delta: 0n }])],
  [
    "checked commit put",
    async (s) => {
      const version = await versionOf(s, "k");
      const result = await s.atomic().check("k", version).put("k", counter(8n)).commit();
      expect(result.ok).toBe(true);
    },
  ],
  [
    "delete, then set",
    async (s) => {
      await s.delete("k");
      await s.set("k", counter(1n));
    },
  ],
  [
    "deleteBatch, then setBatch",
    async (s) => {
      await s.deleteBatch(["k", "other"]);
      await s.setBatch([["k", counter(1n)]]);
    },
  ],
  [
    "commit delete, then an absent-checked commit put",
    async (s) => {
      await s.commit([], [{ type: "del", key: "k" }]);
      const result = await s.commit(
        [{ key: "k", version: null }],
        [{ type: "put", key: "k", value: counter(1n) }],
      );
      expect(result.ok).toBe(true);
    },
  ],
  [
    "compareAndSwap delete, then compareAndSwap create",
    async (s) => {
      expect(await s.compareAndSwap("k", await s.get("k"), undefined)).toBe(true);
      expect(await s.compareAndSwap("k", undefined, counter(1n))).toBe(true);
    },
  ],
  [
    "delete, then sum (absent counts as 0)",
    async (s) => {
      await s.delete("k");
      await s.atomic().sum("k", 1n).commit();
    },
  ],
];

export function versionsSpec(ctx: ConformanceContext): void {
  describe("versions", () => {
    it("gives every stored entry a version a check can carry back", async () => {
      const store = await ctx.open();
      await store.set("k", bytes(1));
      await store.set("empty", new Uint8Array(0));
      expectVersion(await versionOf(store, "k"));
      expectVersion(await versionOf(store, "empty"));
    });

    it.each(WRITES)("changes and grows with every %s", async (_, write) => {
      const store = await ctx.open();
      await store.set("k", counter(1n));
      const seen = [await versionOf(store, "k")];
      for (let round = 0; round < 3; round++) {
        await write(store);
        const version = await versionOf(store, "k");
        expectNewer(version, seen[seen.length - 1]!, `after ${round + 1} writes`);
        seen.push(version);
      }
      expect(new Set(seen).size).toBe(seen.length);
    });

    it("keeps the value and version of the last of concurrent writers of one key", async () => {
      const store = await ctx.open();
      // 4 rounds of 16 unchecked one-put commits at once (many connections on PostgreSQL):
      // whichever commit drew the largest version must be the one stored, its bytes included.
      for (let round = 0; round < 4; round++) {
        const results = await Promise.all(
          Array.from({ length: 16 }, (_, i) =>
            store.commit([], [{ type: "put", key: "k", value: bytes(round * 16 + i) }]),
          ),
        );
        const versions = results.map((r, i) => {
          if (!r.ok) throw new Error(`commit ${i} without checks failed`);
          return r.version;
        });
        const last = versions.indexOf([...versions].sort().at(-1)!);
        const entry = await store.getEntry("k");
        expect(entry?.version).toBe(versions[last]);
        expect(entry?.value).toEqual(bytes(round * 16 + last));
      }
    });

    it("gives every key of one commit the same version: the one commit() returned", async () => {
      const store = await ctx.open();
      await store.setBatch([
        ["checked", bytes(1)],
        ["deleted", bytes(2)],
      ]);
      const checkedVersion = await versionOf(store, "checked");
      const result = await store.commit(
        [{ key: "checked", version: checkedVersion }],
        [
          { type: "put", key: "a", value: bytes(1) },
          { type: "put", key: "b", value: bytes(2) },
          { type: "sum", key: "c", delta: 3n },
          { type: "del", key: "deleted" },
        ],
      );
      expect(result.ok).toBe(true);
      if (!result.ok) return;
      expectVersion(result.version, "commit version");
      const entries = await store.getEntries(["a", "b", "c", "checked", "deleted"]);
      expect([...entries.keys()].sort()).toEqual(["a", "b", "c", "checked"]);
      for (const key of ["a", "b", "c"])
        expect(entries.get(key)!.version, key).toBe(result.version);
      // Checked but not written: keeps its version.
      expect(entries.get("checked")!.version).toBe(checkedVersion);
    });

    it("gives every key of one setBatch or write the same version", async () => {
      const store = await ctx.open();
      await store.setBatch([
        ["p", bytes(1)],
        ["q", bytes(2)],
        ["r", bytes(3)],
      ]);
      const batch = await store.getEntries(["p", "q", "r"]);
      expect(new Set([...batch.values()].map((e) => e.version)).size).toBe(1);
      await store.write([
        { type: "put", key: "p", value: bytes(4) },
        { type: "del", key: "q" },
        { type: "put", key: "s", value: bytes(5) },
      ]);
      const written = await store.getEntries(["p", "q", "r", "s"]);
      expect(written.has("q")).toBe(false);
      expect(written.get("p")!.version).toBe(written.get("s")!.version);
      expect(written.get("r")!.version).toBe(batch.get("r")!.version);
      expectNewer(written.get("p")!.version, batch.get("p")!.version);
    });

    it("does not change on reads, refused or failed writes, or writes elsewhere", async () => {
      const { root, store } = await ctx.openWithRoot();
      await store.setBatch([
        ["a", bytes(1)],
        ["b", bytes(1, 2, 3)], // not a counter
      ]);
      const before = await store.getEntries(["a", "b"]);
      const va = before.get("a")!.version;
      const vb = before.get("b")!.version;
      await store.set("stale-source", bytes(0));
      const stale = await versionOf(store, "stale-source");
      await store.set("stale-source", bytes(0));

      // Reads.
      await store.get("a");
      await store.exists("a");
      await store.getBatch(["a", "b"]);
      await store.getEntry("a");
      await store.getEntries(["a", "b"]);
      await store.listKeys();
      await collect(store.scan());
      await collect(store.scan({ versions: true, reverse: true }));
      // Failed: a swap whose expected value differs, a create of an existing key, a stale check.
      expect(await store.compareAndSwap("a", bytes(9), bytes(2))).toBe(false);
      expect(await store.compareAndSwap("a", undefined, bytes(2))).toBe(false);
      const failed = await store.commit(
        [{ key: "stale-source", version: stale }],
        [{ type: "put", key: "a", value: bytes(2) }],
      );
      expect(failed.ok).toBe(false);
      expect(
        (
          await store.commit(
            [{ key: "a", version: null }],
            [{ type: "put", key: "a", value: bytes(2) }],
          )
        ).ok,
      ).toBe(false);
      // Refused: a sum on a value that is not a counter, bad input, a limit.
      await expectCode(
        () =>
          store.commit(
            [],
            [
              { type: "put", key: "a", value: bytes(2) },
              { type: "sum", key: "b", delta: 1n },
            ],
          ),
        "INVALID_VALUE",
      );
      await expectCode(
        () => store.set("a", new Uint8Array(DEFAULT_MAX_VALUE_BYTES + 1)),
        "VALUE_TOO_LARGE",
      );
      await expectCode(
        () =>
          store.write([
            { type: "put", key: "a", value: bytes(2) },
            { type: "del", key: "" },
          ]),
        "INVALID_KEY",
      );
      await expectCode(
        () =>
          store.commit(
            Array.from({ length: MAX_COMMIT_CHECKS + 1 }, (_, i) => ({
              key: `c${i}`,
              version: null,
            })),
            [{ type: "put", key: "a", value: bytes(2) }],
          ),
        "INVALID_ARGUMENT",
      );
      // No-ops: deleting missing keys; a commit that only checks.
      await store.delete("missing");
      await store.deleteBatch(["missing", "also-missing"]);
      expect((await store.commit([{ key: "a", version: va }], [])).ok).toBe(true);
      // Writes elsewhere: other keys, another tenant, another namespace.
      await store.set("c", bytes(1));
      await store.commit([], [{ type: "put", key: "d", value: bytes(1) }]);
      const neighbour = store.forTenant(`${store.tenant}-neighbour`);
      await neighbour.setBatch([
        ["a", bytes(7)],
        ["b", bytes(7)],
      ]);
      await neighbour.commit([], [{ type: "sum", key: "a2", delta: 1n }]);
      await neighbour.clear();
      await root.forNamespace("versions_other").forTenant(store.tenant).set("a", bytes(7));

      const after = await store.getEntries(["a", "b"]);
      expect(after.get("a")!.version).toBe(va);
      expect(after.get("b")!.version).toBe(vb);
      expect(Array.from(after.get("a")!.value)).toEqual([1]);
    });
  });
}
