/**
 * Scans are bounded in bytes (issue 11): reading the first entry of a range of large values
 * must not pull a page of them into memory. Measured as heap + ArrayBuffer memory after a
 * full garbage collection (RSS does not shrink reliably, so it would hide nothing and flake).
 */
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import { DEFAULT_SCAN_READ_AHEAD_BYTES, type ScanOptions, type StorageBackend } from "@mnemo/core";
import { describe, expect, it } from "vitest";
import type { ConformanceContext } from "./context.js";

const MiB = 1024 * 1024;
const VALUE_BYTES = 4 * MiB;
const COUNT = 24;
const key = (i: number) => `big/${String(i).padStart(2, "0")}`;

/** `gc()`, exposed at run time when the process was not started with --expose-gc. */
function garbageCollector(): () => void {
  const exposed = (globalThis as { gc?: () => void }).gc;
  if (typeof exposed === "function") return exposed;
  setFlagsFromString("--expose-gc");
  return runInNewContext("gc") as () => void;
}

function usedBytes(gc: () => void): number {
  gc();
  gc();
  const { heapUsed, arrayBuffers } = process.memoryUsage();
  return heapUsed + arrayBuffers;
}

/** The read-ahead the handle promises: its limits when it exposes them, else the default. */
function readAheadOf(store: StorageBackend): number {
  const limits = (store as { limits?: { scanReadAheadBytes?: number } }).limits;
  return limits?.scanReadAheadBytes ?? DEFAULT_SCAN_READ_AHEAD_BYTES;
}

export function scanMemorySpec(ctx: ConformanceContext): void {
  describe(`scan memory: ${COUNT} values of ${VALUE_BYTES / MiB} MiB`, () => {
    it("holds at most the read-ahead in bytes (plus a few values), at the first entry and after", async () => {
      const store = await ctx.open();
      const value = new Uint8Array(VALUE_BYTES);
      for (let i = 0; i < COUNT; i++) {
        value.fill(i);
        await store.set(key(i), value);
      }
      const gc = garbageCollector();
      // Room for the read-ahead and a few values in driver buffers; a backend that reads a
      // page of entries regardless of size holds all COUNT values (96 MiB) here.
      const bound = readAheadOf(store) + 6 * VALUE_BYTES;
      const ranges: [ScanOptions, number][] = [
        [{ prefix: "big/" }, 0],
        [{ prefix: "big/", reverse: true }, COUNT - 1],
        [{ gte: key(4), versions: true }, 4],
      ];
      for (const [options, first] of ranges) {
        const baseline = usedBytes(gc);
        const iterator = store.scan(options)[Symbol.asyncIterator]();
        const entry = await iterator.next();
        const grown = usedBytes(gc) - baseline;
        expect(entry.done).toBe(false);
        expect(entry.value![0]).toBe(key(first));
        expect(entry.value![1][VALUE_BYTES - 1]).toBe(first);
        await iterator.return?.();
        expect(
          grown,
          `${JSON.stringify(options)}: memory grew by ${(grown / MiB).toFixed(1)} MiB for one entry`,
        ).toBeLessThan(bound);
      }

      // And streaming the whole range never holds much more either.
      const baseline = usedBytes(gc);
      let seen = 0;
      let peak = 0;
      for await (const [k, v] of store.scan({ prefix: "big/" })) {
        expect(k).toBe(key(seen));
        expect(v[0]).toBe(seen);
        seen++;
        if (seen % 4 === 1) peak = Math.max(peak, usedBytes(gc) - baseline);
      }
      expect(seen).toBe(COUNT);
      expect(peak, `memory grew by ${(peak / MiB).toFixed(1)} MiB while streaming`).toBeLessThan(
        bound,
      );
    }, 120_000);
  });
}
