import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  type BackendLimits,
  collectKeys,
  compareKeys,
  inRange,
  normalizeScan,
  normalizeWriteOps,
  type ScanOptions,
  StorageError,
  type StorageErrorCode,
  validateKey,
  validateNamespace,
  validateTenantId,
  validateValue,
  type WriteOp,
} from "../src/index.js";

const limits: BackendLimits = { maxValueBytes: 8, scanReadAheadBytes: 1024 };

function codeOf(action: () => unknown): StorageErrorCode | undefined {
  try {
    action();
  } catch (error) {
    if (error instanceof StorageError) return error.code;
    throw error;
  }
  return undefined;
}

describe("validateKey", () => {
  it.each([
    ["a"],
    ["a".repeat(1024)],
    ["é".repeat(512)],
    ["😀".repeat(256)],
    [`${"€".repeat(341)}a`],
    ["\u0001"],
    ["%_\\"],
  ])("accepts %j", (key) => {
    expect(codeOf(() => validateKey(key))).toBeUndefined();
  });

  it.each([
    [""],
    ["a".repeat(1025)],
    [`${"é".repeat(512)}a`],
    [`${"😀".repeat(256)}a`],
    ["a\u0000"],
    ["\uD800"],
    ["a\uDFFF"],
    ["\uDE00\uD83D"],
    [42],
    [null],
    [undefined],
    [new String("k")],
  ])("refuses %j with INVALID_KEY", (key) => {
    expect(codeOf(() => validateKey(key))).toBe("INVALID_KEY");
  });

  it("agrees with the rule on random strings", () => {
    fc.assert(
      fc.property(
        fc.string({
          unit: fc.constantFrom("a", "é", "€", "😀", "\u0000", "\uD800", "\uDC00"),
          maxLength: 520,
        }),
        (key) => {
          const ok =
            key.length > 0 &&
            !key.includes("\u0000") &&
            key.isWellFormed() &&
            Buffer.byteLength(key) <= 1024;
          expect(codeOf(() => validateKey(key))).toBe(ok ? undefined : "INVALID_KEY");
        },
      ),
    );
  });

  it("names the key and keeps it in details", () => {
    try {
      validateKey("bad\u0000key");
      expect.fail("accepted");
    } catch (error) {
      expect((error as StorageError).message).toContain("bad");
      expect((error as StorageError).details.key).toBe("bad\u0000key");
    }
  });
});

describe("validateValue", () => {
  it("accepts Uint8Arrays (Buffers too) up to the limit, empty included", () => {
    for (const value of [new Uint8Array(0), new Uint8Array(8), Buffer.alloc(3)]) {
      expect(codeOf(() => validateValue("k", value, limits))).toBeUndefined();
    }
  });

  it("refuses other types with INVALID_VALUE and larger values with VALUE_TOO_LARGE", () => {
    for (const value of [
      "x",
      1,
      null,
      undefined,
      [1],
      new ArrayBuffer(1),
      new Uint16Array(1),
      new DataView(new ArrayBuffer(1)),
    ]) {
      expect(codeOf(() => validateValue("k", value, limits))).toBe("INVALID_VALUE");
    }
    expect(codeOf(() => validateValue("k", new Uint8Array(9), limits))).toBe("VALUE_TOO_LARGE");
  });
});

describe("validateTenantId / validateNamespace", () => {
  it("accepts well-formed tenant ids up to 256 bytes and refuses the rest", () => {
    for (const id of ["t", "a/b", "é", "😀", "x".repeat(256), "%_"]) {
      expect(codeOf(() => validateTenantId(id))).toBeUndefined();
    }
    for (const id of ["", "x".repeat(257), "a\u0000", "\uD800", 1, null]) {
      expect(codeOf(() => validateTenantId(id))).toBe("INVALID_ARGUMENT");
    }
  });

  it("accepts lowercase identifiers up to 48 characters and refuses the rest", () => {
    for (const ns of ["a", "event_log", "a1", `a${"b".repeat(47)}`]) {
      expect(codeOf(() => validateNamespace(ns))).toBeUndefined();
    }
    for (const ns of ["", "A", "1a", "_a", "a-b", "a b", `a${"b".repeat(48)}`, "é", null]) {
      expect(codeOf(() => validateNamespace(ns))).toBe("INVALID_ARGUMENT");
    }
  });
});

