/**
 * Closing stdio while a call is in flight: the call finishes and its answer is written
 * before `closed` resolves (and so before the CLI closes the backends under it).
 */
import { PassThrough } from "node:stream";
import { openFromSpec } from "@mnemo/testing";
import { describe, expect, it } from "vitest";
import { serveMcpStdio } from "../../src/mcp/stdio.js";
import { gatedInvoker, TestInvoker } from "./helpers.js";

describe("stdio close", () => {
  it("lets a call in flight finish and answer before it reports closed", async () => {
    const root = await openFromSpec({ backend: "memory", namespace: "mcp", tenant: "root" });
    const real = new TestInvoker(root);
    // The real invoker, held at a gate so the test decides when the call may run.
    const { invoker: gated, started: callStarted, release } = gatedInvoker(real);
    const stdin = new PassThrough();
    const stdout = new PassThrough();
    const lines: string[] = [];
    stdout.on("data", (chunk: Buffer) => lines.push(...String(chunk).split("\n").filter(Boolean)));
    const server = await serveMcpStdio({ invoker: gated, tenant: "drain", stdin, stdout });
    const send = (message: unknown) => stdin.write(`${JSON.stringify(message)}\n`);
    send({
      jsonrpc: "2.0",
      id: 1,
      method: "initialize",
      params: {
        protocolVersion: "2025-06-18",
        capabilities: {},
        clientInfo: { name: "t", version: "0" },
      },
    });
    send({ jsonrpc: "2.0", method: "notifications/initialized" });
    send({
      jsonrpc: "2.0",
      id: 2,
      method: "tools/call",
      params: { name: "remember", arguments: { sessionId: "s", content: "last words" } },
    });
    await callStarted;
    stdin.end();
    let closed = false;
    const done = server.closed.then(() => {
      closed = true;
    });
    await new Promise((resolve) => setImmediate(resolve));
    expect(closed).toBe(false);
    release();
    await done;
    const answer = lines.map(
      (l) => JSON.parse(l) as { id?: number; result?: { isError?: boolean } },
    );
    expect(answer.find((m) => m.id === 2)?.result?.isError).toBeFalsy();
    expect(
      await real.component<{ count(s: string): Promise<number> }>("episodic", "drain").count("s"),
    ).toBe(1);
    await root.close();
  });
});
