import { DEFAULT_MAX_VALUE_BYTES, type Entry, type WriteOp } from "@mnemo/core";
import { describe, expect, it } from "vitest";
import type { ConformanceContext } from "./context.js";
import { bytes, dump, expectCode, fill } from "./helpers.js";

const SEEDED: [string, number[]][] = [
  ["a", [1]],
  ["b", [2]],
];

const keysOf = (prefix: string, n: number) =>
  Array.from({ length: n }, (_, i) => `${prefix}${String(i).padStart(3, "0")}`);

export function atomicitySpec(ctx: ConformanceContext): void {
  describe("atomicity of batches", () => {
    const seed = async () => {
      const store = await ctx.open();
      await store.setBatch(SEEDED.map(([k, v]): Entry => [k, Uint8Array.from(v)]));
      return store;
    };

    it("setBatch with one bad entry writes nothing", async () => {
      const store = await seed();
      const good: Entry[] = [
        ["a", bytes(9)],
        ["new", bytes(9)],
      ];
      await expectCode(() => store.setBatch([...good, ["", bytes(1)]]), "INVALID_KEY");
      await expectCode(
        () => store.setBatch([...good, ["x", "not bytes" as unknown as Uint8Array]]),
        "INVALID_VALUE",
      );
      await expectCode(
        () => store.setBatch([...good, ["x", new Uint8Array(DEFAULT_MAX_VALUE_BYTES + 1)]]),
        "VALUE_TOO_LARGE",
      );
      await expectCode(
        () => store.setBatch([...good, ["x"] as unknown as Entry]),
        "INVALID_ARGUMENT",
      );
      expect(await dump(store)).toEqual(SEEDED);
    });

    it("write with one bad op applies none of its puts or deletes", async () => {
      const store = await seed();
      const good: WriteOp[] = [
        { type: "del", key: "a" },
        { type: "put", key: "b", value: bytes(9) },
        { type: "put", key: "new", value: bytes(9) },
      ];
      const bad: unknown[] = [
        { type: "put", key: "\uD800", value: bytes(1) },
        { type: "del", key: "a\u0000" },
        { type: "put", key: "x", value: [1, 2] },
        { type: "put", key: "x", value: new Uint8Array(DEFAULT_MAX_VALUE_BYTES + 1) },
        { type: "upsert", key: "x", value: bytes(1) },
        null,
      ];
      const codes = [
        "INVALID_KEY",
        "INVALID_KEY",
        "INVALID_VALUE",
        "VALUE_TOO_LARGE",
        "INVALID_ARGUMENT",
        "INVALID_ARGUMENT",
      ] as const;
      for (const [i, op] of bad.entries()) {
        await expectCode(() => store.write([...good, op as WriteOp]), codes[i]!);
      }
      expect(await dump(store)).toEqual(SEEDED);
    });

    it("deleteBatch with one bad key deletes nothing", async () => {
      const store = await seed();
      await expectCode(() => store.deleteBatch(["a", "b", ""]), "INVALID_KEY");
      await expectCode(() => store.deleteBatch(["a", 7 as unknown as string]), "INVALID_KEY");
      expect(await dump(store)).toEqual(SEEDED);
    });

    it("readers see all of a setBatch, deleteBatch or write, or none of it", async () => {
      const store = await ctx.open();
      const oldKeys = keysOf("old/", 300);
      const newKeys = keysOf("new/", 300);
      const observe = async (rounds: number) => {
        const seen: string[] = [];
        for (let i = 0; i < rounds; i++) {
          const keys = await store.listKeys();
          const old = keys.filter((k) => k.startsWith("old/")).length;
          const fresh = keys.filter((k) => k.startsWith("new/")).length;
          seen.push(`${old}/${fresh}`);
        }
        return seen;
      };
      const [, during1] = await Promise.all([fill(store, oldKeys), observe(8)]);
      expect(new Set(during1).size <= 2 && during1.every((s) => s === "0/0" || s === "300/0")).toBe(
        true,
      );
      const swap = store.write([
        ...oldKeys.map((key): WriteOp => ({ type: "del", key })),
        ...newKeys.map((key): WriteOp => ({ type: "put", key, value: bytes(1) })),
      ]);
      const [, during2] = await Promise.all([swap, observe(8)]);
      expect(
        during2.every((s) => s === "300/0" || s === "0/300"),
        during2.join(" "),
      ).toBe(true);
      const [, during3] = await Promise.all([store.deleteBatch(newKeys), observe(8)]);
      expect(
        during3.every((s) => s === "0/300" || s === "0/0"),
        during3.join(" "),
      ).toBe(true);
      expect(await store.listKeys()).toEqual([]);
    });

    it("keeps only the last entry for a key named twice in every batch form", async () => {
      const store = await ctx.open();
      await store.setBatch([
        ["k", bytes(1)],
        ["k", bytes(2)],
        ["k", bytes(3)],
      ]);
      await store.write([
        { type: "put", key: "w", value: bytes(1) },
        { type: "del", key: "w" },
        { type: "put", key: "w", value: bytes(4) },
      ]);
      await fill(store, ["d"]);
      await store.deleteBatch(["d", "d"]);
      expect(await dump(store)).toEqual([
        ["k", [3]],
        ["w", [4]],
      ]);
    });
  });
}
