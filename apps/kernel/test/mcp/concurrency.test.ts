/**
 * Two MCP sessions writing one tenant's graph at once lose nothing — the reference memory
 * server's known failure (its JSON-lines file is read, changed and written back whole).
 */
import { forEachBackend } from "@mnemo/testing";
import type { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { afterAll, beforeAll, expect, it } from "vitest";
import type { KgGraph } from "../../src/mcp/graph-compat/model.js";
import { callOk, connectHttp, startMcpHttp, type TestHttpServer, TestInvoker } from "./helpers.js";

const TENANT = `mcp-conc-${process.pid}-${Date.now()}`;
const PER_SESSION = 8;

forEachBackend((backend) => {
  let invoker: TestInvoker;
  let server: TestHttpServer;
  let sessions: Client[];

  beforeAll(async () => {
    invoker = new TestInvoker(await backend.open());
    server = await startMcpHttp({ invoker }, { token: { tenant: TENANT, scope: "write" } });
    sessions = [await connectHttp(server.url, "token"), await connectHttp(server.url, "token")];
  });
  afterAll(async () => {
    for (const s of sessions ?? []) await s.close();
    await server?.close();
    await invoker?.clear();
  });

  it("two sessions adding, creating and relating at once lose no write", async () => {
    await callOk(sessions[0]!, "create_entities", {
      entities: [{ name: "hub", entityType: "topic", observations: [] }],
    });
    const work = sessions.flatMap((client, s) =>
      Array.from({ length: PER_SESSION }, async (_, k) => {
        // Every call of both sessions is in flight at once.
        await callOk(client, "add_observations", {
          observations: [{ entityName: "hub", contents: [`s${s} fact ${k}`] }],
        });
        // Both sessions create the same entity, each with its own observation.
        await callOk(client, "create_entities", {
          entities: [{ name: `node-${k}`, entityType: "leaf", observations: [`from s${s}`] }],
        });
        await callOk(client, "add_observations", {
          observations: [{ entityName: `node-${k}`, contents: [`from s${s}`] }],
        });
        await callOk(client, "create_relations", {
          relations: [{ from: "hub", to: `node-${k}`, relationType: `linked_by_s${s}` }],
        });
      }),
    );
    await Promise.all(work);

    const graph = await callOk<KgGraph>(sessions[1]!, "read_graph");
    const hub = graph.entities.find((e) => e.name === "hub")!;
    const expected = sessions.flatMap((_, s) =>
      Array.from({ length: PER_SESSION }, (_, k) => `s${s} fact ${k}`),
    );
    expect([...hub.observations].sort()).toEqual(expected.sort());
    expect(graph.entities).toHaveLength(PER_SESSION + 1);
    for (let k = 0; k < PER_SESSION; k++) {
      const node = graph.entities.find((e) => e.name === `node-${k}`)!;
      expect([...node.observations].sort()).toEqual(["from s0", "from s1"]);
    }
    expect(graph.relations).toHaveLength(2 * PER_SESSION);
  });
});
