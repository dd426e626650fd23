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

  it("describe() shortens long values for messages", () => {
    expect(describeValue("k")).toBe('"k"');
    expect(describeValue("x".repeat(500)).length).toBe(80);
  });
});
