import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  compareKeys,
  decodeTuple,
  encodeTuple,
  inRange,
  key,
  normalizeScan,
  StorageError,
  type Tuple,
  type TupleElement,
  tupleBetween,
  tupleRange,
  validateKey,
} from "../src/index.js";

// ---- the reference order the encoding must reproduce --------------------------------

const rank = (e: TupleElement) =>
  e === null ? 0 : e === false ? 1 : e === true ? 2 : typeof e === "number" ? 3 : 4;

function compareElements(a: TupleElement, b: TupleElement): number {
  const byRank = rank(a) - rank(b);
  if (byRank !== 0) return byRank;
  if (typeof a === "number" && typeof b === "number") return a < b ? -1 : a > b ? 1 : 0;
  if (typeof a === "string" && typeof b === "string") {
    return Buffer.compare(Buffer.from(a), Buffer.from(b));
  }
  return 0;
}

function compareTuples(a: Tuple, b: Tuple): number {
  for (let i = 0; i < Math.min(a.length, b.length); i++) {
    const c = compareElements(a[i]!, b[i]!);
    if (c !== 0) return c;
  }
  return a.length - b.length;
}

const startsWith = (tuple: Tuple, prefix: Tuple) =>
  prefix.length <= tuple.length && prefix.every((e, i) => compareElements(e, tuple[i]!) === 0);

/** -0 encodes as 0; compare decoded tuples with that in mind. */
const canonical = (tuple: Tuple) => tuple.map((e) => (Object.is(e, -0) ? 0 : e));

// ---- arbitraries ------------------------------------------------------------------------

/** The separator, escape and terminator characters, and characters around them. */
const TRICKY = [
  "\u0000",
  "\u0001",
  "\u0002",
  "\u0003",
  "\u0004",
  "a",
  "4",
  "😀",
  "\uFFFD",
  "\uE000",
];
const stringArb = fc.oneof(
  fc.string({ unit: fc.constantFrom(...TRICKY), maxLength: 5 }),
  fc.string({ unit: "binary", maxLength: 6 }),
);
const numberArb = fc.oneof(
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.integer(),
  fc.constantFrom(0, -0, 1, -1, Number.MAX_VALUE, -Number.MAX_VALUE, Number.MIN_VALUE, 2 ** 53),
);
const elementArb: fc.Arbitrary<TupleElement> = fc.oneof(
  { arbitrary: stringArb, weight: 4 },
  { arbitrary: numberArb, weight: 3 },
  { arbitrary: fc.constantFrom(null, true, false), weight: 1 },
);
const tupleArb = fc.array(elementArb, { maxLength: 4 });

