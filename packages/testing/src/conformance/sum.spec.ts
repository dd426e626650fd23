/**
 * Atomic add: `sum(key, delta)` on 8-byte big-endian two's complement counters. Absent counts
 * as 0; a stored value that is not a counter, or an overflow, refuses the whole commit.
 */
import {
  encodeCounter,
  MAX_COUNTER,
  MIN_COUNTER,
  type Mutation,
  type StorageBackend,
} from "@mnemo/core";
import { describe, expect, it } from "vitest";
import type { ConformanceContext } from "./context.js";
import { bytes, counterAt, dump, expectBytes, expectCode, snapshots } from "./helpers.js";

/** Good mutations that ride along with a refused sum: none of them may land. */
const RIDERS: readonly Mutation[] = [
  { type: "put", key: "other", value: bytes(9) },
  { type: "put", key: "fresh", value: bytes(9) },
  { type: "del", key: "gone" },
  { type: "sum", key: "fine", delta: 1n },
];

async function seeded(ctx: ConformanceContext): Promise<StorageBackend> {
  const store = await ctx.open();
  await store.setBatch([
    ["other", bytes(1)],
    ["gone", bytes(2)],
    ["fine", encodeCounter(0n)],
  ]);
  return store;
}

export function sumSpec(ctx: ConformanceContext): void {
  describe("sum (atomic add to a 64-bit counter)", () => {
    it("starts an absent key at the delta, stored as 8 bytes big-endian", async () => {
      const store = await ctx.open();
      await store.atomic().sum("a", 5n).sum("b", -2n).sum("zero", 0n).commit();
      expectBytes(await store.get("a"), bytes(0, 0, 0, 0, 0, 0, 0, 5));
      expectBytes(await store.get("b"), bytes(255, 255, 255, 255, 255, 255, 255, 254));
      expectBytes(await store.get("zero"), new Uint8Array(8));
    });

    it("adds to what is stored, in the documented encoding", async () => {
      const store = await ctx.open();
      await store.setBatch([
        ["256", bytes(0, 0, 0, 0, 0, 0, 1, 0)],
        ["minus-one", bytes(255, 255, 255, 255, 255, 255, 255, 255)],
        ["big", encodeCounter(2n ** 40n)],
      ]);
      await store.commit(
        [],
        [
          { type: "sum", key: "256", delta: 1n },
          { type: "sum", key: "minus-one", delta: 1n },
          { type: "sum", key: "big", delta: -(2n ** 41n) },
        ],
      );
      expectBytes(await store.get("256"), bytes(0, 0, 0, 0, 0, 0, 1, 1));
      expectBytes(await store.get("minus-one"), new Uint8Array(8));
      expect(await counterAt(store, "big")).toBe(-(2n ** 40n));
    });

    it("reaches both ends of the 64-bit range", async () => {
      const store = await ctx.open();
      await store.setBatch([
        ["max", encodeCounter(MAX_COUNTER - 1n)],
        ["min", encodeCounter(MIN_COUNTER + 1n)],
      ]);
      await store.atomic().sum("max", 1n).sum("min", -1n).commit();
      expect(await counterAt(store, "max")).toBe(MAX_COUNTER);
      expect(await counterAt(store, "min")).toBe(MIN_COUNTER);
      await store.atomic().sum("from-absent", MAX_COUNTER).sum("low", MIN_COUNTER).commit();
      expect(await counterAt(store, "from-absent")).toBe(MAX_COUNTER);
      expect(await counterAt(store, "low")).toBe(MIN_COUNTER);
    });

    it("refuses an overflow either way with INVALID_VALUE, writing nothing", async () => {
      const store = await seeded(ctx);
      await store.setBatch([
        ["max", encodeCounter(MAX_COUNTER)],
        ["min", encodeCounter(MIN_COUNTER)],
      ]);
      const before = await snapshots([store]);
      for (const sum of [
        { type: "sum", key: "max", delta: 1n },
        { type: "sum", key: "min", delta: -1n },
        { type: "sum", key: "max", delta: MAX_COUNTER },
      ] as const) {
        await expectCode(() => store.commit([], [...RIDERS, sum]), "INVALID_VALUE");
        await expectCode(() => store.commit([], [sum, ...RIDERS]), "INVALID_VALUE");
      }
      expect(await snapshots([store])).toEqual(before);
    });

    it.each([
      ["3 bytes", bytes(1, 2, 3)],
      ["empty", new Uint8Array(0)],
      ["9 bytes", new Uint8Array(9)],
      ["7 bytes", new Uint8Array(7)],
    ])(
      "refuses a sum on a stored value of %s with INVALID_VALUE, writing nothing",
      async (_, value) => {
        const store = await seeded(ctx);
        await store.set("bad", value);
        const neighbour = store.forTenant(`${store.tenant}-sum-neighbour`);
        await neighbour.set("bad", encodeCounter(1n));
        const before = await snapshots([store, neighbour]);
        for (const mutations of [
          [...RIDERS, { type: "sum", key: "bad", delta: 1n }],
          [{ type: "sum", key: "bad", delta: 0n }, ...RIDERS],
        ] as Mutation[][]) {
          const error = await expectCode(() => store.commit([], mutations), "INVALID_VALUE");
          expect(error.message).toContain("bad");
        }
        await expectCode(
          () => store.atomic().put("fresh", bytes(1)).sum("bad", 1n).commit(),
          "INVALID_VALUE",
        );
        expect(await snapshots([store, neighbour])).toEqual(before);
      },
    );

    it("refuses a sum after a put of a non-counter in the same commit", async () => {
      const store = await seeded(ctx);
      const before = await snapshots([store]);
      await expectCode(
        () =>
          store.commit(
            [],
            [
              ...RIDERS,
              { type: "put", key: "p", value: bytes(1) },
              { type: "sum", key: "p", delta: 1n },
            ],
          ),
        "INVALID_VALUE",
      );
      expect(await snapshots([store])).toEqual(before);
    });

    it("loses no increment when many commits add to one counter concurrently", async () => {
      const store = await ctx.open();
      await Promise.all(
        Array.from({ length: 40 }, (_, i) =>
          store.commit([], [{ type: "sum", key: "c", delta: i % 4 === 3 ? -1n : 2n }]),
        ),
      );
      // 30 of +2 and 10 of -1.
      expect(await counterAt(store, "c")).toBe(50n);
      expect(await dump(store)).toEqual([["c", Array.from(encodeCounter(50n))]]);
    });
  });
}
