// The conformance suite's own oracle and assertions: a wrong oracle would pass wrong backends.
import { StorageError } from "@mnemo/core";
import { describe, expect, it } from "vitest";
import { byteOrder, expectCode, modelScan } from "../src/conformance/helpers.js";

const entry = (key: string): [string, Uint8Array] => [key, new Uint8Array([key.length])];

describe("byteOrder", () => {
  it("orders by UTF-8 bytes where JavaScript's < does not", () => {
    expect("😀" < "\uFFFD").toBe(true);
    expect(byteOrder("😀", "\uFFFD")).toBeGreaterThan(0);
    expect(byteOrder("\uE000", "\u{10000}")).toBeLessThan(0);
    expect(byteOrder("a", "a")).toBe(0);
    expect(byteOrder("a", "ab")).toBeLessThan(0);
  });
});

describe("modelScan", () => {
  const entries = ["b", "a", "ab", "😀", "\uFFFD", "c"].map(entry);
  const keys = (options: Parameters<typeof modelScan>[1]) =>
    modelScan(entries, options).map(([k]) => k);

  it("sorts by bytes and applies prefix, bounds, reverse and limit", () => {
    expect(keys({})).toEqual(["a", "ab", "b", "c", "\uFFFD", "😀"]);
    expect(keys({ prefix: "a" })).toEqual(["a", "ab"]);
    expect(keys({ gt: "a", lte: "c" })).toEqual(["ab", "b", "c"]);
    expect(keys({ gte: "\uFFFD", reverse: true })).toEqual(["😀", "\uFFFD"]);
    expect(keys({ reverse: true, limit: 2 })).toEqual(["😀", "\uFFFD"]);
    expect(keys({ limit: 0 })).toEqual([]);
    expect(keys({ gt: "c", lt: "b" })).toEqual([]);
  });
});

describe("expectCode", () => {
  it("accepts a sync throw, a rejection and a failing async iterable with the code", async () => {
    const error = new StorageError("CLOSED", "closed");
    await expectCode(() => {
      throw error;
    }, "CLOSED");
    await expectCode(() => Promise.reject(error), "CLOSED");
    await expectCode(
      () => ({
        async *[Symbol.asyncIterator]() {
          yield* [];
          throw error;
        },
      }),
      "CLOSED",
    );
  });

  it("fails on success, on another code and on a non-error", async () => {
    await expect(expectCode(() => Promise.resolve(1), "CLOSED")).rejects.toThrow(/succeeded/);
    await expect(
      expectCode(() => Promise.reject(new StorageError("NOT_FOUND", "x")), "CLOSED"),
    ).rejects.toThrow();
    await expect(expectCode(() => Promise.reject("text"), "CLOSED")).rejects.toThrow();
  });
});
