// What JSON would silently change is refused, without recursion, naming where.
import { describe, expect, it } from "vitest";
import { canonicalJson, MAX_JSON_DEPTH, StorageError, toJson } from "../src/index.js";

function refusedAt(value: unknown): Record<string, unknown> {
  try {
    toJson(value, "metadata");
  } catch (error) {
    expect(StorageError.is(error, "INVALID_ARGUMENT")).toBe(true);
    return { ...(error as StorageError).details, message: (error as Error).message };
  }
  return expect.fail("expected INVALID_ARGUMENT");
}

function nested(depth: number): unknown {
  let value: unknown = 1;
  for (let i = 0; i < depth; i++) value = { a: value };
  return value;
}

describe("toJson", () => {
  it("accepts plain JSON, null-prototype objects and undefined properties", () => {
    expect(toJson({ a: [1, "x", null, true, { b: 2 }] }, "f")).toBe(
      '{"a":[1,"x",null,true,{"b":2}]}',
    );
    expect(toJson(Object.assign(Object.create(null), { a: 1 }), "f")).toBe('{"a":1}');
    expect(toJson({ a: undefined, b: 1 }, "f")).toBe('{"b":1}');
    expect(toJson(JSON.parse('{"__proto__":{"x":1},"toString":"y"}'), "f")).toBe(
      '{"__proto__":{"x":1},"toString":"y"}',
    );
    expect(toJson(nested(MAX_JSON_DEPTH - 1), "f")).toContain('"a"');
  });

  it("refuses Map, Set, Date, typed arrays, class instances, BigInt, NaN, functions", () => {
    class Point {
      x = 1;
    }
    const cases: [unknown, string][] = [
      [{ m: new Map() }, "a Map"],
      [{ s: new Set([1]) }, "a Set"],
      [{ d: new Date(0) }, "a Date"],
      [{ t: new Uint8Array(2) }, "a typed array"],
      [{ p: new Point() }, "not a plain object"],
      [{ n: 10n }, "a BigInt"],
      [{ n: Number.NaN }, "NaN"],
      [{ f: () => 1 }, "a function"],
      [[1, undefined], "undefined"],
      [undefined, "undefined"],
    ];
    for (const [value, what] of cases) expect(refusedAt(value).message).toContain(what);
    expect(refusedAt({ a: { b: [0, { d: new Date() }] } }).path).toBe("a.b[1].d");
  });

  it("refuses cycles but not shared (acyclic) references", () => {
    const shared = { x: 1 };
    expect(toJson({ a: shared, b: shared }, "f")).toBe('{"a":{"x":1},"b":{"x":1}}');
    const cyclic: Record<string, unknown> = { a: {} };
    (cyclic.a as Record<string, unknown>).back = cyclic;
    expect(refusedAt(cyclic).message).toContain("a cycle");
  });

  it("refuses nesting 4,000 deep without overflowing the stack", () => {
    expect(refusedAt(nested(4000)).message).toContain(`deeper than ${MAX_JSON_DEPTH}`);
    const arrays: unknown[] = [];
    let cursor = arrays;
    for (let i = 0; i < 100_000; i++) {
      const next: unknown[] = [];
      cursor.push(next);
      cursor = next;
    }
    expect(refusedAt(arrays).message).toContain("deeper");
  });
});

describe("canonicalJson", () => {
  it("sorts object keys at every level and is checked like toJson", () => {
    expect(canonicalJson({ b: 1, a: { d: [2, { z: 1, y: 0 }], c: null } })).toBe(
      '{"a":{"c":null,"d":[2,{"y":0,"z":1}]},"b":1}',
    );
    expect(() => canonicalJson(nested(5000))).toThrowError(StorageError);
  });
});
