// core's casUpdate helper, on every backend.
import {
  casUpdate,
  jsonRecordCodec,
  type StorageBackend,
  StorageError,
  UNCHANGED,
} from "@mnemo/core";
import { expect, it } from "vitest";
import { forEachBackend } from "../src/index.js";

const counter = jsonRecordCodec<{ n: number }>();

forEachBackend((backend) => {
  it("counts every one of many concurrent increments", async () => {
    const store = await backend.open();
    const bump = (c: { n: number } | undefined) => ({ n: (c?.n ?? 0) + 1 });
    await Promise.all(Array.from({ length: 50 }, () => casUpdate(store, "c", counter, bump)));
    expect(counter.decode((await store.get("c"))!)).toEqual({ n: 50 });
  });

  it("writes nothing when the change returns UNCHANGED or throws", async () => {
    const store = await backend.open();
    const kept = await casUpdate(store, "c", counter, () => UNCHANGED);
    expect(kept).toEqual({ previous: undefined, next: undefined, changed: false });
    await expect(
      casUpdate(store, "c", counter, () => {
        throw new StorageError("CONFLICT", "refused");
      }),
    ).rejects.toMatchObject({ code: "CONFLICT", message: "refused" });
    expect(await store.listKeys()).toEqual([]);
  });

  it("deletes when the change returns undefined, and reports both sides", async () => {
    const store = await backend.open();
    await store.set("c", counter.encode({ n: 3 }));
    const result = await casUpdate(store, "c", counter, () => undefined);
    expect(result).toEqual({ previous: { n: 3 }, next: undefined, changed: true });
    expect(await store.exists("c")).toBe(false);
  });

  it("gives up with CONFLICT when every swap is lost", async () => {
    const base = await backend.open();
    let n = 0;
    // Another writer moves the record between every read and swap.
    const contended = {
      get: (key: string) => base.get(key),
      compareAndSwap: async (key: string, expected?: Uint8Array, next?: Uint8Array) => {
        await base.set(key, counter.encode({ n: ++n }));
        return base.compareAndSwap(key, expected, next);
      },
    } as unknown as StorageBackend;
    const error = await casUpdate(contended, "c", counter, () => ({ n: -1 }), {
      maxAttempts: 3,
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StorageError);
    expect((error as StorageError).code).toBe("CONFLICT");
    expect(n).toBe(3);
  });
});
