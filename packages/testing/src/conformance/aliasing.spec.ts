import { describe, expect, it } from "vitest";
import type { ConformanceContext } from "./context.js";
import { bytes, collect, dump } from "./helpers.js";

export function aliasingSpec(ctx: ConformanceContext): void {
  describe("values are copied in and out", () => {
    it("does not change when the buffer passed in is mutated afterwards", async () => {
      const store = await ctx.open();
      const viaSet = bytes(1);
      const viaBatch = bytes(2);
      const viaWrite = bytes(3);
      const viaSwap = bytes(4);
      await store.set("set", viaSet);
      await store.setBatch([["batch", viaBatch]]);
      await store.write([{ type: "put", key: "write", value: viaWrite }]);
      await store.compareAndSwap("swap", undefined, viaSwap);
      for (const value of [viaSet, viaBatch, viaWrite, viaSwap]) value[0] = 99;
      expect(await dump(store)).toEqual([
        ["batch", [2]],
        ["set", [1]],
        ["swap", [4]],
        ["write", [3]],
      ]);
    });

    it("copies a Buffer passed in (Buffer#slice shares memory, unlike Uint8Array#slice)", async () => {
      const store = await ctx.open();
      const viaSet = Buffer.from([1, 2]);
      const viaWrite = Buffer.from([3, 4]);
      const viaSwap = Buffer.from([5, 6]);
      await store.set("set", viaSet);
      await store.write([{ type: "put", key: "write", value: viaWrite }]);
      await store.compareAndSwap("swap", undefined, viaSwap);
      for (const value of [viaSet, viaWrite, viaSwap]) value.fill(0);
      expect(await dump(store)).toEqual([
        ["set", [1, 2]],
        ["swap", [5, 6]],
        ["write", [3, 4]],
      ]);
    });

    it("does not change when a value read out is mutated", async () => {
      const store = await ctx.open();
      await store.set("k", bytes(1, 2));
      const viaGet = (await store.get("k"))!;
      const viaBatch = (await store.getBatch(["k"])).get("k")!;
      const [[, viaScan]] = (await collect(store.scan())) as [[string, Uint8Array]];
      for (const value of [viaGet, viaBatch, viaScan]) value.fill(77);
      expect(await dump(store)).toEqual([["k", [1, 2]]]);
      const again = (await store.get("k"))!;
      expect(again).not.toBe(viaGet);
    });

    it("compares compareAndSwap's expected by content, not identity", async () => {
      const store = await ctx.open();
      const stored = bytes(5, 6);
      await store.set("k", stored);
      expect(await store.compareAndSwap("k", bytes(5, 6), bytes(7))).toBe(true);
      expect(await store.compareAndSwap("k", stored, bytes(8))).toBe(false);
    });
  });
}
