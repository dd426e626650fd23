import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { compareKeys, prefixUpperBound, utf8Length } from "../src/index.js";

const bytesOrder = (a: string, b: string) => Buffer.compare(Buffer.from(a), Buffer.from(b));
const sign = (n: number) => Math.sign(n);

/** Characters around the places UTF-16 and UTF-8 order disagree, plus the encoding boundaries. */
const EDGE = [
  "a",
  "\u0001",
  "\u007F",
  "\u0080",
  "\u07FF",
  "\u0800",
  "\uD7FF",
  "\uE000",
  "\uFFFD",
  "\uFFFF",
  "\u{10000}",
  "😀",
  "\u{10FFFF}",
];
const edgeString = fc.string({ unit: fc.constantFrom(...EDGE), maxLength: 6 });
const anyString = fc.oneof(fc.string({ unit: "binary", maxLength: 8 }), edgeString);

describe("compareKeys", () => {
  it("agrees with Buffer.compare of the UTF-8 bytes", () => {
    fc.assert(
      fc.property(anyString, anyString, (a, b) => {
        expect(sign(compareKeys(a, b))).toBe(sign(bytesOrder(a, b)));
      }),
      { numRuns: 1000 },
    );
  });

  it("gets right the cases JavaScript's < gets wrong", () => {
    expect("😀" < "\uFFFD").toBe(true);
    expect(compareKeys("😀", "\uFFFD")).toBeGreaterThan(0);
    expect(compareKeys("\uE000", "\u{10000}")).toBeLessThan(0);
    expect(compareKeys("a😀", "a\uFFFF")).toBeGreaterThan(0);
    expect(compareKeys("\uD7FF", "😀")).toBeLessThan(0);
    expect(compareKeys("abc", "abc")).toBe(0);
    expect(compareKeys("ab", "abc")).toBeLessThan(0);
  });

  it("sorts an array exactly like the bytes", () => {
    fc.assert(
      fc.property(fc.array(anyString, { maxLength: 20 }), (keys) => {
        expect([...keys].sort(compareKeys)).toEqual([...keys].sort(bytesOrder));
      }),
    );
  });
});

describe("prefixUpperBound", () => {
  it("bounds exactly the strings that start with the prefix", () => {
    fc.assert(
      fc.property(edgeString, anyString, (prefix, tail) => {
        const upper = prefixUpperBound(prefix);
        for (const candidate of [prefix + tail, tail, tail + prefix]) {
          const inside =
            compareKeys(candidate, prefix) >= 0 &&
            (upper === undefined || compareKeys(candidate, upper) < 0);
          expect(inside, JSON.stringify({ prefix, candidate, upper })).toBe(
            candidate.startsWith(prefix),
          );
        }
      }),
      { numRuns: 1000 },
    );
  });

  it("increments the last code point, skipping the surrogate range, and drops maximal ones", () => {
    expect(prefixUpperBound("abc")).toBe("abd");
    expect(prefixUpperBound("a\uD7FF")).toBe("a\uE000");
    expect(prefixUpperBound("a\uFFFF")).toBe("a\u{10000}");
    expect(prefixUpperBound("a😀")).toBe("a😁");
    expect(prefixUpperBound("a\u{10FFFF}")).toBe("b");
    expect(prefixUpperBound("a\u{10FFFF}\u{10FFFF}")).toBe("b");
    expect(prefixUpperBound("\u{10FFFF}")).toBeUndefined();
    expect(prefixUpperBound("")).toBeUndefined();
  });

  it("returns well-formed strings", () => {
    fc.assert(
      fc.property(anyString, (prefix) => {
        expect(prefixUpperBound(prefix)?.isWellFormed() ?? true).toBe(true);
      }),
    );
  });
});

describe("utf8Length", () => {
  it("equals the encoded length whenever that could exceed the bound", () => {
    fc.assert(
      fc.property(anyString, fc.nat(40), (text, atMost) => {
        const actual = Buffer.byteLength(text, "utf8");
        const reported = utf8Length(text, atMost);
        if (actual > atMost) expect(reported).toBeGreaterThan(atMost);
        else expect(reported).toBeLessThanOrEqual(atMost);
      }),
    );
    expect(utf8Length("😀".repeat(256), 1024)).toBe(1024);
    expect(utf8Length(`${"é".repeat(512)}a`, 1024)).toBe(1025);
  });
});
