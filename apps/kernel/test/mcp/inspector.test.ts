/**
 * A client no one here wrote: the MCP Inspector's CLI mode (pinned devDependency), run as a
 * child process against a kernel this test starts on loopback, lists the tools and calls
 * one. The client is the subject here, so one backend (memory) does; each run costs seconds.
 */
import { execFile } from "node:child_process";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { promisify } from "node:util";
import type { EpisodicMemory } from "@mnemo/episodic";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { McpHttpHandler } from "../../src/mcp/http.js";
import { mountMcp } from "../../src/mcp/mount-kernel.js";
import { startTestKernel, type TestKernel } from "../helpers.js";

const run = promisify(execFile);
const inspector = join(
  dirname(createRequire(import.meta.url).resolve("@modelcontextprotocol/inspector/package.json")),
  "cli/build/cli.js",
);

describe("MCP Inspector CLI", () => {
  let k: TestKernel;
  let mcp: McpHttpHandler;

  beforeAll(async () => {
    k = await startTestKernel({ backend: "memory" });
    mcp = mountMcp(k.kernel);
  });
  afterAll(async () => {
    await mcp?.close();
    await k?.close();
  });

  const cli = async (...args: string[]) => {
    const { stdout } = await run(
      process.execPath,
      [
        inspector,
        "--cli",
        `${k.base}/mcp`,
        "--transport",
        "http",
        "--header",
        `Authorization: Bearer ${k.tokens.acmeWrite}`,
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
    const lease = k.kernel.runtime.slot("episodic").ref.acquire();
    try {
      const memory = lease.value.instanceFor(k.tenants.acme) as EpisodicMemory;
      expect(await memory.get(remembered.structuredContent.id)).toMatchObject({
        content: "written by the MCP Inspector",
      });
    } finally {
      lease.release();
    }
  });
});