describe("encodeTuple / decodeTuple", () => {
  it("round-trips every tuple", () => {
    fc.assert(
      fc.property(tupleArb, (tuple) => {
        expect(decodeTuple(encodeTuple(tuple))).toEqual(canonical(tuple));
      }),
      { numRuns: 1000 },
    );
  });

  it("orders encoded keys (by compareKeys) exactly like the tuples", () => {
    fc.assert(
      fc.property(tupleArb, tupleArb, (a, b) => {
        const expected = Math.sign(compareTuples(a, b));
        expect(Math.sign(compareKeys(encodeTuple(a), encodeTuple(b)))).toBe(expected);
      }),
      { numRuns: 1000 },
    );
  });

  it("orders shared-prefix tuples, the hard case, exactly like the tuples", () => {
    fc.assert(
      fc.property(tupleArb, tupleArb, tupleArb, (prefix, a, b) => {
        const x = [...prefix, ...a];
        const y = [...prefix, ...b];
        expect(Math.sign(compareKeys(encodeTuple(x), encodeTuple(y)))).toBe(
          Math.sign(compareTuples(x, y)),
        );
      }),
      { numRuns: 1000 },
    );
  });

  it("sorts types null < false < true < numbers < strings, numbers numerically", () => {
    const sorted: Tuple[] = [
      [null],
      [false],
      [true],
      [-Number.MAX_VALUE],
      [-1],
      [-Number.MIN_VALUE],
      [0],
      [Number.MIN_VALUE],
      [1],
      [2],
      [10],
      [2 ** 53],
      [Number.MAX_VALUE],
      [""],
      ["\u0000"],
      ["\u0001"],
      ["\u0002"],
      ["\u0003"],
      ["a"],
      ["a", null],
      ["a", 1],
      ["a\u0000"],
      ["ab"],
      ["\uFFFD"],
      ["😀"],
    ];
    const keys = sorted.map(encodeTuple);
    expect([...keys].sort(compareKeys)).toEqual(keys);
    expect(key("turn", "s1", 5)).toBe(encodeTuple(["turn", "s1", 5]));
  });

  it("produces valid keys: no U+0000, well-formed", () => {
    fc.assert(
      fc.property(tupleArb, (tuple) => {
        const encoded = encodeTuple(tuple);
        expect(encoded.includes("\u0000")).toBe(false);
        if (encoded.length > 0 && Buffer.byteLength(encoded) <= 1024) validateKey(encoded);
      }),
    );
  });

  it("encodes -0 as 0 and refuses NaN, infinities, lone surrogates and other types", () => {
    expect(encodeTuple([-0])).toBe(encodeTuple([0]));
    for (const bad of [Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, "a\uD800"]) {
      expect(() => encodeTuple([bad])).toThrowError(
        expect.objectContaining({ code: "INVALID_KEY" }),
      );
    }
    for (const bad of [undefined, {}, 1n, Symbol("s")]) {
      expect(() => encodeTuple(["ok", bad as unknown as TupleElement])).toThrowError(
        expect.objectContaining({ code: "INVALID_KEY" }),
      );
    }
  });

  it("refuses keys it did not write with CORRUPTED", () => {
    for (const bad of [
      "9",
      "3abc",
      "30123456789abcdeX",
      "3ABCDEF0123456789",
      "4abc",
      "4a\u0002\u0009\u0001",
      "4a\u0002",
    ]) {
      let error: unknown;
      try {
        decodeTuple(bad);
      } catch (e) {
        error = e;
      }
      expect(StorageError.is(error, "CORRUPTED"), JSON.stringify(bad)).toBe(true);
    }
    expect(decodeTuple("")).toEqual([]);
  });
});

describe("tupleRange / tupleBetween", () => {
  it("tupleRange(prefix) holds exactly the tuples that extend the prefix", () => {
    fc.assert(
      fc.property(tupleArb, tupleArb, tupleArb, (prefix, shared, rest) => {
        const range = normalizeScan(tupleRange(prefix));
        for (const tuple of [rest, [...prefix, ...rest], [...prefix.slice(0, -1), ...shared]]) {
          expect(!range.empty && inRange(range, encodeTuple(tuple))).toBe(
            startsWith(tuple, prefix),
          );
        }
      }),
      { numRuns: 1000 },
    );
  });

  it("keeps one id's keys out of another id's range, whatever the ids hold", () => {
    fc.assert(
      fc.property(stringArb, stringArb, tupleArb, (mine, theirs, rest) => {
        fc.pre(mine !== theirs);
        const range = normalizeScan(tupleRange(["user", mine]));
        expect(inRange(range, encodeTuple(["user", theirs, ...rest]))).toBe(false);
        expect(encodeTuple(["user", theirs, ...rest]).startsWith(encodeTuple(["user", mine]))).toBe(
          false,
        );
      }),
      { numRuns: 1000 },
    );
    // The classic attacks on a naive separator: an id ending in the separator or terminator.
    for (const attack of ["a\u0001", "a\u0000", "a\u0002", "a\u0001\u0034b"]) {
      const range = normalizeScan(tupleRange(["user", "a"]));
      expect(inRange(range, encodeTuple(["user", attack, "x"])), JSON.stringify(attack)).toBe(
        false,
      );
    }
  });

  it("tupleBetween covers from <= next element < to under the prefix", () => {
    fc.assert(
      fc.property(
        tupleArb,
        fc.option(elementArb, { nil: undefined }),
        fc.option(elementArb, { nil: undefined }),
        elementArb,
        tupleArb,
        (prefix, from, to, next, rest) => {
          const range = normalizeScan(tupleBetween(prefix, from, to));
          const tuple = [...prefix, next, ...rest];
          const expected =
            (from === undefined || compareElements(next, from) >= 0) &&
            (to === undefined || compareElements(next, to) < 0);
          expect(!range.empty && inRange(range, encodeTuple(tuple))).toBe(expected);
          // Only strict extensions: the prefix tuple's own key is never in the range.
          expect(!range.empty && inRange(range, encodeTuple(prefix))).toBe(false);
        },
      ),
      { numRuns: 1000 },
    );
  });
});
