/**
 * One decode path: HTTP routes and MCP tools decode an operation's input with the same
 * compiled decoder (operations/codec.ts), so they refuse the same inputs with the same
 * first-problem message.
 */
import { StorageError } from "@mnemo/core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { RouteTable } from "../src/http/routes.js";
import { callTool } from "../src/mcp/call.js";
import { toolsFromOperations } from "../src/mcp/tools.js";
import { decodeInput, inputDecoder } from "../src/operations/codec.js";
import type { Invoker } from "../src/operations/define.js";
import { components } from "../src/operations/index.js";
import { sessions } from "../src/operations/sessions.js";
import { startTestKernel, type TestKernel } from "./helpers.js";

const operations = components.flatMap((c) => c.operations);
const create = sessions.operations.find((op) => op.name === "sessions.create")!;
const never: Invoker = {
  invoke: async () => {
    throw new Error("a refused input reached the handler");
  },
};

/** The message a refusal carries, whichever way it was thrown. */
function refusal(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(StorageError);
    expect((error as StorageError).code).toBe("INVALID_ARGUMENT");
    return (error as StorageError).message;
  }
  throw new Error("the input was accepted");
}

async function mcpText(tool: ReturnType<typeof toolsFromOperations>[number], args: unknown) {
  const result = await callTool({
    tool,
    toolName: tool.name,
    args,
    principal: { tenant: "t", scope: "admin" },
    invoker: never,
    requestId: "r1",
    signal: new AbortController().signal,
  });
  expect(result.isError).toBe(true);
  const first = result.content[0];
  return first?.type === "text" ? first.text : "";
}

describe("the operations' one codec", () => {
  it("compiles each operation's decoder once and every route uses it", () => {
    const table = new RouteTable(components);
    expect(table.routes.length).toBe(operations.length);
    for (const route of table.routes) {
      expect(route.decode, route.op.name).toBe(inputDecoder(route.op.input));
    }
  });

  it("names the first problem, and an unknown field as such", () => {
    expect(refusal(() => decodeInput(create, { ttlMs: "soon" }))).toMatch(/^ttlMs: expected /);
    expect(refusal(() => decodeInput(create, { ttlMs: 1, surprise: 1 }))).toBe(
      "surprise: unknown field",
    );
    expect(refusal(() => decodeInput(create, null))).toMatch(/^input: expected /);
  });

  it("MCP refuses every operation's bad arguments with HTTP's message", async () => {
    const tools = toolsFromOperations(operations);
    expect(tools.length).toBeGreaterThan(20);
    for (const tool of tools) {
      for (const args of [{ surprise: 1 }, { id: 5, surprise: 1 }]) {
        const http = refusal(() => inputDecoder(tool.operation.input)(args));
        expect(await mcpText(tool, args), tool.name).toBe(
          `INVALID_ARGUMENT: arguments of ${tool.name}: ${http}`,
        );
      }
    }
  });
});

describe("over real HTTP", () => {
  let k: TestKernel;
  beforeAll(async () => {
    k = await startTestKernel({ backend: "memory" });
  });
  afterAll(() => k?.close());

  it("answers a refusal with the codec's message and field", async () => {
    const bad = await k.call("POST", "/v1/sessions", { body: { ttlMs: "soon" } });
    expect(bad.status).toBe(400);
    expect(bad.body).toMatchObject({
      code: "INVALID_ARGUMENT",
      detail: refusal(() => decodeInput(create, { ttlMs: "soon" })),
      details: { field: "ttlMs" },
    });
    const unknown = await k.call("POST", "/v1/sessions", { body: { ttlMs: 1, surprise: 1 } });
    expect(unknown.body).toMatchObject({
      detail: "surprise: unknown field",
      details: { field: "surprise" },
    });
  });
});
