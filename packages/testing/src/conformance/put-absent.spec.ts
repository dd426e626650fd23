/**
 * `putAbsent(entries)`: writes the entries whose key is absent, leaves the present ones
 * untouched, atomically (one version for the keys written), reports the keys written, and
 * refuses bad input whole before the first write.
 */
import {
  DEFAULT_MAX_VALUE_BYTES,
  type Entry,
  MAX_COMMIT_MUTATIONS,
  StorageError,
} from "@mnemo/core";
import { describe, expect, it } from "vitest";
import { seededRandom } from "../random.js";
import { BAD_KEYS, BAD_VALUES } from "./bad-input.spec.js";
import type { ConformanceContext } from "./context.js";
import { bytes, dump, expectBytes, expectNewer, expectVersion, snapshot } from "./helpers.js";

const RACERS = 4;
const RACE_KEYS = 40;

const utf8 = new TextEncoder();
/** UTF-8 byte order, the order of every backend. */
function byUtf8(a: string, b: string): number {
  return Buffer.compare(utf8.encode(a), utf8.encode(b));
}

/** Entries with keys of a zero-padded counter, so their order is their index. */
function numbered(count: number, value: (i: number) => Uint8Array): Entry[] {
  return Array.from({ length: count }, (_, i) => [`k${String(i).padStart(4, "0")}`, value(i)]);
}

