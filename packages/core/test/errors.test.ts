import { describe, expect, it } from "vitest";
import { describe as describeValue, STORAGE_ERROR_CODES, StorageError } from "../src/index.js";

describe("StorageError", () => {
  it("carries a code from the closed set, details and the cause", () => {
    const cause = new Error("driver");
    const error = new StorageError("UNAVAILABLE", "down", { cause, details: { key: "k" } });
    expect(error).toBeInstanceOf(Error);
    expect(error.name).toBe("StorageError");
    expect(error.cause).toBe(cause);
    expect(error.details).toEqual({ key: "k" });
    expect(STORAGE_ERROR_CODES).toContain(error.code);
    expect(new StorageError("NOT_FOUND", "x").cause).toBeUndefined();
  });

  it("marks only UNAVAILABLE and CONFLICT retryable", () => {
    const retryable = STORAGE_ERROR_CODES.filter((code) => new StorageError(code, "x").isRetryable);
    expect(retryable.sort()).toEqual(["CONFLICT", "UNAVAILABLE"]);
  });

  it("is() checks the class and optionally the code", () => {
    const error = new StorageError("CLOSED", "x");
    expect(StorageError.is(error)).toBe(true);
    expect(StorageError.is(error, "CLOSED")).toBe(true);
    expect(StorageError.is(error, "CONFLICT")).toBe(false);
    expect(StorageError.is(new Error("x"))).toBe(false);
  });

  it("describe() never calls a method of the value it describes", () => {
    const hostile = JSON.parse('{"toString":"x","valueOf":"y"}');
    expect(describeValue(hostile)).toBe("an object");
    expect(describeValue([1, 2])).toBe("an array of 2");
    expect(describeValue(new Uint8Array(3))).toBe("a Uint8Array of 3 bytes");
    expect(describeValue(Object.create(null))).toBe("an object");
    expect(describeValue(10n)).toBe("10n");
    expect(describeValue(Symbol("s"))).toBe("a symbol");
    expect(describeValue(null)).toBe("null");
  });

  it("has FAILED_PRECONDITION and PERMISSION_DENIED, neither retryable", () => {
    expect(new StorageError("FAILED_PRECONDITION", "x").isRetryable).toBe(false);
    expect(new StorageError("PERMISSION_DENIED", "x").isRetryable).toBe(false);
  });

  it("describe() shortens long values for messages", () => {
    expect(describeValue("k")).toBe('"k"');
    expect(describeValue("x".repeat(500)).length).toBe(80);
  });
});
