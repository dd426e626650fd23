/**
 * Tools generated from operation definitions, as the `components` registry's operations
 * become tools: names, JSON Schemas, wrapped non-object results, operations MCP must not
 * offer, all called through a real server and a real graph.
 */
import type { BitemporalGraph } from "@mnemo/graph";
import { openFromSpec } from "@mnemo/testing";
import { Schema } from "effect";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { allTools } from "../../src/mcp/server.js";
import { toolNameOf } from "../../src/mcp/tools.js";
import { defineOperation } from "../../src/operations/define.js";
import { components } from "../../src/operations/index.js";
import {
  callError,
  callOk,
  connectHttp,
  startMcpHttp,
  type TestHttpServer,
  TestInvoker,
} from "./helpers.js";

const assertEntity = defineOperation({
  name: "graph.assertEntity",
  component: "graph",
  summary: "Assert an entity",
  description: "Believe an entity from now on; returns its version.",
  scope: "write",
  http: { method: "POST", path: "/graph/entities" },
  input: Schema.Struct({ id: Schema.String, type: Schema.String, name: Schema.String }),
  output: Schema.Struct({ id: Schema.String, validFrom: Schema.Number }),
  handler: async (graph: BitemporalGraph, input) => {
    const v = await graph.assertEntity(input);
    return { id: v.id, validFrom: v.validFrom };
  },
});
const deleteEntity = defineOperation({
  name: "graph.deleteEntity",
  component: "graph",
  summary: "Retract an entity",
  description: "Retract an entity; returns whether something was retracted.",
  scope: "write",
  http: { method: "DELETE", path: "/graph/entities/{id}" },
  input: Schema.Struct({ id: Schema.String }),
  output: Schema.Boolean,
  handler: (graph: BitemporalGraph, input) => graph.deleteEntity(input.id),
});
/** A handler with a bug whose message must not reach the model. */
const buggy = defineOperation({
  ...deleteEntity,
  name: "graph.buggy",
  handler: async () => {
    throw new TypeError("connect failed: password=hunter2");
  },
});
const hidden = defineOperation({ ...deleteEntity, name: "graph.hiddenFromMcp", mcp: false });
const streamed = defineOperation({ ...deleteEntity, name: "graph.streamed", response: "binary" });

describe("tools generated from operation definitions", () => {
  let invoker: TestInvoker;
  let server: TestHttpServer;
  const logged: { error: unknown; requestId: string }[] = [];
  beforeAll(async () => {
    invoker = new TestInvoker(
      await openFromSpec({ backend: "memory", namespace: "mcp", tenant: "root" }),
    );
    const tools = allTools([assertEntity, deleteEntity, buggy, hidden, streamed]);
    server = await startMcpHttp(
      { invoker, tools, onError: (error, requestId) => logged.push({ error, requestId }) },
      { t: { tenant: "gen", scope: "write" } },
    );
  });
  afterAll(async () => {
    await server?.close();
  });

  it("the registry's operations all become tools, under distinct names", () => {
    const tools = allTools();
    const offered = components.flatMap((c) =>
      c.operations.filter(
        (op) => op.mcp !== false && op.response === undefined && op.body === undefined,
      ),
    );
    expect(tools.length).toBe(13 + offered.length);
    expect(new Set(tools.map((t) => t.name)).size).toBe(tools.length);
    for (const tool of tools) expect(tool.inputSchema.type).toBe("object");
  });

  it("derives names every client accepts", () => {
    expect(toolNameOf("sessions.createSnapshot")).toBe("sessions_create_snapshot");
    expect(toolNameOf("event_log.query")).toBe("event_log_query");
    expect(() => toolNameOf("bad name!")).toThrow(/no valid MCP tool name/);
  });

  it("offers JSON-result operations only, wraps non-object results, calls for the tenant", async () => {
    const client = await connectHttp(server.url, "t");
    const { tools } = await client.listTools();
    const names = tools.map((t) => t.name);
    expect(names).toContain("graph_assert_entity");
    expect(names).toContain("graph_delete_entity");
    expect(names).not.toContain("graph_hidden_from_mcp");
    expect(names).not.toContain("graph_streamed");
    const del = tools.find((t) => t.name === "graph_delete_entity")!;
    expect(del.inputSchema).toMatchObject({ type: "object", required: ["id"] });
    expect(del.outputSchema).toMatchObject({
      type: "object",
      properties: { result: { type: "boolean" } },
    });

    const asserted = await callOk(client, "graph_assert_entity", {
      id: "e1",
      type: "t",
      name: "E",
    });
    const graph = invoker.component<BitemporalGraph>("graph", "gen");
    expect(await graph.getEntity("e1")).toMatchObject({ validFrom: asserted.validFrom });
    const result = await client.callTool({ name: "graph_delete_entity", arguments: { id: "e1" } });
    expect(result.structuredContent).toEqual({ result: true });
    expect(result.content).toEqual([{ type: "text", text: "true" }]);
    expect(await graph.getEntity("e1")).toBeUndefined();
    expect(await callError(client, "graph_delete_entity", { id: 5 })).toMatch(
      /^INVALID_ARGUMENT: arguments of graph_delete_entity: /,
    );
    expect(await callError(client, "graph_delete_entity", { id: "" })).toMatch(
      /^INVALID_ARGUMENT: /,
    );
    await client.close();
  });

  it("an error that is not a StorageError is INTERNAL, logged, its text kept from the model", async () => {
    const client = await connectHttp(server.url, "t");
    const text = await callError(client, "graph_buggy", { id: "x" });
    expect(text).toMatch(/^INTERNAL: the call failed unexpectedly \(request http:\d+\)$/);
    expect(text).not.toContain("hunter2");
    expect(logged).toHaveLength(1);
    expect(String((logged[0]!.error as Error).message)).toContain("hunter2");
    expect(text).toContain(logged[0]!.requestId);
    expect((await client.listTools()).tools.length).toBeGreaterThan(0);
    await client.close();
  });
});
