import { describe, expect, it } from "vitest";
import type { ConformanceContext } from "./context.js";

export function characteristicsSpec(ctx: ConformanceContext): void {
  describe("characteristics / backendType", () => {
    it("names the backend with a non-empty string", async () => {
      const store = await ctx.open();
      expect(typeof store.backendType()).toBe("string");
      expect(store.backendType().length).toBeGreaterThan(0);
    });

    it("reports every capability flag and measured latencies", async () => {
      const store = await ctx.open();
      const c = store.characteristics();
      for (const flag of [
        "persistent",
        "transactional",
        "supportsPrefixScan",
        "supportsAtomicOps",
        "multiProcess",
      ] as const) {
        expect(typeof c[flag], flag).toBe("boolean");
      }
      for (const figure of ["avgReadLatencyUs", "avgWriteLatencyUs"] as const) {
        expect(Number.isFinite(c[figure]), figure).toBe(true);
        expect(c[figure], figure).toBeGreaterThan(0);
      }
    });

    it("is stable across calls", async () => {
      const store = await ctx.open();
      expect(store.characteristics()).toEqual(store.characteristics());
      expect(store.backendType()).toBe(store.backendType());
    });
  });
}
