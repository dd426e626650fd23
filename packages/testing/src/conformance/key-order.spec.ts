import { describe, expect, it } from "vitest";
import type { ConformanceContext } from "./context.js";
import { fill, scanKeys, sortByBytes } from "./helpers.js";

/**
 * Keys where UTF-8 byte order and JavaScript's `<` (UTF-16 code units) disagree: an astral
 * character (a surrogate pair, 0xD800..) sorts below U+E000..U+FFFF in UTF-16 but above in
 * UTF-8. Plus control characters, the 1-2-3-4 byte boundaries and characters SQL treats
 * specially.
 */
const ORDERING_KEYS = [
  "\uFFFD",
  "😀",
  "\uE000",
  "\uFFFF",
  "\u{10000}",
  "\u{10FFFF}",
  "\uD7FF",
  "a",
  "a\u0001",
  "a\u007F",
  "a\u0080",
  "a😀",
  "a\uFFFD",
  "ab",
  "é",
  "e\u0301",
  "\u0001",
  "\u007F",
  "\u0080",
  "\u07FF",
  "\u0800",
  "%",
  "_",
  "\\",
  "Z",
  "z",
  " ",
];

export function keyOrderSpec(ctx: ConformanceContext): void {
  describe("UTF-8 byte order", () => {
    const expected = sortByBytes(ORDERING_KEYS);

    it("scans, lists and reverses in UTF-8 byte order, not UTF-16 order", async () => {
      const store = await ctx.open();
      await fill(store, ORDERING_KEYS);
      // The order JavaScript's sort() would give is wrong: make sure the fixture shows it.
      expect([...ORDERING_KEYS].sort()).not.toEqual(expected);
      expect(await scanKeys(store)).toEqual(expected);
      expect(await store.listKeys()).toEqual(expected);
      expect(await scanKeys(store, { reverse: true })).toEqual([...expected].reverse());
    });

    it("orders \uFFFD < \uFFFF < U+10000 < 😀 < U+10FFFF, and \uE000 below all of them", async () => {
      const store = await ctx.open();
      await fill(store, ["😀", "\uFFFD", "\u{10FFFF}", "\uE000", "\u{10000}", "\uFFFF"]);
      expect(await scanKeys(store)).toEqual([
        "\uE000",
        "\uFFFD",
        "\uFFFF",
        "\u{10000}",
        "😀",
        "\u{10FFFF}",
      ]);
    });

    it("applies bounds in byte order across the surrogate boundary", async () => {
      const store = await ctx.open();
      await fill(store, ORDERING_KEYS);
      const after = (bound: string) =>
        expected.filter((k) => Buffer.compare(Buffer.from(k), Buffer.from(bound)) > 0);
      const before = (bound: string) =>
        expected.filter((k) => Buffer.compare(Buffer.from(k), Buffer.from(bound)) < 0);
      expect(await scanKeys(store, { gt: "\uFFFD" })).toEqual(after("\uFFFD"));
      expect(await scanKeys(store, { gt: "\uFFFD" })).toContain("😀");
      expect(await scanKeys(store, { lt: "😀" })).toEqual(before("😀"));
      expect(await scanKeys(store, { lt: "😀" })).toContain("\uFFFF");
      expect(await scanKeys(store, { gte: "\uE000", lte: "\u{10000}" })).toEqual([
        "\uE000",
        "\uFFFD",
        "\uFFFF",
        "\u{10000}",
      ]);
      expect(await scanKeys(store, { gt: "\uD7FF", lt: "\uE000", reverse: true })).toEqual([]);
    });

    it("scans prefixes of multi-byte and astral characters exactly", async () => {
      const store = await ctx.open();
      await fill(store, [
        "😀",
        "😀a",
        "😀😀",
        "😁",
        "\uFFFD",
        "\uFFFDa",
        "\uFFFE",
        "\u{10FFFF}",
        "\u{10FFFF}x",
        "é",
        "éa",
        "ê",
      ]);
      expect(await store.listKeys("😀")).toEqual(["😀", "😀a", "😀😀"]);
      expect(await store.listKeys("\uFFFD")).toEqual(["\uFFFD", "\uFFFDa"]);
      expect(await store.listKeys("\u{10FFFF}")).toEqual(["\u{10FFFF}", "\u{10FFFF}x"]);
      expect(await store.listKeys("é")).toEqual(["é", "éa"]);
      expect(await scanKeys(store, { prefix: "😀", reverse: true })).toEqual(["😀😀", "😀a", "😀"]);
    });

    it("never widens a prefix holding %, _ or \\ (no LIKE wildcards or escapes)", async () => {
      const store = await ctx.open();
      const keys = [
        "a",
        "a%",
        "a%b",
        "a_",
        "a_c",
        "ab",
        "abc",
        "a\\",
        "a\\%",
        "a\\b",
        "a\\\\",
        "ax",
        "a%%",
        "%",
        "_",
        "\\",
      ];
      await fill(store, keys);
      expect(await store.listKeys("a%")).toEqual(["a%", "a%%", "a%b"]);
      expect(await store.listKeys("a_")).toEqual(["a_", "a_c"]);
      expect(await store.listKeys("a\\")).toEqual(sortByBytes(["a\\", "a\\%", "a\\b", "a\\\\"]));
      expect(await store.listKeys("a\\%")).toEqual(["a\\%"]);
      expect(await store.listKeys("%")).toEqual(["%"]);
      expect(await store.listKeys("_")).toEqual(["_"]);
      expect(await store.listKeys("\\")).toEqual(["\\"]);
      expect(await scanKeys(store, { prefix: "a%", reverse: true })).toEqual(["a%b", "a%%", "a%"]);
      expect(await scanKeys(store, { prefix: "a_", gt: "a_" })).toEqual(["a_c"]);
    });

    it("stores keys with %, _, \\, quotes and control characters verbatim", async () => {
      const store = await ctx.open();
      const keys = [
        "%",
        "%%",
        "_",
        "\\",
        "\\\\",
        "'",
        '"',
        "\u0001",
        "\t\n\r",
        "$1",
        "a'; DROP TABLE x; --",
      ];
      await fill(store, keys);
      expect(await scanKeys(store)).toEqual(sortByBytes(keys));
      for (const key of keys) expect(Buffer.from((await store.get(key))!).toString()).toBe(key);
    });

    it("keeps canonically equivalent but different strings apart (no normalisation)", async () => {
      const store = await ctx.open();
      await fill(store, ["é", "e\u0301"]);
      expect(await scanKeys(store)).toEqual(sortByBytes(["é", "e\u0301"]));
      expect(Buffer.from((await store.get("e\u0301"))!).toString()).toBe("e\u0301");
    });
  });
}
