/**
 * The PostgreSQL under one component stops and restarts (a throwaway embedded server, never
 * the shared one): meanwhile only that component's calls fail, with 503 + Retry-After and
 * code UNAVAILABLE; /readyz names it; afterwards it serves again without a kernel restart.
 */
import { startThrowawayPostgres, type ThrowawayPostgres } from "@mnemo/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sessions } from "../src/operations/sessions.js";
import { startTestKernel, type TestKernel } from "./helpers.js";
import { probeComponent } from "./probe.js";

let server: ThrowawayPostgres;
let k: TestKernel;

beforeAll(async () => {
  server = await startThrowawayPostgres({ prefix: "mnemo-kernel-pg-" });
  k = await startTestKernel({
    backend: "memory",
    components: [sessions, probeComponent(Promise.resolve(), [])],
    toml: `[storage.sessions]\nbackend = "postgres"\nurl = "${server.url}"\n`,
  });
}, 120_000);

afterAll(async () => {
  await k?.close();
  await server?.destroy();
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
