/**
 * A client no one here wrote: the MCP Inspector's CLI mode (pinned devDependency), run as a
 * child process against a server this test starts on loopback, lists the tools and calls
 * one. The client is the subject here, so one backend (memory) does; each run costs seconds.
 */
import { execFile } from "node:child_process";
import { randomUUID } from "node:crypto";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { promisify } from "node:util";
import type { EpisodicMemory } from "@mnemo/episodic";
import { openFromSpec } from "@mnemo/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startMcpHttp, type TestHttpServer, TestInvoker } from "./helpers.js";

const run = promisify(execFile);
const inspector = join(
  dirname(createRequire(import.meta.url).resolve("@modelcontextprotocol/inspector/package.json")),
  "cli/build/cli.js",
);
const TENANT = `mcp-inspector-${randomUUID()}`;

describe("MCP Inspector CLI", () => {
  let invoker: TestInvoker;
  let server: TestHttpServer;

  beforeAll(async () => {
    invoker = new TestInvoker(
      await openFromSpec({ backend: "memory", namespace: "mcp", tenant: "root" }),
    );
    server = await startMcpHttp(
      { invoker },
      { "inspector-token": { tenant: TENANT, scope: "write" } },
    );
  });
  afterAll(async () => {
    await server?.close();
    await invoker?.clear();
  });

  const cli = async (...args: string[]) => {
    const { stdout } = await run(
      process.execPath,
      [
        inspector,
        "--cli",
        server.url.href,
        "--transport",
        "http",
        "--header",
        "Authorization: Bearer inspector-token",
        ...args,
      ],
      { timeout: 30_000, env: { ...process.env, BROWSER: "none" } },
    );
    return JSON.parse(stdout) as Record<string, unknown>;
  };

  it("lists the tools and calls remember; the turn is in episodic memory", async () => {
    const listed = (await cli("--method", "tools/list")) as { tools: { name: string }[] };
    expect(listed.tools.map((t) => t.name)).toEqual(
      expect.arrayContaining(["create_entities", "read_graph", "remember", "recall"]),
    );
    const remembered = (await cli(
      "--method",
      "tools/call",
      "--tool-name",
      "remember",
      "--tool-arg",
      "sessionId=inspector",
      "content=written by the MCP Inspector",
    )) as { structuredContent: { id: string } };
    const memory = invoker.component<EpisodicMemory>("episodic", TENANT);
    expect(await memory.get(remembered.structuredContent.id)).toMatchObject({
      content: "written by the MCP Inspector",
    });
  });
});