export function putAbsentSpec(ctx: ConformanceContext): void {
  describe("putAbsent", () => {
    it("writes the absent keys, leaves the present ones, and reports only those written", async () => {
      const store = await ctx.open();
      await store.setBatch([
        ["b", bytes(1)],
        ["d", bytes(2)],
      ]);
      const before = await store.getEntry("b");
      const result = await store.putAbsent([
        ["a", bytes(10)],
        ["b", bytes(11)],
        ["c", bytes(12)],
        ["d", bytes(13)],
      ]);
      expect(result.written).toEqual(["a", "c"]);
      expect(await dump(store)).toEqual([
        ["a", [10]],
        ["b", [1]],
        ["c", [12]],
        ["d", [2]],
      ]);
      expect(await store.getEntry("b")).toEqual(before);
    });

    it("counts a key deleted earlier as absent", async () => {
      const store = await ctx.open();
      await store.set("gone", bytes(1));
      await store.delete("gone");
      await store.write([
        { type: "put", key: "also", value: bytes(1) },
        { type: "del", key: "also" },
      ]);
      expect((await store.putAbsent([["gone", bytes(2)]])).written).toEqual(["gone"]);
      expectBytes(await store.get("gone"), bytes(2));
    });

    it("takes a key named twice once, with its last value", async () => {
      const store = await ctx.open();
      const result = await store.putAbsent([
        ["x", bytes(1)],
        ["y", bytes(5)],
        ["x", bytes(2)],
      ]);
      expect(result.written).toEqual(["x", "y"]);
      expectBytes(await store.get("x"), bytes(2));
    });

    it("accepts an empty call and writes nothing", async () => {
      const store = await ctx.open();
      await store.set("a", bytes(1));
      const before = await snapshot(store);
      expect(await store.putAbsent([])).toEqual({ written: [] });
      expect((await store.putAbsent([["a", bytes(2)]])).written).toEqual([]);
      expect(await snapshot(store)).toEqual(before);
    });

    it("refuses a bad key or value anywhere in the call, writing nothing", async () => {
      const store = await ctx.open();
      await store.set("seed", bytes(1));
      const before = await snapshot(store);
      const cases: [string, () => Promise<unknown>][] = [
        ...BAD_KEYS.map(([name, key]): [string, () => Promise<unknown>] => [
          `key ${name}`,
          () =>
            store.putAbsent([
              ["good", bytes(1)],
              [key as string, bytes(1)],
            ]),
        ]),
        ...BAD_VALUES.map(([name, value]): [string, () => Promise<unknown>] => [
          `value ${name}`,
          () =>
            store.putAbsent([
              ["good", bytes(1)],
              ["k", value as Uint8Array],
            ]),
        ]),
        [
          "a value of maxValueBytes + 1",
          () =>
            store.putAbsent([
              ["good", bytes(1)],
              ["big", new Uint8Array(DEFAULT_MAX_VALUE_BYTES + 1)],
            ]),
        ],
        [
          `${MAX_COMMIT_MUTATIONS + 1} entries`,
          () => store.putAbsent(numbered(MAX_COMMIT_MUTATIONS + 1, () => bytes(1))),
        ],
        ["an entry that is not a pair", () => store.putAbsent([["good"] as unknown as Entry])],
        ["not an iterable", () => store.putAbsent(42 as unknown as Entry[])],
      ];
      const accepted: string[] = [];
      for (const [name, call] of cases) {
        try {
          await call();
          accepted.push(`${name}: accepted`);
        } catch (error) {
          if (!StorageError.is(error)) accepted.push(`${name}: ${String(error)}`);
        }
      }
      expect(accepted).toEqual([]);
      expect(await snapshot(store)).toEqual(before);
    });

    it("keeps every key and value byte for byte, whatever characters or bytes they hold", async () => {
      const store = await ctx.open();
      const random = seededRandom(15);
      const keys = [
        'quote"d',
        "back\\slash",
        "{braces},comma",
        "NULL",
        " spaced ",
        "ünïcödé/日本/🙂",
        `${"x".repeat(1018)}ü🙂`, // 1024 UTF-8 bytes
        "\u0001low",
      ];
      const values = [
        new Uint8Array(0),
        Uint8Array.from({ length: 256 }, (_, i) => i),
        Uint8Array.from({ length: 100_000 }, () => Math.floor(random() * 256)),
        new TextEncoder().encode("\\x00"),
        bytes(0),
        bytes(255),
        new Uint8Array(1),
        Uint8Array.of(0x5c, 0x78, 0x22),
      ];
      const entries = keys.map((key, i): Entry => [key, values[i]!]);
      const { written } = await store.putAbsent(entries);
      expect(written).toEqual(keys);
      expect(await store.listKeys()).toEqual([...keys].sort(byUtf8));
      for (const [key, value] of entries) expectBytes(await store.get(key), value);
      // Present now: a second call writes none of them and changes nothing.
      expect((await store.putAbsent(entries.map(([k]): Entry => [k, bytes(9)]))).written).toEqual(
        [],
      );
      for (const [key, value] of entries) expectBytes(await store.get(key), value);
    });

    it("takes MAX_COMMIT_MUTATIONS entries in one call", async () => {
      const store = await ctx.open();
      const entries = numbered(MAX_COMMIT_MUTATIONS, (i) => bytes(i % 256));
      await store.set(entries[7]![0], bytes(99));
      const { written } = await store.putAbsent(entries);
      expect(written).toEqual(entries.filter((_, i) => i !== 7).map(([key]) => key));
      expect((await store.listKeys()).length).toBe(MAX_COMMIT_MUTATIONS);
      expectBytes(await store.get(entries[7]![0]), bytes(99));
    });

    it("gives the keys it writes one new version, which later checked commits see", async () => {
      const store = await ctx.open();
      await store.set("old", bytes(1));
      const older = (await store.getEntry("old"))!.version;
      await store.putAbsent([
        ["p", bytes(1)],
        ["q", bytes(2)],
      ]);
      const p = (await store.getEntry("p"))!.version;
      expectVersion(p);
      expect((await store.getEntry("q"))!.version).toBe(p);
      expectNewer(p, older);
      // A check written before the putAbsent fails; the version it gave holds.
      expect(await store.commit([{ key: "p", version: null }], [])).toEqual({
        ok: false,
        failed: ["p"],
      });
      const next = await store.commit(
        [{ key: "p", version: p }],
        [{ type: "put", key: "p", value: bytes(3) }],
      );
      expect(next.ok).toBe(true);
      if (next.ok) expectNewer(next.version, p);
    });

    it("keeps tenants apart: a key present in another tenant is absent here", async () => {
      const store = await ctx.open();
      const other = store.forTenant(`${store.tenant}-other`);
      await other.set("k", bytes(1));
      expect((await store.putAbsent([["k", bytes(2)]])).written).toEqual(["k"]);
      expectBytes(await other.get("k"), bytes(1));
      expectBytes(await store.get("k"), bytes(2));
      await other.clear();
    });

    it("writes each key once among callers racing on the same keys", async () => {
      const store = await ctx.open();
      const random = seededRandom(15);
      // Each racer offers every key (in its own order) with its own value, a few keys per call.
      const racers = Array.from({ length: RACERS }, async (_, racer) => {
        const keys = numbered(RACE_KEYS, () => bytes(racer)).sort(() => random() - 0.5);
        const won: string[] = [];
        for (let i = 0; i < keys.length; i += 7) {
          won.push(...(await store.putAbsent(keys.slice(i, i + 7))).written);
        }
        return won;
      });
      const won = await Promise.all(racers);
      const all = won.flat();
      expect(all.length).toBe(RACE_KEYS);
      expect(new Set(all).size).toBe(RACE_KEYS);
      for (const [racer, keys] of won.entries()) {
        for (const key of keys) expectBytes(await store.get(key), bytes(racer));
      }
    });

    it("races checked creates of the same keys: each key is created once", async () => {
      const store = await ctx.open();
      const keys = numbered(RACE_KEYS, () => bytes(1)).map(([key]) => key);
      const bulk = store.putAbsent(keys.map((key) => [key, bytes(1)]));
      const singles = keys.map((key) =>
        store.commit([{ key, version: null }], [{ type: "put", key, value: bytes(2) }]),
      );
      const [{ written }, ...results] = await Promise.all([bulk, ...singles]);
      const created = keys.filter((_, i) => results[i]!.ok);
      expect([...written, ...created].sort()).toEqual(keys);
      for (const key of written) expectBytes(await store.get(key), bytes(1));
      for (const key of created) expectBytes(await store.get(key), bytes(2));
    });
  });
}
