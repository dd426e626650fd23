/**
 * The reference memory server's nine tools over Streamable HTTP with the SDK's client, on
 * every backend, each result checked against the bi-temporal graph called directly.
 */
import type { BitemporalGraph } from "@mnemo/graph";
import { forEachBackend } from "@mnemo/testing";
import type { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { afterAll, beforeAll, expect, it } from "vitest";
import { KnowledgeGraph } from "../../src/mcp/graph-compat/knowledge-graph.js";
import { observationId, relationId } from "../../src/mcp/graph-compat/model.js";
import { clockPast as after } from "../helpers.js";
import {
  callError,
  callOk,
  connectHttp,
  startMcpHttp,
  type TestHttpServer,
  TestInvoker,
} from "./helpers.js";

const TENANT = `mcp-graph-${process.pid}-${Date.now()}`;

forEachBackend((backend) => {
  let invoker: TestInvoker;
  let server: TestHttpServer;
  let client: Client;
  let graph: BitemporalGraph;

  beforeAll(async () => {
    invoker = new TestInvoker(await backend.open());
    server = await startMcpHttp({ invoker }, { writer: { tenant: TENANT, scope: "write" } });
    client = await connectHttp(server.url, "writer");
    graph = invoker.component<BitemporalGraph>("graph", TENANT);
  });
  afterAll(async () => {
    await client?.close();
    await server?.close();
    await invoker?.clear();
  });

  it(`lists the nine graph tools with object JSON Schemas`, async () => {
    const { tools } = await client.listTools();
    const names = tools.map((t) => t.name);
    for (const name of [
      "create_entities",
      "create_relations",
      "add_observations",
      "delete_entities",
      "delete_observations",
      "delete_relations",
      "read_graph",
      "search_nodes",
      "open_nodes",
    ]) {
      const tool = tools.find((t) => t.name === name);
      expect(tool, name).toBeDefined();
      expect(tool!.inputSchema.type).toBe("object");
      expect(tool!.outputSchema?.type).toBe("object");
      expect(tool!.description!.length).toBeGreaterThan(40);
    }
    expect(new Set(names).size).toBe(names.length);
    const read = tools.find((t) => t.name === "read_graph")!;
    expect(read.annotations?.readOnlyHint).toBe(true);
    const destructive = tools.filter((t) => t.annotations?.destructiveHint).map((t) => t.name);
    expect(destructive).toEqual(
      expect.arrayContaining(["delete_entities", "delete_observations", "delete_relations"]),
    );
    for (const name of ["create_entities", "add_observations", "remember", "put_artifact"]) {
      expect(destructive).not.toContain(name);
    }
    expect(Object.keys(read.inputSchema.properties ?? {})).toEqual(["as_of"]);
  });

  it(`every graph tool agrees with the graph called directly`, async () => {
    const created = await callOk(client, "create_entities", {
      entities: [
        { name: "Ada", entityType: "person", observations: ["likes tea", "writes code"] },
        { name: "Acme", entityType: "org", observations: [] },
        { name: "Ada", entityType: "robot", observations: ["ignored: same name twice"] },
      ],
    });
    expect(created).toEqual({
      entities: [
        { name: "Ada", entityType: "person", observations: ["likes tea", "writes code"] },
        { name: "Acme", entityType: "org", observations: [] },
      ],
    });
    expect(await graph.getEntity("Ada")).toMatchObject({ id: "Ada", type: "person", name: "Ada" });
    expect(await graph.getEntity("Acme")).toMatchObject({ type: "org" });
    // A second create of a known name is skipped, as in the reference server.
    expect(
      await callOk(client, "create_entities", {
        entities: [{ name: "Ada", entityType: "x", observations: [] }],
      }),
    ).toEqual({ entities: [] });

    const relation = { from: "Ada", to: "Acme", relationType: "works_at" };
    expect(await callOk(client, "create_relations", { relations: [relation, relation] })).toEqual({
      relations: [relation],
    });
    expect(await callOk(client, "create_relations", { relations: [relation] })).toEqual({
      relations: [],
    });
    const edges = (await graph.outgoing("Ada", { type: "works_at" })).items;
    expect(edges.map((e) => [e.id, e.to])).toEqual([[relationId(relation), "Acme"]]);

    expect(
      await callOk(client, "add_observations", {
        observations: [{ entityName: "Ada", contents: ["likes tea", "speaks French"] }],
      }),
    ).toEqual({ results: [{ entityName: "Ada", addedObservations: ["speaks French"] }] });
    const kg = new KnowledgeGraph(graph);
    expect(await kg.observations("Ada")).toEqual(["likes tea", "writes code", "speaks French"]);

    const whole = await callOk<{ entities: unknown[] }>(client, "read_graph");
    expect(whole).toEqual(await kg.readGraph());
    expect(whole).toEqual({
      entities: [
        {
          name: "Ada",
          entityType: "person",
          observations: ["likes tea", "writes code", "speaks French"],
        },
        { name: "Acme", entityType: "org", observations: [] },
      ],
      relations: [relation],
      truncated: false,
    });
    expect(await callOk(client, "search_nodes", { query: "FRENCH" })).toEqual({
      entities: [whole.entities[0]],
      relations: [relation],
      truncated: false,
    });
    expect(await callOk(client, "open_nodes", { names: ["Acme", "nobody"] })).toEqual({
      entities: [{ name: "Acme", entityType: "org", observations: [] }],
      relations: [relation],
      truncated: false,
    });

    const before = Date.now();
    await after(before);
    expect(
      await callOk(client, "delete_observations", {
        deletions: [{ entityName: "Ada", observations: ["likes tea", "never said"] }],
      }),
    ).toEqual({ success: true, message: "Deleted 1 of 2 observations." });
    // Ended, not erased: the observation's fact is gone now and still in its history.
    const teaId = observationId("Ada", "likes tea");
    expect(await graph.getRelationship(teaId)).toBeUndefined();
    expect((await graph.relationshipHistory(teaId)).items.length).toBeGreaterThan(0);

    expect(await callOk(client, "delete_relations", { relations: [relation] })).toMatchObject({
      message: "Relations deleted successfully",
    });
    expect((await graph.outgoing("Ada", { type: "works_at" })).items).toEqual([]);
    await callOk(client, "create_relations", { relations: [relation] });
    expect(await callOk(client, "delete_entities", { entityNames: ["Acme", "ghost"] })).toEqual({
      success: true,
      message: "Deleted 1 of 2 entities. Not found: ghost",
    });
    expect(await graph.getEntity("Acme")).toBeUndefined();
    expect(await graph.getEntity("Acme", { validAt: before, knownAt: before })).toBeDefined();
    expect((await graph.incoming("Acme")).items).toEqual([]);

    expect(await callOk(client, "read_graph")).toEqual({
      entities: [
        { name: "Ada", entityType: "person", observations: ["writes code", "speaks French"] },
      ],
      relations: [],
      truncated: false,
    });
    // as_of: the graph as it was before the deletions, as epoch ms and as ISO 8601.
    for (const asOf of [before, new Date(before).toISOString()]) {
      const past = await callOk(client, "read_graph", { as_of: asOf });
      expect(past).toEqual(whole);
      expect(await callOk(client, "open_nodes", { names: ["Acme"], as_of: asOf })).toMatchObject({
        entities: [{ name: "Acme" }],
        relations: [relation],
      });
    }
    // A deleted entity can be created again, without its old observations or relations.
    await callOk(client, "create_entities", {
      entities: [{ name: "Acme", entityType: "org", observations: ["reborn"] }],
    });
    expect(await callOk(client, "open_nodes", { names: ["Acme"] })).toEqual({
      entities: [{ name: "Acme", entityType: "org", observations: ["reborn"] }],
      relations: [],
      truncated: false,
    });
  });

  it(`hostile arguments are tool errors with a code; nothing is written`, async () => {
    const before = await callOk(client, "read_graph");
    const cases: [string, unknown, string][] = [
      ["create_entities", { entities: "Ada" }, "INVALID_ARGUMENT"],
      ["create_entities", { entities: null }, "INVALID_ARGUMENT"],
      [
        "create_entities",
        { entities: [{ name: null, entityType: "x", observations: [] }] },
        "INVALID_ARGUMENT",
      ],
      [
        "create_entities",
        { entities: [{ name: "x".repeat(300), entityType: "t", observations: [] }] },
        "INVALID_ARGUMENT",
      ],
      [
        "create_entities",
        { entities: [{ name: "mcp:etype:x", entityType: "t", observations: [] }] },
        "INVALID_ARGUMENT",
      ],
      [
        "create_entities",
        { entities: [{ name: "ok", entityType: "t", observations: [{ toString: "x" }] }] },
        "INVALID_ARGUMENT",
      ],
      [
        "create_entities",
        { entities: [{ name: "a\u0000b", entityType: "t", observations: [] }] },
        "INVALID_ARGUMENT",
      ],
      [
        "create_relations",
        { relations: [{ from: "Ada", to: "nobody", relationType: "knows" }] },
        "NOT_FOUND",
      ],
      [
        "add_observations",
        { observations: [{ entityName: "nobody", contents: ["x"] }] },
        "NOT_FOUND",
      ],
      [
        "add_observations",
        { observations: [{ entityName: "Ada", contents: ["x".repeat(20_000)] }] },
        "INVALID_ARGUMENT",
      ],
      ["read_graph", { as_of: "not a date" }, "INVALID_ARGUMENT"],
      ["search_nodes", { query: { toString: "x" } }, "INVALID_ARGUMENT"],
      ["open_nodes", { names: Array.from({ length: 101 }, (_, i) => `n${i}`) }, "INVALID_ARGUMENT"],
      ["create_entities", { entities: [], extra: true }, "INVALID_ARGUMENT"],
      ["no_such_tool", {}, "NOT_FOUND"],
    ];
    for (const [tool, args, code] of cases) {
      expect(
        await callError(client, tool, args),
        `${tool} ${JSON.stringify(args).slice(0, 60)}`,
      ).toMatch(new RegExp(`^${code}: `));
    }
    // `arguments: null` is refused by the SDK's own request schema, as a JSON-RPC error.
    await expect(
      client.callTool({
        name: "read_graph",
        arguments: null as unknown as Record<string, unknown>,
      }),
    ).rejects.toThrow(/expected record/);
    expect(await callOk(client, "read_graph")).toEqual(before);
    // `__proto__` is a name like any other.
    await callOk(client, "create_entities", {
      entities: [{ name: "__proto__", entityType: "constructor", observations: ["toString"] }],
    });
    expect(await callOk(client, "open_nodes", { names: ["__proto__"] })).toMatchObject({
      entities: [{ name: "__proto__", entityType: "constructor", observations: ["toString"] }],
    });
    // The session is still alive after all of that.
    expect((await client.listTools()).tools.length).toBeGreaterThan(9);
  });
});
