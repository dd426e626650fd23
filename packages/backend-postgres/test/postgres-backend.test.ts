import { spawn } from "node:child_process";
import * as net from "node:net";
import { fileURLToPath } from "node:url";
import { StorageError } from "@mnemo/core";
import { afterAll, describe, expect, it } from "vitest";
import { openPostgresBackend, type PostgresBackend } from "../src/index.js";
import { APP_ROLE, bytes, TestSchema, unique } from "./helpers.js";

const schema = new TestSchema();
afterAll(() => schema.drop());

async function collect(iterable: AsyncIterable<readonly [string, Uint8Array]>): Promise<string[]> {
  const keys: string[] = [];
  for await (const [key] of iterable) keys.push(key);
  return keys;
}

describe("keys", () => {
  it("treats %, _ and \\ as plain characters in prefixes and orders by UTF-8 bytes", async () => {
    const root = await schema.open({ namespace: "keys" });
    const store = root.forTenant(unique("t"));
    const keys = [
      "a%",
      "a%b",
      "a_",
      "a_b",
      "ab",
      "axb",
      "a\\",
      "a\\b",
      "a\\\\",
      "é",
      "\uffff",
      "😀",
      "z",
    ];
    await store.setBatch(keys.map((k, i) => [k, bytes(i)]));
    expect(await store.listKeys("a%")).toEqual(["a%", "a%b"]);
    expect(await store.listKeys("a_")).toEqual(["a_", "a_b"]);
    expect(await store.listKeys("a\\")).toEqual(["a\\", "a\\\\", "a\\b"]);
    expect(await collect(store.scan({ prefix: "a_" }))).toEqual(["a_", "a_b"]);
    // UTF-8 byte order: U+FFFF (EF BF BF) sorts before U+1F600 (F0 9F 98 80), unlike UTF-16.
    const all = await store.listKeys();
    expect(all).toEqual([...keys].sort((x, y) => Buffer.compare(Buffer.from(x), Buffer.from(y))));
    expect(all.slice(-3)).toEqual(["é", "\uffff", "😀"]);
    expect(await collect(store.scan({ gt: "\uffff" }))).toEqual(["😀"]);
    expect(await collect(store.scan({ reverse: true, limit: 2 }))).toEqual(["😀", "\uffff"]);
    expect(await store.get("😀")).toEqual(bytes(11));
    await store.clear();
  });

  it("streams scans in keyset pages, forwards and backwards, with limits across pages", async () => {
    const root = await schema.open({ namespace: "pages", scanPageSize: 7 });
    const store = root.forTenant(unique("t"));
    const keys = Array.from({ length: 50 }, (_, i) => `p/${String(i).padStart(3, "0")}`);
    await store.setBatch(keys.map((k) => [k, bytes(1)]));
    expect(await collect(store.scan({ prefix: "p/" }))).toEqual(keys);
    expect(await collect(store.scan({ prefix: "p/", reverse: true }))).toEqual([...keys].reverse());
    expect(await collect(store.scan({ gte: "p/010", lt: "p/030", limit: 15 }))).toEqual(
      keys.slice(10, 25),
    );
    expect(
      await collect(store.scan({ gt: "p/010", lte: "p/030", reverse: true, limit: 14 })),
    ).toEqual(keys.slice(17, 31).reverse());
    expect(await store.listKeys("p/")).toEqual(keys);
    await store.clear();
  });

  it("stores empty and binary values byte for byte, as plain Uint8Arrays", async () => {
    const root = await schema.open({ namespace: "values" });
    const store = root.forTenant(unique("t"));
    const all = new Uint8Array(256).map((_, i) => i);
    await store.set("all", all);
    await store.set("empty", new Uint8Array(0));
    const got = await store.get("all");
    expect(got).toEqual(all);
    expect(Object.getPrototypeOf(got)).toBe(Uint8Array.prototype);
    expect(await store.get("empty")).toEqual(new Uint8Array(0));
    expect((await store.getBatch(["all", "empty", "none"])).size).toBe(2);
    await store.clear();
  });
});

