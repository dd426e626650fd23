// core's transact helper (optimistic transactions over checked commits), on every backend.
import {
  decodeCounter,
  encodeCounter,
  StorageError,
  transact,
  utf8Decode,
  utf8Encode,
} from "@mnemo/core";
import { expect, it } from "vitest";
import { forEachBackend } from "../src/index.js";

const text = (bytes: Uint8Array | undefined) =>
  bytes === undefined ? undefined : utf8Decode(bytes);

forEachBackend((backend) => {
  it("moves a record and its index entry together under contention: no lost update", async () => {
    const store = await backend.open();
    await store.set("rec", utf8Encode("0"));
    await store.set("idx/0", new Uint8Array(0));
    const bump = () =>
      transact(store, async (tx) => {
        const n = Number(text(await tx.get("rec")));
        tx.delete(`idx/${n}`);
        tx.put(`idx/${n + 1}`, new Uint8Array(0));
        tx.put("rec", utf8Encode(String(n + 1)));
        return n + 1;
      });
    const results = await Promise.all(Array.from({ length: 20 }, bump));
    expect(results.map((r) => r.result).sort((a, b) => a - b)).toEqual(
      Array.from({ length: 20 }, (_, i) => i + 1),
    );
    expect(text(await store.get("rec"))).toBe("20");
    expect(await store.listKeys("idx/")).toEqual(["idx/20"]);
  });

  it("reads its own writes, sums included, and writes nothing when the body throws", async () => {
    const store = await backend.open();
    await store.set("n", encodeCounter(5n));
    const { result } = await transact(store, async (tx) => {
      tx.sum("n", 2);
      const afterSum = decodeCounter((await tx.get("n"))!);
      tx.put("a", utf8Encode("x"));
      const a = text(await tx.get("a"));
      tx.delete("a");
      return { afterSum, a, gone: await tx.get("a") };
    });
    expect(result).toEqual({ afterSum: 7n, a: "x", gone: undefined });
    expect(decodeCounter((await store.get("n"))!)).toBe(7n);
    const refused = new StorageError("FAILED_PRECONDITION", "no");
    await expect(
      transact(store, async (tx) => {
        tx.put("b", utf8Encode("y"));
        throw refused;
      }),
    ).rejects.toBe(refused);
    expect(await store.exists("b")).toBe(false);
  });

  it("an absent check created by a read holds against a concurrent create", async () => {
    const store = await backend.open();
    let raced = false;
    const { attempts, result } = await transact(store, async (tx) => {
      const existing = await tx.get("only");
      if (!raced) {
        raced = true;
        await store.set("only", utf8Encode("theirs")); // lands between the read and the commit
      }
      if (existing !== undefined) return "kept theirs";
      tx.put("only", utf8Encode("mine"));
      return "created";
    });
    expect({ attempts, result }).toEqual({ attempts: 2, result: "kept theirs" });
    expect(text(await store.get("only"))).toBe("theirs");
  });

  it("gives up with CONFLICT after maxAttempts, and validates maxAttempts", async () => {
    const store = await backend.open();
    let n = 0;
    const error = await transact(
      store,
      async (tx) => {
        await tx.get("hot");
        await store.set("hot", utf8Encode(String(++n))); // another writer, every time
        tx.put("hot", utf8Encode("mine"));
      },
      { maxAttempts: 3 },
    ).catch((e: unknown) => e);
    expect(StorageError.is(error, "CONFLICT")).toBe(true);
    expect(n).toBe(3);
    await expect(
      transact(store, async () => {}, { maxAttempts: Number.NaN }),
    ).rejects.toMatchObject({
      code: "INVALID_ARGUMENT",
    });
  });
});
