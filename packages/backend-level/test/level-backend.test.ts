import { execFile } from "node:child_process";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { type Durability, type LevelBackend, openLevelBackend } from "@mnemo/backend-level";
import { StorageError, type StorageErrorCode, utf8Decode, utf8Encode } from "@mnemo/core";
import { ClassicLevel } from "classic-level";
import { afterAll, describe, expect, it, vi } from "vitest";
import { TSX_LOADER } from "./fixtures/bundle-writer.js";

const dirs: string[] = [];
const opened: LevelBackend[] = [];
afterAll(async () => {
  for (const store of opened) await store.close();
  for (const dir of dirs) await rm(dir, { recursive: true, force: true });
});

async function tempDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), "mnemo-level-test-"));
  dirs.push(dir);
  return dir;
}

async function open(options: Partial<Parameters<typeof openLevelBackend>[0]> = {}) {
  const store = await openLevelBackend({ path: options.path ?? (await tempDir()), ...options });
  opened.push(store);
  return store;
}

const bytes = (text: string) => utf8Encode(text);
const text = (value: Uint8Array | undefined) =>
  value === undefined ? undefined : utf8Decode(value);

async function codeOf(promise: Promise<unknown>): Promise<StorageErrorCode | "resolved"> {
  try {
    await promise;
    return "resolved";
  } catch (error) {
    if (!StorageError.is(error)) throw error;
    return error.code;
  }
}

async function collect(iterable: AsyncIterable<readonly [string, Uint8Array]>) {
  const out: [string, string][] = [];
  for await (const [key, value] of iterable) out.push([key, utf8Decode(value)]);
  return out;
}

describe("opening", () => {
  it.each(["safe", "balanced", "fast"] as const)(
    "reopening in %s mode keeps the data",
    async (durability) => {
      const path = await tempDir();
      const first = await openLevelBackend({ path, durability });
      await first.set("a", bytes("1"));
      await first.forTenant("t2").setBatch([["b", bytes("2")]]);
      await first.forNamespace("other").write([{ type: "put", key: "c", value: bytes("3") }]);
      await first.close();
      const again = await open({ path, durability });
      expect(again.durability).toBe(durability);
      expect(text(await again.get("a"))).toBe("1");
      expect(text(await again.forTenant("t2").get("b"))).toBe("2");
      expect(text(await again.forNamespace("other").get("c"))).toBe("3");
      expect(again.location).toBe(path);
    },
  );

  it("defaults to balanced durability, the default namespace and tenant", async () => {
    const store = await open();
    expect(store.durability).toBe("balanced");
    expect([store.namespace, store.tenant]).toEqual(["default", "default"]);
    expect(store.backendType()).toBe("level");
    expect(store.characteristics()).toMatchObject({
      persistent: true,
      transactional: true,
      supportsPrefixScan: true,
      supportsAtomicOps: true,
      multiProcess: false,
    });
  });

  it("refuses bad options before touching the directory", async () => {
    const path = await tempDir();
    const bad: [Record<string, unknown>, string][] = [
      [{ path: "" }, "path"],
      [{ path: 42 }, "path"],
      [{ path, durability: "slow" }, "durability"],
      [{ path, namespace: "Bad-Name" }, "namespace"],
      [{ path, tenant: "a\0b" }, "tenant"],
      [{ path, maxValueBytes: -1 }, "maxValueBytes"],
      [{ path, maxOpenFiles: 0 }, "maxOpenFiles"],
      [{ path, maxOpenFiles: "74" }, "maxOpenFiles"],
    ];
    for (const [options, field] of bad) {
      const error = await openLevelBackend(options as never).catch((e: unknown) => e);
      expect(StorageError.is(error, "INVALID_ARGUMENT"), field).toBe(true);
      expect((error as Error).message).toContain(field);
    }
    // None of them holds the directory.
    await open({ path });
  });

  it("a second opener in this process gets UNAVAILABLE naming the lock", async () => {
    const path = await tempDir();
    const first = await openLevelBackend({ path });
    const error = await openLevelBackend({ path }).catch((e: unknown) => e);
    expect(StorageError.is(error, "UNAVAILABLE")).toBe(true);
    const { message, cause } = error as StorageError;
    expect(message).toContain("lock");
    expect(message).toContain(path);
    expect((cause as { code?: string }).code).toBe("LEVEL_LOCKED");
    // The first handle still works, and the directory opens again once it is closed.
    await first.set("k", bytes("v"));
    await first.close();
    expect(text(await (await open({ path })).get("k"))).toBe("v");
  });

  it("a second opener in another process gets UNAVAILABLE naming the lock", async () => {
    const path = await tempDir();
    await open({ path });
    const child = fileURLToPath(new URL("./fixtures/open-once.ts", import.meta.url));
    const { stdout } = await promisify(execFile)(
      process.execPath,
      ["--conditions=@mnemo/source", "--import", TSX_LOADER, child, path],
      { cwd: fileURLToPath(new URL("../../../", import.meta.url)) },
    );
    const result = JSON.parse(stdout) as {
      opened: boolean;
      code: string;
      message: string;
      cause: string;
    };
    expect(result).toMatchObject({ opened: false, code: "UNAVAILABLE", cause: "LEVEL_LOCKED" });
    expect(result.message).toContain(`${path}/LOCK`);
  });

  it("a corrupted directory fails to open with CORRUPTED", async () => {
    const path = await tempDir();
    const store = await openLevelBackend({ path });
    await store.set("k", bytes("v"));
    await store.close();
    await writeFile(join(path, "CURRENT"), "garbage");
    expect(await codeOf(openLevelBackend({ path }))).toBe("CORRUPTED");
  });
});

