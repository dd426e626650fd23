/** Tokens, scopes and tenants over real HTTP: every route, generated from the definitions. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseConfig } from "../src/config/load.js";
import { RouteTable } from "../src/http/routes.js";
import { startKernel } from "../src/kernel.js";
import { Logger } from "../src/log.js";
import { components } from "../src/operations/index.js";
import { selectedBackends, startTestKernel, type TestKernel } from "./helpers.js";

const routes = new RouteTable(components).routes;
/** A concrete URL for a route: each `{param}` filled with a placeholder. */
const urlOf = (template: string) => template.replace(/\{[^}]+\}/g, "x");

describe("auth on every route", () => {
  let k: TestKernel;
  beforeAll(async () => {
    k = await startTestKernel({ backend: "memory" });
  });
  afterAll(() => k?.close());

  it("401 for a missing, unknown, malformed or revoked token on every route", async () => {
    for (const route of routes) {
      for (const token of [null, "mnemo_wrong", "not a token", k.tokens.revoked]) {
        const r = await k.call(route.method, urlOf(route.template), { token });
        expect(r.status, `${route.op.name} with ${String(token)}`).toBe(401);
        expect(r.body).toMatchObject({ code: "UNAUTHENTICATED" });
        expect(r.headers.get("www-authenticate")).toContain("Bearer");
      }
    }
  });

  it("403 for a read token on every write route, never 403 on a read route", async () => {
    for (const route of routes) {
      const r = await k.call(route.method, urlOf(route.template), { token: k.tokens.acmeRead });
      if (route.op.scope === "read") expect(r.status, route.op.name).not.toBe(403);
      else {
        expect(r.status, route.op.name).toBe(403);
        expect(r.body).toMatchObject({ code: "FORBIDDEN" });
      }
    }
  });

  it("an admin token may call everything", async () => {
    for (const route of routes) {
      const r = await k.call(route.method, urlOf(route.template), { token: k.tokens.admin });
      expect([401, 403], route.op.name).not.toContain(r.status);
    }
  });
});

describe.each(selectedBackends())("tenants stay apart on %s", (backend) => {
  let k: TestKernel;
  beforeAll(async () => {
    k = await startTestKernel({ backend });
  });
  afterAll(() => k?.close());

  it("a token never reads or writes another tenant's sessions through any operation", async () => {
    const hash = "a".repeat(64);
    await k.call("POST", "/v1/sessions", {
      body: { id: "iso", ttlMs: 60_000, data: { secret: 1 } },
    });
    const snap = await k.call("POST", "/v1/sessions/iso/snapshots", { body: {} });
    const snapId = (snap.body as { id: string }).id;
    await k.call("PUT", `/v1/sessions/iso/artifacts/${hash}`, { body: {} });

    const other = { token: k.tokens.globexWrite };
    expect((await k.call("GET", "/v1/sessions/iso", other)).status).toBe(404);
    expect((await k.call("GET", "/v1/sessions", other)).body).toEqual({ items: [] });
    expect((await k.call("POST", "/v1/sessions/iso/touch", other)).status).toBe(404);
    expect(
      (await k.call("PUT", "/v1/sessions/iso/data", { ...other, body: { data: 0 } })).status,
    ).toBe(404);
    expect(
      (await k.call("POST", "/v1/sessions/iso/snapshots", { ...other, body: {} })).status,
    ).toBe(404);
    expect((await k.call("GET", "/v1/sessions/iso/snapshots", other)).body).toEqual({ items: [] });
    expect(
      (await k.call("POST", `/v1/sessions/iso/snapshots/${snapId}/restore`, other)).status,
    ).toBe(404);
    expect(
      (await k.call("PUT", `/v1/sessions/iso/artifacts/${hash}`, { ...other, body: {} })).status,
    ).toBe(404);
    expect((await k.call("GET", "/v1/sessions/iso/artifacts", other)).body).toEqual({ items: [] });
    expect((await k.call("DELETE", `/v1/sessions/iso/artifacts/${hash}`, other)).body).toEqual({
      deleted: false,
    });
    expect((await k.call("POST", "/v1/sessions/sweep", { ...other, body: {} })).body).toEqual({
      removed: 0,
    });
    expect((await k.call("DELETE", "/v1/sessions/iso", other)).body).toEqual({ deleted: false });
    // A tenant named in the request changes nothing: the token decides.
    const spoof = await k.call("GET", `/v1/sessions/iso?tenant=${k.tenants.acme}`, other);
    expect(spoof.status).toBe(400);

    const mine = await k.call("GET", "/v1/sessions/iso");
    expect(mine.body).toMatchObject({ data: { secret: 1 } });
    expect((await k.call("GET", "/v1/sessions/iso/artifacts")).body).toMatchObject({
      items: [{ hash }],
    });
    expect((await k.call("GET", "/v1/sessions/iso/snapshots")).body).toMatchObject({
      items: [{ id: snapId }],
    });
  });
});

describe('auth = "none" on loopback', () => {
  it("serves without a token, as the configured tenant", async () => {
    const config = parseConfig(
      'auth = "none"\ntenant = "solo"\n[server]\nport = 0\n[storage]\nbackend = "memory"\n',
      "none.toml",
    );
    const kernel = await startKernel(config, { logger: new Logger("silent") });
    try {
      const base = kernel.url.href.replace(/\/$/, "");
      const created = await fetch(`${base}/v1/sessions`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ id: "open", ttlMs: 60_000 }),
      });
      expect(created.status).toBe(200);
      const backend = kernel.runtime.slot("sessions").ref.current.backend;
      expect((await backend.forTenant("solo").listKeys()).length).toBeGreaterThan(0);
      expect(await backend.forTenant("default").listKeys()).toEqual([]);
    } finally {
      await kernel.close();
    }
  });
});
