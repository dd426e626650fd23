import { openLevelBackend } from "@mnemo/backend-level";
import { decodeCounter, encodeCounter, StorageError, utf8Encode } from "@mnemo/core";
import { ClassicLevel } from "classic-level";
import { describe, expect, it } from "vitest";
import { seal } from "../src/envelope.js";
import { tempDirs } from "./fixtures/damage.js";

const dir = tempDirs("versions");
const bytes = (text: string) => utf8Encode(text);
const versionOf = async (store: Awaited<ReturnType<typeof openLevelBackend>>, key: string) =>
  (await store.getEntry(key))?.version;

describe("versions", () => {
  it("change with every write of the key, are shared by one write's keys, and grow across restarts", async () => {
    const path = await dir();
    let store = await openLevelBackend({ path });
    await store.set("a", bytes("1"));
    const v1 = await versionOf(store, "a");
    await store.set("b", bytes("1"));
    expect(await versionOf(store, "a")).toBe(v1); // another key's write leaves it
    await store.write([
      { type: "put", key: "a", value: bytes("2") },
      { type: "put", key: "c", value: bytes("2") },
    ]);
    const v2 = await versionOf(store, "a");
    expect(v2! > v1!).toBe(true);
    expect(await versionOf(store, "c")).toBe(v2);
    await store.close();
    store = await openLevelBackend({ path });
    expect(await versionOf(store, "a")).toBe(v2);
    await store.set("a", bytes("3"));
    expect((await versionOf(store, "a"))! > v2!).toBe(true);
    await store.close();
  });

  it("orders concurrent writes of one key: the last made is the one kept", async () => {
    const store = await openLevelBackend({ path: await dir() });
    try {
      for (let round = 0; round < 100; round++) {
        const key = `k${round}`;
        const writes = [
          store.set(key, bytes("first")),
          store.write([{ type: "put", key, value: bytes("second") }]),
          store.setBatch([[key, bytes("third")]]),
        ];
        await Promise.all(writes);
        expect(new TextDecoder().decode(await store.get(key)), `round ${round}`).toBe("third");
      }
    } finally {
      await store.close();
    }
  });
});

describe("checked commits", () => {
  it("apply only when every check holds, and sum counters in place", async () => {
    const store = await openLevelBackend({ path: await dir() });
    try {
      await store.set("record", bytes("v0"));
      const old = await store.getEntry("record");
      await store.set("record", bytes("v1"));
      const entry = await store.getEntry("record");
      const stale = await store
        .atomic()
        .check("record", old!.version)
        .put("other", bytes("x"))
        .commit();
      expect(stale).toEqual({ ok: false, failed: ["record"] });
      expect(await store.get("other")).toBeUndefined();
      const applied = await store
        .atomic()
        .check("record", entry!.version)
        .check("absent", null)
        .put("record", bytes("v2"))
        .delete("gone")
        .sum("count", 5n)
        .sum("count", -2)
        .commit();
      expect(applied.ok).toBe(true);
      if (!applied.ok) return;
      expect(await versionOf(store, "record")).toBe(applied.version);
      expect(decodeCounter((await store.get("count"))!)).toBe(3n);
      await store.commit([], [{ type: "sum", key: "count", delta: 10n }]);
      expect(decodeCounter((await store.get("count"))!)).toBe(13n);
    } finally {
      await store.close();
    }
  });

  it("refuses a sum on a value that is not a counter, writing nothing", async () => {
    const store = await openLevelBackend({ path: await dir() });
    try {
      await store.set("text", bytes("hello"));
      const error = await store
        .atomic()
        .put("x", bytes("1"))
        .sum("text", 1n)
        .commit()
        .catch((e: unknown) => e);
      expect(StorageError.is(error, "INVALID_VALUE"), String(error)).toBe(true);
      expect(await store.get("x")).toBeUndefined();
      await store.set("max", encodeCounter(2n ** 63n - 1n));
      const overflow = await store
        .commit([], [{ type: "sum", key: "max", delta: 1n }])
        .catch((e: unknown) => e);
      expect(StorageError.is(overflow, "INVALID_VALUE")).toBe(true);
    } finally {
      await store.close();
    }
  });

  it("lose no update among concurrent read-check-commit loops on one key", async () => {
    const store = await openLevelBackend({ path: await dir() });
    try {
      const increment = async () => {
        for (;;) {
          const entry = await store.getEntry("n");
          const next = (entry === undefined ? 0n : decodeCounter(entry.value)) + 1n;
          const result = await store
            .atomic()
            .check("n", entry?.version ?? null)
            .put("n", encodeCounter(next))
            .commit();
          if (result.ok) return;
        }
      };
      await Promise.all(Array.from({ length: 50 }, increment));
      expect(decodeCounter((await store.get("n"))!)).toBe(50n);
    } finally {
      await store.close();
    }
  });
});

