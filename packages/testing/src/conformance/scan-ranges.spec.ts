import type { ScanOptions } from "@mnemo/core";
import { describe, expect, it } from "vitest";
import type { ConformanceContext } from "./context.js";
import { collect, fill, modelScan, plainEntries, utf8 } from "./helpers.js";

const KEYS = ["a", "b", "b0", "b1", "b5", "b9", "b\uFFFD", "b😀", "ba", "c", "c0", "d", "😀"];

const LOWERS: ScanOptions[] = [
  {},
  { gt: "b1" },
  { gte: "b1" },
  { gt: "b2" },
  { gte: "b" },
  { gte: "" },
];
const UPPERS: ScanOptions[] = [
  {},
  { lt: "c" },
  { lte: "c" },
  { lt: "b5" },
  { lte: "b\uFFFD" },
  { lt: "b😀" },
];
const PREFIXES: ScanOptions[] = [{}, { prefix: "b" }, { prefix: "b\uFFFD" }, { prefix: "" }];
// limit 0 and long limits are covered in scan.spec.ts; here a limit that cuts mid-range.
const LIMITS: ScanOptions[] = [{}, { limit: 2 }];

export function scanRangesSpec(ctx: ConformanceContext): void {
  describe("scan bounds, prefix, reverse and limit combined", () => {
    it("answers every combination like a sorted model", async () => {
      const store = await ctx.open();
      await fill(store, KEYS);
      const model = KEYS.map((key): [string, Uint8Array] => [key, utf8(key)]);
      for (const lower of LOWERS) {
        for (const upper of UPPERS) {
          for (const prefix of PREFIXES) {
            for (const reverse of [false, true]) {
              for (const limit of LIMITS) {
                const options: ScanOptions = { ...lower, ...upper, ...prefix, ...limit, reverse };
                const actual = plainEntries(await collect(store.scan(options)));
                expect(actual, JSON.stringify(options)).toEqual(
                  plainEntries(modelScan(model, options)),
                );
              }
            }
          }
        }
      }
    });

    it("yields nothing for crossed or empty bounds", async () => {
      const store = await ctx.open();
      await fill(store, KEYS);
      for (const options of [
        { gt: "c", lt: "b" },
        { gte: "b1", lt: "b1" },
        { gt: "b1", lte: "b1" },
        { gt: "b1", lt: "b1" },
        { lt: "" },
        { lte: "" },
        { prefix: "b", gte: "c" },
        { prefix: "b", lt: "a" },
        { prefix: "zz" },
      ] satisfies ScanOptions[]) {
        expect(await collect(store.scan(options)), JSON.stringify(options)).toEqual([]);
        expect(await collect(store.scan({ ...options, reverse: true }))).toEqual([]);
      }
      expect((await collect(store.scan({ gte: "b1", lte: "b1" }))).map(([k]) => k)).toEqual(["b1"]);
    });

    it("accepts bounds that are not valid keys (empty, longer than 1024 bytes)", async () => {
      const store = await ctx.open();
      await fill(store, KEYS);
      const long = `b${"z".repeat(2000)}`;
      const model = KEYS.map((key): [string, Uint8Array] => [key, utf8(key)]);
      for (const options of [{ gt: long }, { lt: long, reverse: true }, { gte: "", lt: "b0" }]) {
        expect(plainEntries(await collect(store.scan(options)))).toEqual(
          plainEntries(modelScan(model, options)),
        );
      }
      expect((await collect(store.scan({ gt: long }))).map(([k]) => k)).toContain("b\uFFFD");
    });
  });
}
