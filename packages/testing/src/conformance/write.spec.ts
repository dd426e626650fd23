import type { WriteOp } from "@mnemo/core";
import { describe, expect, it } from "vitest";
import type { ConformanceContext } from "./context.js";
import { bytes, dump, fill } from "./helpers.js";

export function writeSpec(ctx: ConformanceContext): void {
  describe("write", () => {
    it("applies a mix of puts and deletes", async () => {
      const store = await ctx.open();
      await fill(store, ["a", "b"]);
      await store.write([
        { type: "put", key: "c", value: bytes(3) },
        { type: "del", key: "a" },
        { type: "put", key: "b", value: bytes(2) },
        { type: "del", key: "missing" },
        { type: "put", key: "e", value: new Uint8Array(0) },
      ]);
      expect(await dump(store)).toEqual([
        ["b", [2]],
        ["c", [3]],
        ["e", []],
      ]);
    });

    it("keeps the last op for a key named twice", async () => {
      const store = await ctx.open();
      await fill(store, ["gone", "back"]);
      await store.write([
        { type: "put", key: "k", value: bytes(1) },
        { type: "put", key: "k", value: bytes(2) },
        { type: "put", key: "gone", value: bytes(1) },
        { type: "del", key: "gone" },
        { type: "del", key: "back" },
        { type: "put", key: "back", value: bytes(7) },
        { type: "del", key: "new" },
        { type: "put", key: "new", value: bytes(8) },
        { type: "put", key: "nope", value: bytes(9) },
        { type: "del", key: "nope" },
      ]);
      expect(await dump(store)).toEqual([
        ["back", [7]],
        ["k", [2]],
        ["new", [8]],
      ]);
    });

    it("is a no-op for an empty list, and accepts a generator", async () => {
      const store = await ctx.open();
      await store.write([]);
      function* ops(): Generator<WriteOp> {
        yield { type: "put", key: "x", value: bytes(1) };
        yield { type: "put", key: "y", value: bytes(2) };
        yield { type: "del", key: "x" };
      }
      await store.write(ops());
      expect(await dump(store)).toEqual([["y", [2]]]);
    });

    it("writes a large batch", async () => {
      const store = await ctx.open();
      const ops: WriteOp[] = Array.from({ length: 1000 }, (_, i) => ({
        type: "put",
        key: `k${String(i).padStart(4, "0")}`,
        value: bytes(i % 256),
      }));
      await store.write(ops);
      expect((await store.listKeys()).length).toBe(1000);
      await store.write(ops.map(({ key }) => ({ type: "del", key })));
      expect(await store.listKeys()).toEqual([]);
    });
  });
}
