// Checked commits in canonical form: validation, limits and folding, before any backend runs.
import { describe, expect, it } from "vitest";
import {
  type BackendLimits,
  decodeCounter,
  encodeCounter,
  MAX_COMMIT_BYTES,
  MAX_COMMIT_CHECKS,
  MAX_COMMIT_MUTATIONS,
  MAX_COUNTER,
  MIN_COUNTER,
  type Mutation,
  normalizeCommit,
  StorageError,
} from "../src/index.js";

const limits: BackendLimits = { maxValueBytes: 64 * 1024 * 1024, scanReadAheadBytes: 1024 };
const bytes = (...b: number[]) => new Uint8Array(b);

function refusal(action: () => unknown): { code: string; details: Record<string, unknown> } {
  try {
    action();
  } catch (error) {
    if (error instanceof StorageError) return { code: error.code, details: { ...error.details } };
    throw error;
  }
  throw new Error("expected a StorageError");
}

describe("counters", () => {
  it("encode as 8 bytes big-endian two's complement and round-trip the whole range", () => {
    expect(encodeCounter(1n)).toEqual(bytes(0, 0, 0, 0, 0, 0, 0, 1));
    expect(encodeCounter(-1n)).toEqual(bytes(255, 255, 255, 255, 255, 255, 255, 255));
    for (const n of [0n, 1n, -1n, MAX_COUNTER, MIN_COUNTER, 123456789012345n]) {
      expect(decodeCounter(encodeCounter(n))).toBe(n);
    }
  });

  it("refuse values that are not 8 bytes and numbers outside 64 bits with INVALID_VALUE", () => {
    expect(refusal(() => decodeCounter(bytes(1, 2, 3), "k")).code).toBe("INVALID_VALUE");
    expect(refusal(() => encodeCounter(MAX_COUNTER + 1n)).code).toBe("INVALID_VALUE");
  });
});

describe("normalizeCommit", () => {
  it("folds mutations of one key in order: the last put or delete wins, sums add after it", () => {
    const { mutations } = normalizeCommit(
      [],
      [
        { type: "sum", key: "a", delta: 2n },
        { type: "sum", key: "a", delta: 3n },
        { type: "put", key: "b", value: encodeCounter(10n) },
        { type: "sum", key: "b", delta: -4n },
        { type: "sum", key: "c", delta: 1n },
        { type: "put", key: "c", value: bytes(7) },
        { type: "del", key: "d" },
        { type: "sum", key: "d", delta: 9n },
      ],
      limits,
    );
    expect(mutations).toEqual([
      { type: "sum", key: "a", delta: 5n },
      { type: "put", key: "b", value: encodeCounter(6n) },
      { type: "put", key: "c", value: bytes(7) },
      { type: "put", key: "d", value: encodeCounter(9n) },
    ]);
  });

  it("refuses a sum onto a put that is not a counter, and overflow, with INVALID_VALUE", () => {
    const notCounter: Mutation[] = [
      { type: "put", key: "a", value: bytes(1) },
      { type: "sum", key: "a", delta: 1n },
    ];
    expect(refusal(() => normalizeCommit([], notCounter, limits))).toMatchObject({
      code: "INVALID_VALUE",
      details: { key: "a" },
    });
    const overflow: Mutation[] = [
      { type: "sum", key: "a", delta: MAX_COUNTER },
      { type: "sum", key: "a", delta: 1n },
    ];
    expect(refusal(() => normalizeCommit([], overflow, limits)).code).toBe("INVALID_VALUE");
  });

  it("accepts safe-integer deltas and refuses any other delta", () => {
    expect(
      normalizeCommit([], [{ type: "sum", key: "a", delta: 3 as never }], limits).mutations,
    ).toEqual([{ type: "sum", key: "a", delta: 3n }]);
    for (const delta of [1.5, Number.NaN, 2 ** 60, "1", null, MAX_COUNTER + 1n]) {
      const sum = { type: "sum", key: "a", delta } as unknown as Mutation;
      expect(refusal(() => normalizeCommit([], [sum], limits)).code).toBe("INVALID_ARGUMENT");
    }
  });

  it("keeps one check per key, allows a key checked and mutated, refuses conflicting checks", () => {
    const { checks } = normalizeCommit(
      [
        { key: "a", version: null },
        { key: "a", version: null },
        { key: "b", version: "0000000000000001" },
      ],
      [{ type: "put", key: "a", value: bytes(1) }],
      limits,
    );
    expect(checks).toEqual([
      { kind: "version", key: "a", version: null },
      { kind: "version", key: "b", version: "0000000000000001" },
    ]);
    const conflicting = [
      { key: "a", version: null },
      { key: "a", version: "0000000000000001" },
    ];
    expect(refusal(() => normalizeCommit(conflicting, [], limits)).code).toBe("INVALID_ARGUMENT");
  });

  it("refuses bad checks: bad keys, versions that are not strings, non-objects", () => {
    const cases: unknown[][] = [
      [{ key: "", version: null }],
      [{ key: "a\0", version: null }],
      [{ key: "a", version: 1 }],
      [{ key: "a", version: "" }],
      [{ key: "a", version: undefined }],
      [{ key: "a", version: { toString: "x" } }],
      [null],
      [5],
    ];
    for (const checks of cases) {
      const { code } = refusal(() => normalizeCommit(checks as never, [], limits));
      expect(["INVALID_KEY", "INVALID_ARGUMENT"]).toContain(code);
    }
    for (const checks of [null, 5, "ab", {}]) {
      expect(refusal(() => normalizeCommit(checks as never, [], limits)).code).toBe(
        "INVALID_ARGUMENT",
      );
    }
  });

  it("refuses each limit, naming it", () => {
    const checks = Array.from({ length: MAX_COMMIT_CHECKS + 1 }, (_, i) => ({
      key: `k${i}`,
      version: null,
    }));
    expect(refusal(() => normalizeCommit(checks, [], limits))).toMatchObject({
      code: "INVALID_ARGUMENT",
      details: { limit: "MAX_COMMIT_CHECKS" },
    });
    const mutations: Mutation[] = Array.from({ length: MAX_COMMIT_MUTATIONS + 1 }, (_, i) => ({
      type: "del",
      key: `k${i}`,
    }));
    expect(refusal(() => normalizeCommit([], mutations, limits))).toMatchObject({
      code: "INVALID_ARGUMENT",
      details: { limit: "MAX_COMMIT_MUTATIONS" },
    });
    const big = new Uint8Array(MAX_COMMIT_BYTES / 2);
    const tooBig: Mutation[] = [
      { type: "put", key: "a", value: big },
      { type: "put", key: "b", value: big },
    ];
    expect(refusal(() => normalizeCommit([], tooBig, limits))).toMatchObject({
      code: "VALUE_TOO_LARGE",
      details: { limit: "MAX_COMMIT_BYTES" },
    });
    expect(MAX_COMMIT_CHECKS).toBe(100);
    expect(MAX_COMMIT_MUTATIONS).toBe(1000);
  });
});
