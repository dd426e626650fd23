import { describe, expect, it } from "vitest";
import {
  clockNow,
  decodeCursor,
  encodeCursor,
  MAX_TIMESTAMP_MS,
  optional,
  requireArray,
  requireClock,
  requireId,
  requireInteger,
  requireJsonObject,
  requireLimit,
  requireNonNegative,
  requireOptions,
  requireOrderedRange,
  requirePositiveInteger,
  requireTimestamp,
  StorageError,
  systemClock,
} from "../src/index.js";

function refusal(action: () => unknown): StorageError {
  try {
    action();
  } catch (error) {
    expect(StorageError.is(error)).toBe(true);
    return error as StorageError;
  }
  return expect.fail("expected INVALID_ARGUMENT, but the call succeeded");
}

describe("argument checks", () => {
  it("allow one time range, epoch to year 9999, as integers", () => {
    expect(requireTimestamp(MAX_TIMESTAMP_MS, "at")).toBe(MAX_TIMESTAMP_MS);
    expect(new Date(MAX_TIMESTAMP_MS).toISOString()).toBe("9999-12-31T23:59:59.999Z");
    for (const bad of [-1, 1.5, MAX_TIMESTAMP_MS + 1, 8.64e15 + 1, Number.NaN, "1", null]) {
      expect(refusal(() => requireTimestamp(bad, "at")).code).toBe("INVALID_ARGUMENT");
    }
  });

  it("read clocks: absent is the system clock, anything without a now() method is refused", () => {
    expect(requireClock(undefined)).toBe(systemClock);
    const clock = { now: () => 5 };
    expect(requireClock(clock)).toBe(clock);
    for (const bad of [null, 5, "x", [1], {}, { now: 5 }, { toString: "x" }]) {
      expect(refusal(() => requireClock(bad)).details).toEqual({ field: "clock" });
    }
  });

  it("read a clock's time only when it is epoch milliseconds in the one range", () => {
    expect(clockNow({ now: () => 1_700_000_000_000 })).toBe(1_700_000_000_000);
    for (const bad of [Number.NaN, 1.5, -1, "5", undefined]) {
      const error = refusal(() => clockNow({ now: () => bad as number }));
      expect(error.details).toMatchObject({ field: "clock.now()" });
    }
  });

  it("read options bags: absent is {}, null and non-objects are refused", () => {
    expect(requireOptions(undefined)).toEqual({});
    const options = { limit: 3 };
    expect(requireOptions(options)).toBe(options);
    for (const bad of [null, 5, "x", [1]]) {
      expect(refusal(() => requireOptions(bad as never)).details).toEqual({ field: "options" });
    }
    expect(requirePositiveInteger(undefined, "maxAttempts", 20)).toBe(20);
    for (const bad of [Number.NaN, 0, -1, 1.5, "3"]) {
      expect(refusal(() => requirePositiveInteger(bad, "maxAttempts", 20)).code).toBe(
        "INVALID_ARGUMENT",
      );
    }
    expect(refusal(() => requireArray("abc", "items")).code).toBe("INVALID_ARGUMENT");
    expect(refusal(() => requireArray([1, 2, 3], "items", 2)).code).toBe("INVALID_ARGUMENT");
  });

  it("accept good values and return them", () => {
    expect(requireId("agent-1", "agentId")).toBe("agent-1");
    expect(requireId("é".repeat(128), "id")).toBe("é".repeat(128));
    expect(requireTimestamp(0, "at")).toBe(0);
    expect(requireNonNegative(1.5, "durationMs")).toBe(1.5);
    expect(requireInteger(10, "limit", 1, 10)).toBe(10);
    expect(requireLimit(undefined, 25)).toBe(25);
    expect(optional(undefined, "x", requireId)).toBeUndefined();
    requireOrderedRange(1, 1);
  });

  it("refuse bad values with INVALID_ARGUMENT naming the field", () => {
    const cases: [string, () => unknown][] = [
      ["agentId", () => requireId("", "agentId")],
      ["agentId", () => requireId(7, "agentId")],
      ["agentId", () => requireId("a\0b", "agentId")],
      ["agentId", () => requireId("\ud800", "agentId")],
      ["agentId", () => requireId("é".repeat(129), "agentId")],
      ["at", () => requireTimestamp(-1, "at")],
      ["at", () => requireTimestamp(1.5, "at")],
      ["durationMs", () => requireNonNegative(Number.NaN, "durationMs")],
      ["limit", () => requireLimit(0, 10)],
      ["limit", () => requireLimit(10_001, 10)],
      ["to", () => requireOrderedRange(2, 1)],
      ["metadata", () => requireJsonObject([], "metadata")],
      ["metadata", () => requireJsonObject({ n: 1n }, "metadata")],
    ];
    for (const [field, action] of cases) {
      const error = refusal(action);
      expect(error.code).toBe("INVALID_ARGUMENT");
      expect(error.message).toContain(field);
    }
  });

  it("requireJsonObject returns a copy", () => {
    const input = { a: { b: 1 } };
    const copy = requireJsonObject(input, "metadata");
    input.a.b = 2;
    expect(copy).toEqual({ a: { b: 1 } });
  });

  it("systemClock reads the wall clock", () => {
    const before = Date.now();
    const now = systemClock.now();
    expect(now).toBeGreaterThanOrEqual(before);
  });
});

describe("page cursors", () => {
  const read = (parts: readonly unknown[]) =>
    parts.length === 2 && typeof parts[0] === "number" && typeof parts[1] === "string"
      ? { at: parts[0], id: parts[1] }
      : undefined;

  it("round-trip a position", () => {
    expect(decodeCursor(encodeCursor([42, "t-1"]), "log", read)).toEqual({ at: 42, id: "t-1" });
  });

  it("refuse cursors they did not hand out", () => {
    for (const bad of [undefined, "", "%%%", encodeCursor(["x", 1]), "a".repeat(5000)]) {
      const error = refusal(() => decodeCursor(bad, "log", read));
      expect(error.code).toBe("INVALID_ARGUMENT");
      expect(error.message).toContain("cursor");
    }
  });
});
