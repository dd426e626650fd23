import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { jsonRecordCodec, StorageError, toJson } from "../src/index.js";

const corrupted = (action: () => unknown) => {
  try {
    action();
  } catch (error) {
    return StorageError.is(error, "CORRUPTED");
  }
  return false;
};

describe("jsonRecordCodec", () => {
  it("writes the version byte, then UTF-8 JSON", () => {
    const codec = jsonRecordCodec<{ a: string }>(3);
    const bytes = codec.encode({ a: "é" });
    expect(bytes[0]).toBe(3);
    expect(Buffer.from(bytes.subarray(1)).toString("utf8")).toBe('{"a":"é"}');
    expect(codec.version).toBe(3);
  });

  it("round-trips JSON values", () => {
    const codec = jsonRecordCodec<unknown>();
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        // JSON has no -0: it reads back as 0.
        expect(codec.decode(codec.encode(value))).toEqual(JSON.parse(JSON.stringify(value)));
      }),
    );
  });

  it("refuses a wrong version, an empty value, bad JSON and bad UTF-8 with CORRUPTED", () => {
    const codec = jsonRecordCodec(1);
    const v2 = jsonRecordCodec(2).encode({ a: 1 });
    expect(corrupted(() => codec.decode(v2, "k"))).toBe(true);
    expect(corrupted(() => codec.decode(new Uint8Array(0)))).toBe(true);
    expect(corrupted(() => codec.decode(new Uint8Array([1, 0x7b])))).toBe(true);
    expect(corrupted(() => codec.decode(new Uint8Array([1, 0x22, 0xff, 0x22])))).toBe(true);
    try {
      codec.decode(v2, "rec/1");
    } catch (error) {
      expect((error as StorageError).message).toContain("rec/1");
      expect((error as StorageError).details.key).toBe("rec/1");
    }
  });

  it("refuses versions outside 1..255", () => {
    for (const version of [0, 256, 1.5, -1]) expect(() => jsonRecordCodec(version)).toThrow();
  });
});

describe("toJson", () => {
  it("refuses BigInt, NaN, Infinity, functions, symbols and undefined with INVALID_ARGUMENT", () => {
    const bad: unknown[] = [
      1n,
      { n: 1n },
      Number.NaN,
      { x: Number.POSITIVE_INFINITY },
      [Number.NEGATIVE_INFINITY],
      () => 1,
      { f() {} },
      Symbol("s"),
      undefined,
    ];
    for (const value of bad) {
      let error: unknown;
      try {
        toJson(value, "payload");
      } catch (e) {
        error = e;
      }
      expect(StorageError.is(error, "INVALID_ARGUMENT"), String(value)).toBe(true);
      expect((error as Error).message).toContain("payload");
    }
  });

  it("serialises plain data", () => {
    expect(toJson({ a: [1, "x", null, true] }, "v")).toBe('{"a":[1,"x",null,true]}');
  });
});