describe("atomicity", () => {
  it("applies a mixed write in one statement, all or nothing", async () => {
    const root = await schema.open({ namespace: "atomic" });
    const store = root.forTenant(unique("t"));
    await store.setBatch([
      ["a", bytes(1)],
      ["b", bytes(2)],
    ]);
    await store.write([
      { type: "del", key: "a" },
      { type: "put", key: "c", value: bytes(3) },
      { type: "put", key: "b", value: bytes(4) },
    ]);
    expect(await store.listKeys()).toEqual(["b", "c"]);
    expect(await store.get("b")).toEqual(bytes(4));
    // Make the server refuse one row of a batch: the deletes and puts before it are undone.
    await schema.admin((c) =>
      c.query(`ALTER TABLE ${root.tableName} ADD CONSTRAINT no_poison CHECK (key <> 'poison')`),
    );
    await expect(
      store.write([
        { type: "del", key: "b" },
        { type: "put", key: "d", value: bytes(5) },
        { type: "put", key: "poison", value: bytes(6) },
      ]),
    ).rejects.toMatchObject({ code: "INVALID_ARGUMENT", cause: { code: "23514" } });
    await expect(
      store.setBatch([
        ["e", bytes(1)],
        ["poison", bytes(2)],
      ]),
    ).rejects.toThrow();
    expect(await store.listKeys()).toEqual(["b", "c"]);
    await store.clear();
  });

  it("compareAndSwap stays correct between two pools racing on one counter", async () => {
    const tenant = unique("t");
    const a = (await schema.open({ namespace: "cas", poolSize: 3 })).forTenant(tenant);
    const b = (await schema.open({ namespace: "cas", poolSize: 3 })).forTenant(tenant);
    const encode = (n: number) => new TextEncoder().encode(String(n));
    const increment = async (store: typeof a) => {
      for (;;) {
        const current = await store.get("counter");
        const n = current === undefined ? 0 : Number(new TextDecoder().decode(current));
        if (await store.compareAndSwap("counter", current, encode(n + 1))) return;
      }
    };
    await Promise.all(Array.from({ length: 40 }, (_, i) => increment(i % 2 === 0 ? a : b)));
    expect(new TextDecoder().decode(await a.get("counter"))).toBe("40");
    expect(await a.compareAndSwap("counter", encode(39), undefined)).toBe(false);
    expect(await b.compareAndSwap("counter", encode(40), undefined)).toBe(true);
    expect(await a.compareAndSwap("counter", undefined, undefined)).toBe(true);
    expect(await a.exists("counter")).toBe(false);
  });
});

describe("large writes", () => {
  it("writes 30,000 keys in one batch (past the lock table) while small commits run beside it", async () => {
    const root = await schema.open({ namespace: "large", poolSize: 4 });
    const store = root.forTenant(unique("t"));
    const entries = Array.from({ length: 30_000 }, (_, i) => [`k${i}`, bytes(i % 256)] as const);
    const small = (async () => {
      for (let i = 0; i < 20; i++) {
        const entry = await store.getEntry("counter");
        const result = await store
          .atomic()
          .check("counter", entry?.version ?? null)
          .sum("counter", 1)
          .put(`side${i}`, bytes(i))
          .commit();
        expect(result.ok).toBe(true);
      }
    })();
    await Promise.all([store.setBatch(entries), small]);
    expect((await store.listKeys("k")).length).toBe(30_000);
    expect(await store.get("counter")).toEqual(new Uint8Array([0, 0, 0, 0, 0, 0, 0, 20]));
    await store.deleteBatch(entries.map(([key]) => key));
    expect(await store.listKeys("k")).toEqual([]);
    await store.clear();
  }, 60_000);
});