describe("durability", () => {
  it("safe: every write is synced before it is acknowledged", async () => {
    const store = await open({ durability: "safe" });
    await store.set("a", bytes("1"));
    await store.setBatch([["b", bytes("2")]]);
    await store.write([{ type: "del", key: "a" }]);
    await store.compareAndSwap("b", bytes("2"), bytes("3"));
    await store.delete("b");
    await store.clear();
    expect(store.unsyncedWrites).toBe(0);
  });

  it("balanced: unsynced writes are synced by the background timer", async () => {
    const store = await open({ durability: "balanced" });
    await store.set("a", bytes("1"));
    await store.setBatch([["b", bytes("2")]]);
    expect(store.unsyncedWrites).toBeGreaterThan(0);
    // No timing asserted: only that the sync happens on its own.
    await vi.waitFor(() => expect(store.unsyncedWrites).toBe(0), { timeout: 10_000 });
    await store.set("c", bytes("3"));
    await vi.waitFor(() => expect(store.unsyncedWrites).toBe(0), { timeout: 10_000 });
  });

  it("fast: unsynced writes are synced by the background timer too", async () => {
    const store = await open({ durability: "fast" });
    await store.write([{ type: "put", key: "a", value: bytes("1") }]);
    expect(store.unsyncedWrites).toBe(1);
    await vi.waitFor(() => expect(store.unsyncedWrites).toBe(0), { timeout: 10_000 });
  });

  it("close() lets writes in flight finish and keeps them", async () => {
    const path = await tempDir();
    const store = await openLevelBackend({ path, durability: "fast" });
    const writes = Array.from({ length: 50 }, (_, i) => store.set(`k${i}`, bytes(String(i))));
    const swap = store.compareAndSwap("k0", undefined, bytes("x"));
    await store.close();
    await Promise.all(writes);
    await swap;
    expect(store.unsyncedWrites).toBe(0);
    expect(await codeOf(store.set("late", bytes("v")))).toBe("CLOSED");
    const again = await open({ path });
    expect((await again.listKeys()).length).toBe(50);
    expect(text(await again.get("k49"))).toBe("49");
  });

  it("fast: flush() syncs at once, and close() flushes", async () => {
    const path = await tempDir();
    const store = await openLevelBackend({ path, durability: "fast" });
    await store.set("a", bytes("1"));
    expect(store.unsyncedWrites).toBe(1);
    await store.flush();
    expect(store.unsyncedWrites).toBe(0);
    await store.set("b", bytes("2"));
    await store.forTenant("t").compareAndSwap("c", undefined, bytes("3"));
    expect(store.unsyncedWrites).toBe(2);
    await store.close();
    expect(store.unsyncedWrites).toBe(0);
    const again = await open({ path });
    expect(text(await again.get("b"))).toBe("2");
    expect(text(await again.forTenant("t").get("c"))).toBe("3");
  });
});

describe("keyspace", () => {
  it("stores namespace \\0 tenant \\0 key, so one LevelDB range holds one handle's keys", async () => {
    const path = await tempDir();
    const store = await openLevelBackend({ path, namespace: "notes", tenant: "acme" });
    await store.set("k1", bytes("v"));
    await store.forTenant("acme2").set("k2", bytes("v"));
    await store.close();
    const raw = new ClassicLevel<string, string>(path);
    const keys = await raw.keys().all();
    await raw.close();
    expect(keys.filter((k) => !k.startsWith("\0"))).toEqual([
      "notes\0acme\0k1",
      "notes\0acme2\0k2",
    ]);
  });

  it("isolates tenants and namespaces that are prefixes of each other", async () => {
    const root = await open({ namespace: "ns" });
    const handles = [
      root,
      root.forTenant("default2"),
      root.forTenant("defaul"),
      root.forNamespace("ns2"),
      root.forNamespace("n"),
    ];
    for (const [i, handle] of handles.entries()) {
      await handle.setBatch([
        ["a", bytes(`a${i}`)],
        ["b", bytes(`b${i}`)],
      ]);
    }
    for (const [i, handle] of handles.entries()) {
      expect(await collect(handle.scan())).toEqual([
        ["a", `a${i}`],
        ["b", `b${i}`],
      ]);
      expect(await collect(handle.scan({ reverse: true, limit: 1 }))).toEqual([["b", `b${i}`]]);
      expect(await handle.listKeys()).toEqual(["a", "b"]);
      expect(
        Object.fromEntries([...(await handle.getBatch(["a", "zz"]))].map(([k, v]) => [k, text(v)])),
      ).toEqual({
        a: `a${i}`,
      });
    }
    await handles[1]!.clear();
    expect(await handles[1]!.listKeys()).toEqual([]);
    for (const handle of [handles[0]!, ...handles.slice(2)]) {
      expect(await handle.listKeys()).toEqual(["a", "b"]);
    }
  });
});

