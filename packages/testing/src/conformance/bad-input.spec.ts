import {
  DEFAULT_MAX_VALUE_BYTES,
  type Entry,
  type ScanOptions,
  type StorageBackend,
  type WriteOp,
} from "@mnemo/core";
import { describe, expect, it } from "vitest";
import type { ConformanceContext } from "./context.js";
import { bytes, dump, expectBytes, expectCode, scanKeys, utf8 } from "./helpers.js";

export const BAD_KEYS: ReadonlyArray<[string, unknown]> = [
  ["empty", ""],
  ["1025 ASCII bytes", "a".repeat(1025)],
  ["1025 bytes of 2-byte characters", `${"é".repeat(512)}a`],
  ["1027 bytes of astral characters", `${"😀".repeat(256)}€`],
  ["U+0000 inside", "a\u0000b"],
  ["only U+0000", "\u0000"],
  ["a lone high surrogate", "a\uD800"],
  ["a lone low surrogate", "\uDC00a"],
  ["a reversed surrogate pair", "\uDE00\uD83D"],
  ["a number", 42],
  ["undefined", undefined],
  ["null", null],
  ["a String object", new String("k")],
  ["an array", ["k"]],
];

const ACCEPTED_KEYS: ReadonlyArray<[string, string]> = [
  ["1024 ASCII bytes", "a".repeat(1024)],
  ["1024 bytes of 2-byte characters", "é".repeat(512)],
  ["1024 bytes of 3-byte characters and one ASCII", `${"€".repeat(341)}a`],
  ["1024 bytes of astral characters", "😀".repeat(256)],
  ["a single astral character", "😀"],
  ["U+0001", "\u0001"],
  ["a space", " "],
];

export const BAD_VALUES: ReadonlyArray<[string, unknown]> = [
  ["a string", "bytes"],
  ["a number", 1],
  ["null", null],
  ["an array of numbers", [1, 2]],
  ["an ArrayBuffer", new ArrayBuffer(2)],
  ["a DataView", new DataView(new ArrayBuffer(2))],
  ["a Uint16Array", new Uint16Array(2)],
  ["a Uint8ClampedArray", new Uint8ClampedArray(2)],
  ["an array-like object", { length: 1, 0: 1 }],
];

const BAD_SCANS: ReadonlyArray<[string, unknown]> = [
  ["null options", null],
  ["a string for options", "prefix"],
  ["gt with gte", { gt: "a", gte: "a" }],
  ["lt with lte", { lt: "b", lte: "b" }],
  ["a negative limit", { limit: -1 }],
  ["a fractional limit", { limit: 1.5 }],
  ["a NaN limit", { limit: Number.NaN }],
  ["a string limit", { limit: "3" }],
  ["a string reverse", { reverse: "yes" }],
  ["a numeric reverse", { reverse: 1 }],
  ["a numeric prefix", { prefix: 5 }],
  ["a prefix holding U+0000", { prefix: "a\u0000" }],
  ["a gt holding a lone surrogate", { gt: "\uD800" }],
  ["a null lte", { lte: null }],
  ["an object gte", { gte: {} }],
];

const SEED: [string, number[]] = ["seed", [1]];

/** Every method that takes a key, called with `key` and otherwise valid arguments. */
const KEY_CALLS: ReadonlyArray<[string, (store: StorageBackend, key: string) => unknown]> = [
  ["get", (s, k) => s.get(k)],
  ["set", (s, k) => s.set(k, bytes(1))],
  ["delete", (s, k) => s.delete(k)],
  ["exists", (s, k) => s.exists(k)],
  ["compareAndSwap", (s, k) => s.compareAndSwap(k, undefined, bytes(1))],
  ["getBatch", (s, k) => s.getBatch(["seed", k])],
  [
    "setBatch",
    (s, k) =>
      s.setBatch([
        ["seed", bytes(2)],
        [k, bytes(1)],
      ]),
  ],
  ["deleteBatch", (s, k) => s.deleteBatch(["seed", k])],
  [
    "write put",
    (s, k) =>
      s.write([
        { type: "del", key: "seed" },
        { type: "put", key: k, value: bytes(1) },
      ]),
  ],
  [
    "write del",
    (s, k) =>
      s.write([
        { type: "put", key: "seed", value: bytes(2) },
        { type: "del", key: k },
      ]),
  ],
];

/** Every place a value goes in, called with `value` and otherwise valid arguments. */
const VALUE_CALLS: ReadonlyArray<[string, (store: StorageBackend, value: Uint8Array) => unknown]> =
  [
    ["set", (s, v) => s.set("k", v)],
    [
      "setBatch",
      (s, v) =>
        s.setBatch([
          ["other", bytes(1)],
          ["k", v],
        ]),
    ],
    [
      "write",
      (s, v) =>
        s.write([
          { type: "del", key: "seed" },
          { type: "put", key: "k", value: v },
        ]),
    ],
    ["compareAndSwap next", (s, v) => s.compareAndSwap("k", undefined, v)],
  ];

