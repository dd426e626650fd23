/**
 * Two tenants, two tokens, one MCP session each, calls interleaved: neither ever sees the
 * other's entities, observations, turns or artifacts, and one tenant's token cannot use the
 * other's session id.
 */
import { forEachBackend } from "@mnemo/testing";
import type { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { afterAll, beforeAll, expect, it } from "vitest";
import { callOk, connectHttp, startMcpHttp, type TestHttpServer, TestInvoker } from "./helpers.js";

const RUN = `${process.pid}-${Date.now()}`;
const TENANTS = { a: `mcp-iso-a-${RUN}`, b: `mcp-iso-b-${RUN}` } as const;
const ROUNDS = 4;

forEachBackend((backend) => {
  let invoker: TestInvoker;
  let server: TestHttpServer;
  const clients: Record<"a" | "b", Client> = {} as Record<"a" | "b", Client>;

  beforeAll(async () => {
    invoker = new TestInvoker(await backend.open());
    server = await startMcpHttp(
      { invoker },
      {
        "token-a": { tenant: TENANTS.a, scope: "write" },
        "token-b": { tenant: TENANTS.b, scope: "write" },
      },
    );
    clients.a = await connectHttp(server.url, "token-a");
    clients.b = await connectHttp(server.url, "token-b");
  });
  afterAll(async () => {
    await clients.a?.close();
    await clients.b?.close();
    await server?.close();
    await invoker?.clear();
  });

  it("interleaved sessions of two tenants never see each other's memories", async () => {
    const other = { a: "b", b: "a" } as const;
    for (let round = 0; round < ROUNDS; round++) {
      for (const me of ["a", "b"] as const) {
        const client = clients[me];
        // Same entity name, same session id, same content hash in both tenants.
        await callOk(client, "create_entities", {
          entities: [
            {
              name: `shared-${round}`,
              entityType: "secret",
              observations: [`${me} knows ${round}`],
            },
          ],
        });
        await callOk(client, "add_observations", {
          observations: [{ entityName: "shared-0", contents: [`${me} round ${round}`] }],
        });
        await callOk(client, "remember", {
          sessionId: "same",
          content: `${me} says secret ${round}`,
        });
        const put = await callOk(client, "put_artifact", {
          content: round === 0 ? "same bytes" : `${me} file ${round}`,
          contentType: "text/plain",
          kind: "data",
        });
        // Equal bytes in the other tenant are never a dedup hit (no existence leak).
        expect(put.deduplicated).toBe(false);

        const graph = await callOk<{ entities: { name: string; observations: string[] }[] }>(
          client,
          "read_graph",
        );
        const text = JSON.stringify(graph);
        expect(text).not.toContain(`${other[me]} knows`);
        expect(text).not.toContain(`${other[me]} round`);
        expect(graph.entities).toHaveLength(round + 1);
        const searched = JSON.stringify(await callOk(client, "search_nodes", { query: other[me] }));
        expect(searched).not.toContain(`${other[me]} knows`);
        const hits = await callOk<{ hits: { turn: { content: string } }[] }>(
          client,
          "search_memory",
          { query: "secret" },
        );
        expect(hits.hits.map((h) => h.turn.content.slice(0, 1))).toEqual(Array(round + 1).fill(me));
        const recalled = await callOk<{ turns: { content: string }[] }>(client, "recall", {
          sessionId: "same",
        });
        expect(recalled.turns.every((t) => t.content.startsWith(`${me} says`))).toBe(true);
        const { resources } = await client.listResources();
        expect(resources).toHaveLength(round + 1);
        // The newest one: the content both tenants stored in round 0, or this tenant's own.
        const read = await client.readResource({ uri: resources[resources.length - 1]!.uri });
        const body = String((read.contents[0] as { text?: string }).text);
        expect(body === "same bytes" || body.startsWith(`${me} file`)).toBe(true);
      }
    }
    const a = await clients.a.listResources();
    const b = await clients.b.listResources();
    expect(new Set([...a.resources, ...b.resources].map((r) => r.uri)).size).toBe(2 * ROUNDS);
  });

  it("a session id used with another tenant's token is an unknown session", async () => {
    const opened = await fetch(server.url, {
      method: "POST",
      headers: {
        authorization: "Bearer token-a",
        "content-type": "application/json",
        accept: "application/json, text/event-stream",
      },
      body: JSON.stringify({
        jsonrpc: "2.0",
        id: 1,
        method: "initialize",
        params: {
          protocolVersion: "2025-06-18",
          capabilities: {},
          clientInfo: { name: "raw", version: "0" },
        },
      }),
    });
    expect(opened.status).toBe(200);
    const sessionId = opened.headers.get("mcp-session-id")!;
    await opened.body?.cancel();
    const stolen = await fetch(server.url, {
      method: "POST",
      headers: {
        authorization: "Bearer token-b",
        "content-type": "application/json",
        accept: "application/json, text/event-stream",
        "mcp-session-id": sessionId,
        "mcp-protocol-version": "2025-06-18",
      },
      body: JSON.stringify({
        jsonrpc: "2.0",
        id: 2,
        method: "tools/call",
        params: { name: "read_graph", arguments: {} },
      }),
    });
    expect(stolen.status).toBe(404);
    expect(await stolen.text()).not.toContain("shared-");
  });
});