describe("values and scans", () => {
  it("hands out plain Uint8Arrays that callers may mutate", async () => {
    const store = await open();
    const input = bytes("abc");
    await store.set("k", input);
    input[0] = 0;
    const out = await store.get("k");
    expect(out?.constructor).toBe(Uint8Array);
    out![1] = 0;
    const [[, scanned]] = (await (async () => {
      const all: (readonly [string, Uint8Array])[] = [];
      for await (const entry of store.scan()) all.push(entry);
      return all;
    })()) as [[string, Uint8Array]];
    expect(scanned.constructor).toBe(Uint8Array);
    expect(text(await store.get("k"))).toBe("abc");
    expect(text((await store.getBatch(["k"])).get("k"))).toBe("abc");
  });

  it("streams ranges larger than one chunk, in both directions, with limits", async () => {
    const store = await open();
    const keys = Array.from({ length: 2500 }, (_, i) => `k${String(i).padStart(4, "0")}`);
    await store.setBatch(keys.map((k) => [k, bytes(k)]));
    expect((await collect(store.scan())).map(([k]) => k)).toEqual(keys);
    expect((await collect(store.scan({ reverse: true }))).map(([k]) => k)).toEqual(
      [...keys].reverse(),
    );
    expect((await collect(store.scan({ gt: "k0100", limit: 1500 }))).map(([k]) => k)).toEqual(
      keys.slice(101, 1601),
    );
    expect((await collect(store.scan({ prefix: "k2", reverse: true, lte: "k2250" }))).length).toBe(
      251,
    );
    expect(await store.listKeys("k1")).toEqual(keys.slice(1000, 2000));
    // Leaving a scan early releases its iterator: close() does not hang.
    for await (const [key] of store.scan()) if (key === "k0003") break;
  });

  it("a scan open when the store closes fails with CLOSED", async () => {
    const store = await openLevelBackend({ path: await tempDir() });
    await store.setBatch(Array.from({ length: 2500 }, (_, i) => [`k${i}`, bytes("v")] as const));
    const iterator = store.scan()[Symbol.asyncIterator]();
    await iterator.next();
    await store.close();
    const drain = async () => {
      for (let r = await iterator.next(); !r.done; r = await iterator.next());
    };
    expect(await codeOf(drain())).toBe("CLOSED");
    expect(await codeOf(store.get("k1"))).toBe("CLOSED");
  });
});

describe("compareAndSwap", () => {
  it("is atomic against a concurrent set of the same key", async () => {
    const store = await open();
    // set(X) and CAS(old -> Y) race: in every order the set's X is the final value.
    for (let i = 0; i < 200; i++) {
      const key = `k${i}`;
      await store.set(key, bytes("old"));
      const results = await Promise.all([
        store.set(key, bytes("X")),
        store.compareAndSwap(key, bytes("old"), bytes("Y")),
        store.write([{ type: "put", key: `other${i}`, value: bytes("o") }]),
      ]);
      expect(text(await store.get(key)), `round ${i}, CAS ${results[1]}`).toBe("X");
    }
  });

  it("counts exactly under concurrent increments from many handles", async () => {
    const root = await open();
    const handles = [root, root.forTenant("default"), root.forNamespace("default")];
    const increment = async (i: number) => {
      const store = handles[i % handles.length]!;
      for (;;) {
        const current = await store.get("counter");
        const next = bytes(String(Number(text(current) ?? "0") + 1));
        if (await store.compareAndSwap("counter", current, next)) return;
      }
    };
    await Promise.all(
      Array.from({ length: 100 }, (_, i) =>
        Promise.all([increment(i), root.set(`noise${i}`, bytes("n")), root.delete("counter-x")]),
      ),
    );
    expect(text(await root.get("counter"))).toBe("100");
  });
});

describe("clear", () => {
  it.each(["safe", "fast"] satisfies Durability[])(
    "removes only the handle's range (%s)",
    async (durability) => {
      const store = await open({ durability });
      await store.set("a", bytes("1"));
      await store.forTenant("b").set("a", bytes("2"));
      await store.clear();
      expect(await store.get("a")).toBeUndefined();
      expect(text(await store.forTenant("b").get("a"))).toBe("2");
    },
  );
});