export function badInputSpec(ctx: ConformanceContext): void {
  describe("bad input is refused with the right code and nothing written", () => {
    const seeded = async () => {
      const store = await ctx.open();
      await store.set(SEED[0], Uint8Array.from(SEED[1]));
      return store;
    };

    it.each(BAD_KEYS)("refuses a key that is %s with INVALID_KEY", async (_, key) => {
      const store = await seeded();
      for (const [name, call] of KEY_CALLS) {
        await expectCode(() => call(store, key as string), "INVALID_KEY").catch((cause) => {
          throw new Error(`${name}: ${String(cause)}`, { cause });
        });
      }
      expect(await dump(store)).toEqual([SEED]);
    });

    it("names the offending key in the message", async () => {
      const store = await seeded();
      const error = await expectCode(() => store.set("bad\u0000key", bytes(1)), "INVALID_KEY");
      expect(error.message).toContain("bad");
    });

    it.each(ACCEPTED_KEYS)("accepts a key of %s and returns it intact", async (_, key) => {
      const store = await ctx.open();
      await store.set(key, utf8(key));
      expectBytes(await store.get(key), utf8(key));
      expect(await store.exists(key)).toBe(true);
      expect(await scanKeys(store)).toEqual([key]);
      expect(await store.listKeys(key)).toEqual([key]);
      await store.write([{ type: "del", key }]);
      expect(await store.exists(key)).toBe(false);
    });

    it.each(BAD_VALUES)("refuses a value that is %s with INVALID_VALUE", async (_, value) => {
      const store = await seeded();
      for (const [name, call] of VALUE_CALLS) {
        await expectCode(() => call(store, value as Uint8Array), "INVALID_VALUE").catch((cause) => {
          throw new Error(`${name}: ${String(cause)}`, { cause });
        });
      }
      await expectCode(
        () => store.compareAndSwap("seed", value as Uint8Array, bytes(2)),
        "INVALID_VALUE",
      );
      expect(await dump(store)).toEqual([SEED]);
    });

    it("refuses a value of maxValueBytes + 1 (16 MiB + 1) with VALUE_TOO_LARGE", async () => {
      const store = await seeded();
      const tooLarge = new Uint8Array(DEFAULT_MAX_VALUE_BYTES + 1);
      for (const [name, call] of VALUE_CALLS) {
        await expectCode(() => call(store, tooLarge), "VALUE_TOO_LARGE").catch((cause) => {
          throw new Error(`${name}: ${String(cause)}`, { cause });
        });
      }
      expect(await dump(store)).toEqual([SEED]);
    });

    it("accepts an empty value everywhere a value goes", async () => {
      const store = await ctx.open();
      await store.set("a", new Uint8Array(0));
      await store.setBatch([["b", new Uint8Array(0)]]);
      await store.write([{ type: "put", key: "c", value: new Uint8Array(0) }]);
      await store.compareAndSwap("d", undefined, new Uint8Array(0));
      expect(await dump(store)).toEqual([
        ["a", []],
        ["b", []],
        ["c", []],
        ["d", []],
      ]);
    });

    it.each(BAD_SCANS)("refuses scan options with %s as INVALID_ARGUMENT", async (_, options) => {
      const store = await seeded();
      await expectCode(() => store.scan(options as ScanOptions), "INVALID_ARGUMENT");
    });

    it("refuses a bad listKeys prefix with INVALID_ARGUMENT", async () => {
      const store = await seeded();
      for (const prefix of [5, null, "a\u0000", "\uDC00"]) {
        await expectCode(() => store.listKeys(prefix as string), "INVALID_ARGUMENT");
      }
    });

    it("refuses malformed batches with INVALID_ARGUMENT and writes nothing", async () => {
      const store = await seeded();
      const calls: Array<[string, () => unknown]> = [
        ["getBatch(string)", () => store.getBatch("seed" as unknown as string[])],
        ["getBatch(null)", () => store.getBatch(null as unknown as string[])],
        ["deleteBatch(string)", () => store.deleteBatch("seed" as unknown as string[])],
        ["deleteBatch(42)", () => store.deleteBatch(42 as unknown as string[])],
        ["setBatch(null)", () => store.setBatch(null as unknown as Entry[])],
        ["setBatch(42)", () => store.setBatch(42 as unknown as Entry[])],
        ["setBatch([[k]])", () => store.setBatch([["seed"]] as unknown as Entry[])],
        [
          "setBatch([[k, v, extra]])",
          () => store.setBatch([["seed", bytes(2), 1]] as unknown as Entry[]),
        ],
        ["setBatch([string])", () => store.setBatch(["seed"] as unknown as Entry[])],
        ["write(null)", () => store.write(null as unknown as WriteOp[])],
        ["write([null])", () => store.write([null] as unknown as WriteOp[])],
        ["write([string])", () => store.write(["seed"] as unknown as WriteOp[])],
        [
          "write(no type)",
          () => store.write([{ key: "seed", value: bytes(2) }] as unknown as WriteOp[]),
        ],
        [
          "write(type upsert)",
          () =>
            store.write([{ type: "upsert", key: "seed", value: bytes(2) }] as unknown as WriteOp[]),
        ],
      ];
      for (const [name, call] of calls) {
        await expectCode(call, "INVALID_ARGUMENT").catch((cause) => {
          throw new Error(`${name}: ${String(cause)}`, { cause });
        });
      }
      expect(await dump(store)).toEqual([SEED]);
    });
  });
}
