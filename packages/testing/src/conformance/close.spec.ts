import type { StorageBackend } from "@mnemo/core";
import { describe, expect, it } from "vitest";
import type { ConformanceContext } from "./context.js";
import { bytes, expectCode, fill } from "./helpers.js";

/** Every method of the interface that touches data, called with valid arguments. */
const CALLS: ReadonlyArray<[string, (store: StorageBackend) => unknown]> = [
  ["get", (s) => s.get("k")],
  ["set", (s) => s.set("k", bytes(1))],
  ["delete", (s) => s.delete("k")],
  ["exists", (s) => s.exists("k")],
  ["listKeys", (s) => s.listKeys("")],
  ["getBatch", (s) => s.getBatch(["k"])],
  ["setBatch", (s) => s.setBatch([["k", bytes(1)]])],
  ["deleteBatch", (s) => s.deleteBatch(["k"])],
  ["clear", (s) => s.clear()],
  ["scan", (s) => s.scan()],
  ["scan with options", (s) => s.scan({ prefix: "k", reverse: true, limit: 1 })],
  ["write", (s) => s.write([{ type: "put", key: "k", value: bytes(1) }])],
  ["compareAndSwap", (s) => s.compareAndSwap("k", undefined, bytes(1))],
  ["getEntry", (s) => s.getEntry("k")],
  ["getEntries", (s) => s.getEntries(["k"])],
  ["scan with versions", (s) => s.scan({ versions: true })],
  [
    "commit",
    (s) => s.commit([{ key: "k", version: null }], [{ type: "put", key: "k", value: bytes(1) }]),
  ],
  ["commit of nothing", (s) => s.commit([], [])],
  ["atomic", (s) => s.atomic().put("k", bytes(1)).commit()],
  ["listNamespaces", (s) => s.listNamespaces()],
  // CLOSED comes before any PERMISSION_DENIED a handle without operator rights would get.
  ["listTenants", (s) => s.listTenants()],
  ["forTenant", (s) => s.forTenant("t")],
  ["forNamespace", (s) => s.forNamespace("n")],
];

async function expectAllClosed(store: StorageBackend): Promise<void> {
  for (const [name, call] of CALLS) {
    const error = await expectCode(() => call(store), "CLOSED").catch((cause: unknown) => {
      throw new Error(`${name} on a closed handle: ${String(cause)}`, { cause });
    });
    expect(error.code).toBe("CLOSED");
  }
}

export function closeSpec(ctx: ConformanceContext): void {
  describe("close", () => {
    it("makes every method fail with CLOSED", async () => {
      const store = await ctx.open();
      await store.set("k", bytes(1));
      await store.close();
      await expectAllClosed(store);
    });

    it("is idempotent, also when called concurrently", async () => {
      const store = await ctx.open();
      await Promise.all([store.close(), store.close()]);
      await expect(store.close()).resolves.toBeUndefined();
    });

    it("on the root closes every handle derived from it", async () => {
      const { root, store } = await ctx.openWithRoot();
      const tenant = store.forTenant("derived");
      const namespace = store.forNamespace("derived_ns");
      await tenant.set("k", bytes(1));
      await root.close();
      for (const handle of [store, tenant, namespace]) await expectAllClosed(handle);
      await expect(tenant.close()).resolves.toBeUndefined();
    });

    it("on a derived handle leaves the root and its siblings open", async () => {
      const store = await ctx.open();
      const first = store.forTenant("first");
      const second = store.forTenant("second");
      await second.set("k", bytes(2));
      await first.close();
      await expectAllClosed(first);
      expect(Array.from((await second.get("k")) ?? [])).toEqual([2]);
      await store.set("k", bytes(3));
      expect(Array.from((await store.get("k")) ?? [])).toEqual([3]);
    });

    it("fails a commit built, or a listing created, before close when used after", async () => {
      const store = await ctx.open();
      await store.set("k", bytes(1));
      const builder = store.atomic().put("k", bytes(2)).sum("n", 1n);
      const namespaces = store.listNamespaces();
      const tenants = store.listTenants();
      const versions = store.scan({ versions: true });
      await store.close();
      await expectCode(() => builder.commit(), "CLOSED");
      await expectCode(() => namespaces, "CLOSED");
      await expectCode(() => tenants, "CLOSED");
      await expectCode(() => versions, "CLOSED");
    });

    it("fails a scan created before close when it is iterated after", async () => {
      const store = await ctx.open();
      await fill(store, ["a", "b"]);
      const scan = store.scan();
      await store.close();
      await expectCode(() => scan, "CLOSED");
    });

    it("fails a scan in progress with CLOSED rather than ending it early", async () => {
      const { root, store } = await ctx.openWithRoot();
      await fill(
        store,
        Array.from({ length: 2000 }, (_, i) => `k${String(i).padStart(4, "0")}`),
      );
      const seen: string[] = [];
      const error = await expectCode(async () => {
        for await (const [key] of store.scan()) {
          seen.push(key);
          if (seen.length === 3) await root.close();
        }
      }, "CLOSED");
      expect(error.code).toBe("CLOSED");
      expect(seen.length).toBeLessThan(2000);
    });
  });
}
