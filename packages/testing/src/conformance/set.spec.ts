import { DEFAULT_MAX_VALUE_BYTES } from "@mnemo/core";
import { describe, expect, it } from "vitest";
import type { ConformanceContext } from "./context.js";
import { bytes, expectBytes } from "./helpers.js";

export function setSpec(ctx: ConformanceContext): void {
  describe("set", () => {
    it("overwrites an existing value", async () => {
      const store = await ctx.open();
      await store.set("k", bytes(1, 2, 3));
      await store.set("k", bytes(4));
      expectBytes(await store.get("k"), bytes(4));
    });

    it("stores an empty value", async () => {
      const store = await ctx.open();
      await store.set("k", bytes(1));
      await store.set("k", new Uint8Array(0));
      expectBytes(await store.get("k"), new Uint8Array(0));
      expect(await store.exists("k")).toBe(true);
    });

    it("stores only the bytes of a subarray view, not its whole buffer", async () => {
      const store = await ctx.open();
      const backing = bytes(9, 9, 1, 2, 3, 9, 9);
      await store.set("view", backing.subarray(2, 5));
      expectBytes(await store.get("view"), bytes(1, 2, 3));
    });

    it("accepts a Buffer (a Uint8Array subclass)", async () => {
      const store = await ctx.open();
      await store.set("buffer", Buffer.from([7, 8]));
      expectBytes(await store.get("buffer"), bytes(7, 8));
    });

    it("accepts a value of exactly maxValueBytes (16 MiB)", async () => {
      const store = await ctx.open();
      const value = new Uint8Array(DEFAULT_MAX_VALUE_BYTES);
      value[0] = 1;
      value[DEFAULT_MAX_VALUE_BYTES - 1] = 255;
      await store.set("big", value);
      const stored = await store.get("big");
      expect(stored?.byteLength).toBe(DEFAULT_MAX_VALUE_BYTES);
      expect(stored?.[0]).toBe(1);
      expect(stored?.[DEFAULT_MAX_VALUE_BYTES - 1]).toBe(255);
    });
  });
}
