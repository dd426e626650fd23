/**
 * The Streamable HTTP endpoint's session rules, over real HTTP on loopback: the session cap,
 * idle sessions closed, close() letting calls in flight answer, and refusals of malformed
 * requests that never reach a server.
 */
import { setTimeout as sleep } from "node:timers/promises";
import { manualClock, openFromSpec } from "@mnemo/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { callOk, connectHttp, gatedInvoker, startMcpHttp, TestInvoker } from "./helpers.js";

const tokens = { t: { tenant: "http-sessions", scope: "write" as const } };
const post = (url: URL, body: string, headers: Record<string, string> = {}) =>
  fetch(url, {
    method: "POST",
    headers: {
      authorization: "Bearer t",
      "content-type": "application/json",
      accept: "application/json, text/event-stream",
      ...headers,
    },
    body,
  });

describe("MCP over HTTP: sessions", () => {
  let invoker: TestInvoker;
  beforeAll(async () => {
    invoker = new TestInvoker(
      await openFromSpec({ backend: "memory", namespace: "mcp", tenant: "root" }),
    );
  });
  afterAll(async () => {
    await invoker.clear();
  });

  it("refuses a session past the cap, and closes idle ones", async () => {
    const clock = manualClock();
    const server = await startMcpHttp(
      { invoker, maxSessions: 1, idleTimeoutMs: 20, clock },
      tokens,
    );
    try {
      const first = await connectHttp(server.url, "t");
      await expect(connectHttp(server.url, "t")).rejects.toThrow(/503|too many/i);
      expect(server.handler.sessions).toBe(1);
      clock.advance(1_000);
      // The sweep runs every idleTimeoutMs of real time: wait for it (bounded).
      for (let i = 0; i < 100 && server.handler.sessions > 0; i++) await sleep(10);
      expect(server.handler.sessions).toBe(0);
      await expect(first.listTools()).rejects.toThrow(/404|session/i);
      const second = await connectHttp(server.url, "t");
      expect((await second.listTools()).tools.length).toBeGreaterThan(0);
      await second.close();
    } finally {
      await server.close();
    }
  });

  it("close() lets a call in flight answer before the sessions go", async () => {
    // The real invoker, held at a gate so the test decides when the call may run.
    const { invoker: gated, started: callStarted, release } = gatedInvoker(invoker);
    const server = await startMcpHttp({ invoker: gated }, tokens);
    const client = await connectHttp(server.url, "t");
    const answer = callOk(client, "remember", { sessionId: "drain", content: "in flight" });
    await callStarted;
    let closed = false;
    const closing = server.close().then(() => {
      closed = true;
    });
    await sleep(20);
    expect(closed).toBe(false);
    release();
    expect(await answer).toMatchObject({ content: "in flight" });
    await closing;
    expect(server.handler.sessions).toBe(0);
  });

  it("answers malformed requests without opening a session", async () => {
    const server = await startMcpHttp({ invoker }, tokens);
    try {
      expect((await post(server.url, "{not json")).status).toBe(400);
      const notInit = await post(
        server.url,
        JSON.stringify({ jsonrpc: "2.0", id: 1, method: "tools/list" }),
      );
      expect(notInit.status).toBe(400);
      expect(await notInit.text()).toContain("initialize");
      const huge = await post(server.url, `"${"x".repeat(17 * 1024 * 1024)}"`).catch(
        (error: unknown) => error,
      );
      // Either the 413 arrives or the connection is cut while the body is still streaming.
      if (huge instanceof Response) expect(huge.status).toBe(413);
      expect((await fetch(server.url, { headers: { authorization: "Bearer t" } })).status).toBe(
        400,
      );
      expect((await fetch(server.url, { method: "POST", body: "{}" })).status).toBe(401);
      expect(server.handler.sessions).toBe(0);
    } finally {
      await server.close();
    }
  });
});
