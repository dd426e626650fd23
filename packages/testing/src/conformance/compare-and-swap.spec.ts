import { describe, expect, it } from "vitest";
import type { ConformanceContext } from "./context.js";
import { bytes, dump, expectBytes } from "./helpers.js";

export function compareAndSwapSpec(ctx: ConformanceContext): void {
  describe("compareAndSwap", () => {
    it("creates a missing key when expected is undefined", async () => {
      const store = await ctx.open();
      expect(await store.compareAndSwap("k", undefined, bytes(1))).toBe(true);
      expectBytes(await store.get("k"), bytes(1));
    });

    it("refuses to create when the key exists", async () => {
      const store = await ctx.open();
      await store.set("k", bytes(1));
      expect(await store.compareAndSwap("k", undefined, bytes(2))).toBe(false);
      expectBytes(await store.get("k"), bytes(1));
    });

    it("swaps when the current value equals expected, byte for byte", async () => {
      const store = await ctx.open();
      await store.set("k", bytes(1, 2));
      expect(await store.compareAndSwap("k", bytes(1, 2), bytes(3))).toBe(true);
      expectBytes(await store.get("k"), bytes(3));
    });

    it("does nothing when the current value differs", async () => {
      const store = await ctx.open();
      await store.set("k", bytes(1, 2));
      expect(await store.compareAndSwap("k", bytes(1), bytes(9))).toBe(false);
      expect(await store.compareAndSwap("k", bytes(1, 2, 0), bytes(9))).toBe(false);
      expect(await store.compareAndSwap("k", bytes(2, 1), bytes(9))).toBe(false);
      expect(await store.compareAndSwap("absent", bytes(1, 2), bytes(9))).toBe(false);
      expect(await dump(store)).toEqual([["k", [1, 2]]]);
    });

    it("deletes when next is undefined", async () => {
      const store = await ctx.open();
      await store.set("k", bytes(1));
      expect(await store.compareAndSwap("k", bytes(2), undefined)).toBe(false);
      expect(await store.exists("k")).toBe(true);
      expect(await store.compareAndSwap("k", bytes(1), undefined)).toBe(true);
      expect(await store.exists("k")).toBe(false);
    });

    it("treats absent and empty as different values", async () => {
      const store = await ctx.open();
      expect(await store.compareAndSwap("k", new Uint8Array(0), bytes(1))).toBe(false);
      expect(await store.exists("k")).toBe(false);
      expect(await store.compareAndSwap("k", undefined, new Uint8Array(0))).toBe(true);
      expect(await store.compareAndSwap("k", undefined, bytes(1))).toBe(false);
      expect(await store.compareAndSwap("k", new Uint8Array(0), bytes(2))).toBe(true);
      expectBytes(await store.get("k"), bytes(2));
    });

    it("reports a swap from absent to absent as done, writing nothing", async () => {
      const store = await ctx.open();
      expect(await store.compareAndSwap("k", undefined, undefined)).toBe(true);
      expect(await store.exists("k")).toBe(false);
    });

    it("loses no update when many increment one counter concurrently", async (test) => {
      const store = await ctx.open();
      if (!store.characteristics().supportsAtomicOps) test.skip();
      const encode = (n: number) => new Uint8Array(new Uint32Array([n]).buffer);
      const decode = (value: Uint8Array | undefined) =>
        value === undefined ? 0 : new DataView(value.buffer, value.byteOffset).getUint32(0, true);
      const increment = async () => {
        for (;;) {
          const current = await store.get("counter");
          const next = encode(decode(current) + 1);
          if (await store.compareAndSwap("counter", current, next)) return;
        }
      };
      await Promise.all(Array.from({ length: 16 }, increment));
      expect(decode(await store.get("counter"))).toBe(16);
    });
  });
}