describe("operator listing", () => {
  it("lists namespaces and a namespace's tenants that hold data, in byte order", async () => {
    const root = await openLevelBackend({ path: await dir(), namespace: "b" });
    try {
      await root.set("k", bytes("1"));
      await root.forNamespace("a_b").forTenant("t\u0001x").set("k", bytes("1"));
      await root.forNamespace("a").forTenant("z").set("k", bytes("1"));
      await root.forNamespace("a").forTenant("t").set("k", bytes("1"));
      await root.forNamespace("a").forTenant("é").set("k", bytes("1"));
      await root.forNamespace("c").set("k", bytes("1"));
      await root.forNamespace("c").delete("k");
      const list = async (it: AsyncIterable<string>) => {
        const out: string[] = [];
        for await (const item of it) out.push(item);
        return out;
      };
      expect(await list(root.listNamespaces())).toEqual(["a", "a_b", "b"]);
      expect(await list(root.forNamespace("a").listTenants())).toEqual(["t", "z", "é"]);
      expect(await list(root.forNamespace("a_b").listTenants())).toEqual(["t\u0001x"]);
    } finally {
      await root.close();
    }
  });
});

describe("a store written before versions", () => {
  /** The layout the backend wrote before the envelope: raw values, no format marker. */
  async function legacyStore(path: string, count: number) {
    const raw = new ClassicLevel<string, Uint8Array>(path, { valueEncoding: "view" });
    await raw.open();
    await raw.batch(
      Array.from({ length: count }, (_, i) => ({
        type: "put" as const,
        key: `notes\0acme\0k${String(i).padStart(4, "0")}`,
        value: bytes(`value ${i}`),
      })),
    );
    await raw.put("\0mnemo\0sync", new Uint8Array(0), { sync: true });
    await raw.close();
  }

  it("is upgraded when first opened: every value reads back, at version 0", async () => {
    const path = await dir();
    await legacyStore(path, 2500);
    const store = await openLevelBackend({ path, namespace: "notes", tenant: "acme" });
    expect(store.openReport.valuesUpgraded).toBe(2500);
    expect(new TextDecoder().decode(await store.get("k2499"))).toBe("value 2499");
    expect(await versionOf(store, "k0000")).toBe("0000000000000000");
    await store.set("k0000", bytes("new"));
    expect((await versionOf(store, "k0000"))! > "0000000000000000").toBe(true);
    await store.close();
    const again = await openLevelBackend({ path, namespace: "notes", tenant: "acme" });
    expect(again.openReport.valuesUpgraded).toBe(0);
    expect((await again.listKeys()).length).toBe(2500);
    await again.close();
  });

  it("resumes an interrupted upgrade where it stopped", async () => {
    const path = await dir();
    await legacyStore(path, 10);
    // As an upgrade killed after its first batch leaves it: k0000..k0004 sealed, progress kept.
    const raw = new ClassicLevel<string, Uint8Array>(path, { valueEncoding: "view" });
    await raw.open();
    for (let i = 0; i < 5; i++) {
      const key = `notes\0acme\0k000${i}`;
      await raw.put(key, seal(key, 0, bytes(`value ${i}`)));
    }
    const progress = "\0mnemo\0upgrade";
    await raw.put(progress, seal(progress, 0, bytes("notes\0acme\0k0004")));
    await raw.close();
    const store = await openLevelBackend({ path, namespace: "notes", tenant: "acme" });
    expect(store.openReport.valuesUpgraded).toBe(5);
    for (let i = 0; i < 10; i++) {
      expect(new TextDecoder().decode(await store.get(`k000${i}`))).toBe(`value ${i}`);
    }
    await store.close();
  });

  it("a store whose format marker was lost is refused, not wrapped twice", async () => {
    const path = await dir();
    const store = await openLevelBackend({ path });
    await store.set("k", bytes("v"));
    await store.close();
    const raw = new ClassicLevel<string, Uint8Array>(path, { valueEncoding: "view" });
    await raw.open();
    await raw.del("\0mnemo\0format");
    await raw.close();
    const error = await openLevelBackend({ path }).catch((e: unknown) => e);
    expect(StorageError.is(error, "CORRUPTED"), String(error)).toBe(true);
  });
});
