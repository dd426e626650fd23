import { describe, expect, it } from "vitest";
import type { ConformanceContext } from "./context.js";
import { bytes, expectBytes, plain } from "./helpers.js";

export function getSpec(ctx: ConformanceContext): void {
  describe("get", () => {
    it("returns undefined for a missing key", async () => {
      const store = await ctx.open();
      expect(await store.get("missing")).toBeUndefined();
      await store.set("present", bytes(1));
      expect(await store.get("missing")).toBeUndefined();
    });

    it("returns the bytes set, all 256 byte values intact", async () => {
      const store = await ctx.open();
      const value = Uint8Array.from({ length: 256 }, (_, i) => i);
      await store.set("k", value);
      expectBytes(await store.get("k"), value);
    });

    it("returns an empty Uint8Array, not undefined, for an empty value", async () => {
      const store = await ctx.open();
      await store.set("empty", new Uint8Array(0));
      const value = await store.get("empty");
      expect(value).toBeInstanceOf(Uint8Array);
      expect(value?.byteLength).toBe(0);
    });

    it("tells apart keys that differ only in case, a trailing space or a control character", async () => {
      const store = await ctx.open();
      const keys = ["k", "K", "k ", "k\u0001", " k", "k\t"];
      for (const [i, key] of keys.entries()) await store.set(key, bytes(i));
      for (const [i, key] of keys.entries()) expect(plain(await store.get(key))).toEqual([i]);
    });
  });
}
