import { Schema } from "effect";
import { describe, expect, it } from "vitest";
import {
  Id,
  INPUT_PARSE_OPTIONS,
  JsonObject,
  JsonValue,
  page,
  pageFields,
  Timestamp,
} from "../../src/operations/schemas.js";

const accepts = (schema: Schema.Top, value: unknown) =>
  Schema.decodeUnknownExit(schema as Schema.Codec<unknown>)(value, INPUT_PARSE_OPTIONS)._tag ===
  "Success";

function nested(depth: number): unknown {
  let value: unknown = 1;
  for (let i = 0; i < depth; i++) value = [value];
  return value;
}

describe("shared schema fragments", () => {
  it("Id follows core's requireId", () => {
    expect(accepts(Id, "a")).toBe(true);
    expect(accepts(Id, "é".repeat(128))).toBe(true);
    for (const bad of ["", "a\0b", "\ud800", "é".repeat(129), "x".repeat(257), 1, null]) {
      expect(accepts(Id, bad)).toBe(false);
    }
  });

  it("Timestamp is integer epoch milliseconds up to year 9999", () => {
    expect(accepts(Timestamp, 0)).toBe(true);
    expect(accepts(Timestamp, 253_402_300_799_999)).toBe(true);
    for (const bad of [-1, 1.5, 253_402_300_800_000, "1", null, Number.NaN]) {
      expect(accepts(Timestamp, bad)).toBe(false);
    }
  });

  it("JsonValue refuses deep nesting and __proto__ keys, accepts plain JSON", () => {
    expect(accepts(JsonValue, { a: [1, "x", null, { b: true }] })).toBe(true);
    expect(accepts(JsonValue, nested(64))).toBe(true);
    expect(accepts(JsonValue, nested(65))).toBe(false);
    expect(accepts(JsonValue, nested(100_000))).toBe(false);
    expect(accepts(JsonValue, JSON.parse('{"a":{"__proto__":{"x":1}}}'))).toBe(false);
    expect(accepts(JsonValue, { a: Number.NaN })).toBe(false);
    expect(accepts(JsonObject, [1])).toBe(false);
    expect(accepts(JsonObject, { toString: "x" })).toBe(true);
  });

  it("pages and listing fields", () => {
    const Page = page(Schema.String);
    expect(accepts(Page, { items: ["a"], nextCursor: "c" })).toBe(true);
    expect(accepts(Page, { items: ["a"] })).toBe(true);
    const Listing = Schema.Struct(pageFields(10, 50));
    expect(accepts(Listing, { limit: 50 })).toBe(true);
    for (const bad of [{ limit: 0 }, { limit: 51 }, { limit: 1.5 }, { cursor: "" }, { x: 1 }]) {
      expect(accepts(Listing, bad)).toBe(false);
    }
    expect(accepts(Listing, { cursor: "c".repeat(2049) })).toBe(false);
  });
});
