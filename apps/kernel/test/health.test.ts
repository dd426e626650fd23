/** /livez, /readyz and /metrics over real HTTP. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { selectedBackends, startTestKernel, type TestKernel } from "./helpers.js";

describe("health and metrics", () => {
  let k: TestKernel;
  beforeAll(async () => {
    k = await startTestKernel({ backend: "level" });
  });
  afterAll(() => k?.close());

  it("/livez answers without a token; /readyz lists every component", async () => {
    expect(await k.call("GET", "/livez", { token: null })).toMatchObject({
      status: 200,
      body: { status: "ok" },
    });
    const ready = await k.call("GET", "/readyz", { token: null });
    expect(ready.status).toBe(200);
    expect(ready.body).toMatchObject({
      status: "ready",
      components: { sessions: { status: "up", backend: "level", generation: 1 } },
    });
  });

  it("/metrics counts requests by component, operation and status, with latency and backends", async () => {
    await k.call("POST", "/v1/sessions", { body: { id: "m1", ttlMs: 60_000 } });
    await k.call("GET", "/v1/sessions/m1");
    await k.call("GET", "/v1/sessions/none");
    const text = (await k.call("GET", "/metrics", { token: null })).body as string;
    expect(text).toContain(
      'mnemo_http_requests_total{component="sessions",operation="sessions.create",status="200"} 1',
    );
    expect(text).toContain(
      'mnemo_http_requests_total{component="sessions",operation="sessions.get",status="200"} 1',
    );
    expect(text).toContain(
      'mnemo_http_requests_total{component="sessions",operation="sessions.get",status="404"} 1',
    );
    expect(text).toMatch(
      /mnemo_http_request_duration_seconds_bucket\{component="sessions",operation="sessions.get",le="\+Inf"\} 2/,
    );
    expect(text).toContain("mnemo_http_requests_in_flight 1");
    expect(text).toContain('mnemo_backend_generation{component="sessions"} 1');
    expect(text).toContain('mnemo_backend_info{component="sessions",kind="level"} 1');
  });

  it("/metrics can ask for an admin token", async () => {
    const locked = await startTestKernel({
      backend: "memory",
      toml: "[metrics]\nrequire_admin = true\n",
    });
    try {
      expect((await locked.call("GET", "/metrics", { token: null })).status).toBe(401);
      expect(
        (await locked.call("GET", "/metrics", { token: locked.tokens.acmeWrite })).status,
      ).toBe(403);
      expect((await locked.call("GET", "/metrics", { token: locked.tokens.admin })).status).toBe(
        200,
      );
    } finally {
      await locked.close();
    }
  });
});

describe.each(selectedBackends().filter((b) => b === "postgres"))("metrics on %s", (backend) => {
  it("/metrics reports the PostgreSQL pool under each component", async () => {
    const k = await startTestKernel({ backend });
    try {
      await k.call("POST", "/v1/sessions", { body: { id: "pool", ttlMs: 60_000 } });
      const text = (await k.call("GET", "/metrics", { token: null })).body as string;
      expect(text).toMatch(
        /mnemo_postgres_pool_connections\{component="sessions",state="idle"\} [1-9]/,
      );
      expect(text).toContain(
        'mnemo_postgres_pool_connections{component="sessions",state="waiting"} 0',
      );
      expect(text).toContain(
        'mnemo_postgres_pool_connections{component="sessions",state="in_use"} 0',
      );
    } finally {
      await k.close();
    }
  });
});
