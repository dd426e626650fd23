/** Server-Sent Events over real HTTP, and the /mcp mount point. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { TenantContext } from "../src/http/server.js";
import { sessions } from "../src/operations/sessions.js";
import { startTestKernel, type TestKernel } from "./helpers.js";
import { probeComponent } from "./probe.js";

describe("SSE and /mcp", () => {
  let k: TestKernel;
  beforeAll(async () => {
    k = await startTestKernel({
      backend: "memory",
      components: [sessions, probeComponent(Promise.resolve(), [])],
    });
  });
  afterAll(() => k?.close());

  it("streams events as id + data lines, and releases the lease when the client leaves", async () => {
    const slot = k.kernel.runtime.slot("hook_history");
    const controller = new AbortController();
    const response = await fetch(`${k.base}/v1/probe/events?count=3`, {
      headers: { authorization: `Bearer ${k.tokens.acmeRead}` },
      signal: controller.signal,
    });
    expect(response.headers.get("content-type")).toBe("text/event-stream");
    const reader = (response.body as ReadableStream<Uint8Array>).getReader();
    let text = "";
    while ((text.match(/\n\n/g) ?? []).length < 3) {
      const { value } = await reader.read();
      text += new TextDecoder().decode(value);
    }
    expect(text).toBe(
      'id: e0\ndata: {"i":0}\n\nid: e1\ndata: {"i":1}\n\nid: e2\ndata: {"i":2}\n\n',
    );
    expect(slot.ref.inFlight).toBe(1);
    controller.abort();
    while (slot.ref.inFlight > 0) await new Promise((r) => setTimeout(r, 5));
    expect(slot.ref.inFlight).toBe(0);
  });

  it("/mcp is 404 until mounted, then gets the token's tenant and the invoker", async () => {
    expect((await k.call("POST", "/mcp", { body: {} })).status).toBe(404);
    const seen: TenantContext[] = [];
    k.kernel.http.mountMcp(async (_req, res, ctx) => {
      seen.push(ctx);
      const whoami = k.kernel.runtime.slot("hook_history").def.operations[0]!;
      const result = await ctx.invoker.invoke(whoami, {}, ctx);
      res.writeHead(200, { "content-type": "application/json" });
      res.end(JSON.stringify({ tenant: ctx.tenant, result }));
    });
    expect((await k.call("POST", "/mcp", { token: null, body: {} })).status).toBe(401);
    const r = await k.call("POST", "/mcp", { token: k.tokens.globexWrite, body: {} });
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({
      tenant: k.tenants.globex,
      result: { serial: expect.any(Number) },
    });
    expect([...(seen[0]?.scopes ?? [])].sort()).toEqual(["read", "write"]);
  });
});