describe("normalizeWriteOps", () => {
  it("keeps the last op per key, ordered by the key's last mention", () => {
    const one = new Uint8Array([1]);
    const two = new Uint8Array([2]);
    const ops: WriteOp[] = [
      { type: "put", key: "a", value: one },
      { type: "put", key: "b", value: one },
      { type: "del", key: "a" },
      { type: "put", key: "b", value: two },
    ];
    expect(normalizeWriteOps(ops, limits)).toEqual([
      { type: "del", key: "a" },
      { type: "put", key: "b", value: two },
    ]);
  });

  it("validates every op before returning, with the right code", () => {
    const good: WriteOp = { type: "put", key: "a", value: new Uint8Array(1) };
    const cases: Array<[unknown, StorageErrorCode]> = [
      [{ type: "put", key: "", value: new Uint8Array(1) }, "INVALID_KEY"],
      [{ type: "del", key: "\uD800" }, "INVALID_KEY"],
      [{ type: "put", key: "k", value: "v" }, "INVALID_VALUE"],
      [{ type: "put", key: "k", value: new Uint8Array(9) }, "VALUE_TOO_LARGE"],
      [{ type: "merge", key: "k" }, "INVALID_ARGUMENT"],
      [null, "INVALID_ARGUMENT"],
      ["op", "INVALID_ARGUMENT"],
    ];
    for (const [op, code] of cases) {
      expect(codeOf(() => normalizeWriteOps([good, op as WriteOp], limits))).toBe(code);
    }
    expect(codeOf(() => normalizeWriteOps(null as unknown as WriteOp[], limits))).toBe(
      "INVALID_ARGUMENT",
    );
  });
});

describe("collectKeys", () => {
  it("de-duplicates in first-seen order and refuses strings and bad keys", () => {
    expect([...collectKeys(["b", "a", "b"], "getBatch")]).toEqual(["b", "a"]);
    expect(codeOf(() => collectKeys("ab" as unknown as string[], "getBatch"))).toBe(
      "INVALID_ARGUMENT",
    );
    expect(codeOf(() => collectKeys(["a", ""], "getBatch"))).toBe("INVALID_KEY");
  });
});

describe("normalizeScan", () => {
  const UNITS = ["a", "b", "\u0001", "\uFFFD", "😀", "\uE000", "\u{10FFFF}"];
  const bound = fc.string({ unit: fc.constantFrom(...UNITS), maxLength: 3 });
  const key = fc.string({ unit: fc.constantFrom(...UNITS), minLength: 1, maxLength: 4 });
  const options: fc.Arbitrary<ScanOptions> = fc
    .record({
      prefix: fc.option(bound, { nil: undefined }),
      lower: fc.option(fc.tuple(fc.constantFrom("gt", "gte"), bound), { nil: undefined }),
      upper: fc.option(fc.tuple(fc.constantFrom("lt", "lte"), bound), { nil: undefined }),
    })
    .map(({ prefix, lower, upper }) => {
      const o: Record<string, string> = {};
      if (prefix !== undefined) o.prefix = prefix;
      if (lower) o[lower[0]] = lower[1];
      if (upper) o[upper[0]] = upper[1];
      return o as ScanOptions;
    });

  it("keeps exactly the keys the options describe, and is empty only when none can match", () => {
    fc.assert(
      fc.property(options, fc.array(key, { maxLength: 8 }), (o, keys) => {
        const range = normalizeScan(o);
        for (const k of keys) {
          const wanted =
            (o.prefix === undefined || k.startsWith(o.prefix)) &&
            (o.gt === undefined || compareKeys(k, o.gt) > 0) &&
            (o.gte === undefined || compareKeys(k, o.gte) >= 0) &&
            (o.lt === undefined || compareKeys(k, o.lt) < 0) &&
            (o.lte === undefined || compareKeys(k, o.lte) <= 0);
          expect(!range.empty && inRange(range, k), JSON.stringify({ o, k })).toBe(wanted);
        }
      }),
      { numRuns: 1000 },
    );
  });

  it("folds defaults: no bounds, forward, unlimited", () => {
    expect(normalizeScan()).toEqual({
      lower: undefined,
      upper: undefined,
      reverse: false,
      limit: Number.POSITIVE_INFINITY,
      empty: false,
      versions: false,
    });
    expect(normalizeScan({ limit: 0 }).empty).toBe(true);
    expect(normalizeScan({ gte: "" }).lower).toBeUndefined();
    expect(normalizeScan({ lt: "" }).empty).toBe(true);
    expect(normalizeScan({ prefix: "a" })).toMatchObject({
      lower: { key: "a", inclusive: true },
      upper: { key: "b", inclusive: false },
    });
    expect(normalizeScan({ prefix: "\u{10FFFF}" }).upper).toBeUndefined();
  });

  it.each([
    [null],
    ["x"],
    [{ gt: "a", gte: "a" }],
    [{ lt: "a", lte: "a" }],
    [{ limit: -1 }],
    [{ limit: 0.5 }],
    [{ limit: Number.NaN }],
    [{ limit: "1" }],
    [{ reverse: "true" }],
    [{ prefix: 1 }],
    [{ gt: "a\u0000" }],
    [{ lte: "\uDC00" }],
  ])("refuses %j with INVALID_ARGUMENT", (o) => {
    expect(codeOf(() => normalizeScan(o as ScanOptions))).toBe("INVALID_ARGUMENT");
  });
});