describe("errors and connections", () => {
  it("refuses bad options with INVALID_ARGUMENT", async () => {
    const url = schema.url;
    for (const options of [
      { poolSize: 0 },
      { poolTimeoutSecs: 0 },
      { applicationRole: "bad-role; DROP" },
      { schema: "Mnemo" },
      { namespace: "Bad" },
      { scanPageSize: 0 },
    ]) {
      await expect(
        openPostgresBackend({ connectionString: url, ...options }),
      ).rejects.toMatchObject({
        code: "INVALID_ARGUMENT",
      });
    }
  });

  it("maps an unreachable server to UNAVAILABLE with the driver's error as cause", async () => {
    const root = await openPostgresBackend({
      connectionString: "postgres://postgres@127.0.0.1:1/postgres",
      poolTimeoutSecs: 2,
      autoMigrate: false,
    });
    const error = await root.get("k").catch((e: unknown) => e);
    expect(StorageError.is(error, "UNAVAILABLE")).toBe(true);
    expect((error as StorageError).cause).toMatchObject({ code: "ECONNREFUSED" });
    await root.close();
  });

  it("survives an idle connection being killed and serves again from a new one", async () => {
    const name = unique("mnemo_idle");
    const root = await schema.open({ namespace: "idle", applicationName: name, poolSize: 2 });
    const store = root.forTenant(unique("t"));
    await store.set("k", bytes(1));
    const killed = await schema.admin(
      async (c) =>
        (
          await c.query(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = $1",
            [name],
          )
        ).rowCount,
    );
    expect(killed).toBeGreaterThan(0);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(await store.get("k")).toEqual(bytes(1));
    await store.clear();
  });

  it("a read on a pooled connection the server dropped unseen is retried once on a new one", async () => {
    // A loopback proxy stands in for the network: `drop()` makes every connection open now
    // die at its next request, before it reaches the server, as a server restart leaves the
    // pool's idle connections (the client only learns when it writes).
    const proxy = await dropProxy(new URL(schema.appUrl));
    const url = new URL(schema.appUrl);
    url.host = `127.0.0.1:${proxy.port}`;
    const root = await openPostgresBackend({
      connectionString: url.toString(),
      migrationConnectionString: schema.url,
      schema: schema.name,
      applicationRole: APP_ROLE,
      poolSize: 1,
    });
    try {
      const store = root.forNamespace("dropped").forTenant(unique("t"));
      await store.set("k", bytes(1));
      proxy.drop();
      expect(await store.get("k")).toEqual(bytes(1));
      proxy.drop();
      expect(await store.getBatch(["k"])).toHaveProperty("size", 1);
      // A commit may have run before its connection died: it is not sent twice.
      proxy.drop();
      await expect(store.set("k", bytes(2))).rejects.toMatchObject({ code: "UNAVAILABLE" });
      expect(await store.get("k")).toEqual(bytes(1));
      await store.clear();
    } finally {
      await root.close();
      await proxy.close();
    }
  });

  it("an idle pool does not keep a process alive that closed only derived handles", async () => {
    // Run from @mnemo/testing, where `--import tsx` resolves.
    const testingDir = fileURLToPath(new URL("../node_modules/@mnemo/testing/", import.meta.url));
    const script = fileURLToPath(new URL("./fixtures/close-derived-only.ts", import.meta.url));
    const exit = await new Promise<{ code: number | null; out: string }>((resolve, reject) => {
      const child = spawn(
        process.execPath,
        ["--conditions=@mnemo/source", "--import", "tsx", script, schema.url, schema.name],
        { cwd: testingDir, stdio: ["ignore", "pipe", "inherit"] },
      );
      let out = "";
      child.stdout.on("data", (chunk) => {
        out += String(chunk);
      });
      const timer = setTimeout(() => {
        child.kill("SIGKILL");
        reject(new Error("the child process did not exit"));
      }, 20_000);
      child.on("exit", (code) => {
        clearTimeout(timer);
        resolve({ code, out });
      });
    });
    expect(exit).toEqual({ code: 0, out: "done\n" });
  });

  it("fails with CLOSED after close, on the root and derived handles, including mid-scan", async () => {
    const root = await schema.open({ namespace: "closing", scanPageSize: 2 });
    const store = root.forTenant(unique("t"));
    await store.setBatch([
      ["a", bytes(1)],
      ["b", bytes(2)],
      ["c", bytes(3)],
    ]);
    const iterator = store.scan()[Symbol.asyncIterator]();
    expect((await iterator.next()).value?.[0]).toBe("a");
    await store.clear();
    await store.setBatch([
      ["a", bytes(1)],
      ["b", bytes(2)],
      ["c", bytes(3)],
    ]);
    await iterator.next();
    await root.close();
    await expect(iterator.next()).rejects.toMatchObject({ code: "CLOSED" });
    await expect(store.get("a")).rejects.toMatchObject({ code: "CLOSED" });
    await expect(root.set("a", bytes(1))).rejects.toMatchObject({ code: "CLOSED" });
    await root.close(); // idempotent
    const cleanup = (await schema.open({ namespace: "closing" })).forTenant(store.tenant);
    await cleanup.clear();
  });
});

/** A TCP proxy to `target` whose open connections can be made to die at their next write. */
async function dropProxy(target: URL) {
  const doomed = new Set<net.Socket>();
  const open = new Set<net.Socket>();
  const server = net.createServer((client) => {
    open.add(client);
    const upstream = net.connect(Number(target.port || 5432), target.hostname);
    client.on("data", (chunk) => {
      if (doomed.has(client)) {
        client.destroy();
        upstream.destroy();
      } else upstream.write(chunk);
    });
    upstream.pipe(client);
    const end = () => {
      open.delete(client);
      client.destroy();
      upstream.destroy();
    };
    client.on("close", end).on("error", end);
    upstream.on("close", end).on("error", end);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    port: (server.address() as net.AddressInfo).port,
    drop: () => {
      for (const socket of open) doomed.add(socket);
    },
    close: () => {
      for (const socket of open) socket.destroy();
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

describe("poolStats", () => {
  it("reports open, idle and waiting connections of the shared pool", async () => {
    const root = await schema.open({ namespace: "pool", poolSize: 2 });
    const store = root.forTenant("t");
    expect(root.poolStats()).toEqual({ total: 0, idle: 0, waiting: 0 });
    await store.set("k", bytes(1));
    const afterOne = root.poolStats();
    expect(afterOne.total).toBeGreaterThanOrEqual(1);
    expect(afterOne.idle).toBe(afterOne.total);
    // Four calls on a pool of two: two run, the rest wait for a connection.
    const calls = Array.from({ length: 4 }, (_, i) => store.set(`k${i}`, bytes(i)));
    const busy = root.poolStats();
    await Promise.all(calls);
    expect(busy.total).toBeLessThanOrEqual(2);
    expect(busy.waiting).toBeGreaterThan(0);
    const other = root.forNamespace("other") as PostgresBackend;
    expect(other.poolStats()).toEqual(root.poolStats());
  });
});
