import { describe, expect, it } from "vitest";
import type { ConformanceContext } from "./context.js";
import { bytes } from "./helpers.js";

export function existsSpec(ctx: ConformanceContext): void {
  describe("exists", () => {
    it("is false for a missing key and true once set", async () => {
      const store = await ctx.open();
      expect(await store.exists("k")).toBe(false);
      await store.set("k", bytes(1));
      expect(await store.exists("k")).toBe(true);
      expect(await store.exists("k2")).toBe(false);
    });

    it("is true for a key holding an empty value", async () => {
      const store = await ctx.open();
      await store.set("empty", new Uint8Array(0));
      expect(await store.exists("empty")).toBe(true);
    });

    it("is false after delete", async () => {
      const store = await ctx.open();
      await store.set("k", bytes(1));
      await store.delete("k");
      expect(await store.exists("k")).toBe(false);
    });

    it("does not match by prefix", async () => {
      const store = await ctx.open();
      await store.set("abc", bytes(1));
      expect(await store.exists("ab")).toBe(false);
      expect(await store.exists("abcd")).toBe(false);
    });
  });
}
