/**
 * MCP on a real kernel (`startKernel`, real tokens, the kernel's runtime) on every backend:
 * the SDK's client calls tools of every component and gets what the operation returns when
 * invoked directly, and two tenants' tokens never see each other's data.
 */
import type { BitemporalGraph } from "@mnemo/graph";
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { KnowledgeGraph } from "../../src/mcp/graph-compat/knowledge-graph.js";
import type { McpHttpHandler } from "../../src/mcp/http.js";
import { mountMcp } from "../../src/mcp/mount-kernel.js";
import { allTools } from "../../src/mcp/server.js";
import { decodeInput, encodeOutput } from "../../src/operations/codec.js";
import { selectedBackends, startTestKernel, type TestKernel } from "../helpers.js";
import { callError, callOk } from "./helpers.js";

async function connect(k: TestKernel, token: string): Promise<Client> {
  const client = new Client({ name: "mnemo-kernel-test", version: "0.0.0" });
  await client.connect(
    new StreamableHTTPClientTransport(new URL(`${k.base}/mcp`), {
      requestInit: { headers: { authorization: `Bearer ${token}` } },
    }),
  );
  return client;
}

for (const backend of selectedBackends()) {
  describe(`[${backend}] MCP on the kernel`, () => {
    let k: TestKernel;
    let mcp: McpHttpHandler;
    let acme: Client;
    beforeAll(async () => {
      k = await startTestKernel({ backend });
      mcp = mountMcp(k.kernel);
      acme = await connect(k, k.tokens.acmeWrite);
    });
    afterAll(async () => {
      await acme?.close();
      await mcp?.close();
      await k?.close();
    });

    /** What the operation behind `tool` returns for `args` when invoked directly, as JSON. */
    async function direct(name: string, args: Record<string, unknown>): Promise<unknown> {
      const tool = allTools().find((t) => t.name === name)!;
      const op = tool.operation;
      const ctx = {
        tenant: k.tenants.acme,
        requestId: "direct",
        signal: new AbortController().signal,
      };
      const result = encodeOutput(
        op,
        await k.kernel.runtime.invoke(op, decodeInput(op, args), ctx),
      );
      return tool.wrapsResult ? { result } : result;
    }

    it("tools of every component answer as their operations do", async () => {
      await callOk(acme, "vector_embeddings_create_collection", {
        name: "docs",
        dimension: 3,
        metric: "cosine",
      });
      await callOk(acme, "vector_embeddings_upsert", { name: "docs", id: "a", vector: [1, 0, 0] });
      await callOk(acme, "vector_embeddings_upsert", { name: "docs", id: "b", vector: [0, 1, 0] });
      const search = { name: "docs", vector: [0.9, 0.1, 0], k: 2 };
      expect(await callOk(acme, "vector_embeddings_search", search)).toEqual(
        await direct("vector_embeddings_search", search),
      );

      const session = await callOk(acme, "sessions_create", { ttlMs: 60_000 });
      const id = (session.result as { id: string }).id;
      expect(await callOk(acme, "sessions_get", { id })).toEqual(
        await direct("sessions_get", { id }),
      );

      await callOk(acme, "procedural_save_skill", {
        agentId: "bot",
        name: "deploy",
        category: "ops",
        content: "make deploy",
      });
      for (const success of [true, false, true]) {
        await callOk(acme, "procedural_record_execution", {
          agentId: "bot",
          name: "deploy",
          success,
          durationMs: 12,
        });
      }
      const best = { agentId: "bot", category: "ops" };
      expect(await callOk(acme, "procedural_best_skills", best)).toEqual(
        await direct("procedural_best_skills", best),
      );

      const run = await callOk(acme, "workflow_state_create_run", { workflowId: "wf" });
      const runId = String(run.runId);
      await callOk(acme, "workflow_state_transition", { runId, to: "running" });
      // A running run's durations grow between two reads: compare the rest.
      const {
        durationMs: _d,
        activeMs: _a,
        ...stable
      } = (await direct("workflow_state_get_run", {
        runId,
      })) as Record<string, unknown>;
      expect(await callOk(acme, "workflow_state_get_run", { runId })).toMatchObject(stable);
      expect(await callError(acme, "workflow_state_transition", { runId, to: "pending" })).toMatch(
        /^FAILED_PRECONDITION: /,
      );

      await callOk(acme, "event_log_append", { type: "deployed", data: { v: 1 } });
      expect(await callOk(acme, "event_log_query", { type: "deployed" })).toEqual(
        await direct("event_log_query", { type: "deployed" }),
      );

      // The curated tools on the kernel's runtime, against the component it serves.
      await callOk(acme, "create_entities", {
        entities: [{ name: "Ada", entityType: "person", observations: ["on the kernel"] }],
      });
      const lease = k.kernel.runtime.slot("graph").ref.acquire();
      try {
        const graph = lease.value.instanceFor(k.tenants.acme) as BitemporalGraph;
        expect(await callOk(acme, "read_graph")).toEqual(
          await new KnowledgeGraph(graph).readGraph(),
        );
      } finally {
        lease.release();
      }
    });

    it("a read token and another tenant's token see only what they may", async () => {
      const reader = await connect(k, k.tokens.acmeRead);
      const globex = await connect(k, k.tokens.globexWrite);
      try {
        const names = (await reader.listTools()).tools.map((t) => t.name);
        expect(names).toContain("read_graph");
        expect(names).not.toContain("create_entities");
        expect(names).not.toContain("vector_embeddings_upsert");
        await callOk(acme, "remember", { sessionId: "s", content: "acme's secret" });
        await callOk(globex, "remember", { sessionId: "s", content: "globex's secret" });
        const acmeHits = JSON.stringify(await callOk(reader, "search_memory", { query: "secret" }));
        const globexHits = JSON.stringify(
          await callOk(globex, "search_memory", { query: "secret" }),
        );
        expect(acmeHits).toContain("acme's");
        expect(acmeHits).not.toContain("globex's");
        expect(globexHits).toContain("globex's");
        expect(globexHits).not.toContain("acme's");
        expect(JSON.stringify(await callOk(globex, "read_graph"))).not.toContain("Ada");
        expect(
          await callError(globex, "vector_embeddings_search", {
            name: "docs",
            vector: [1, 0, 0],
            k: 1,
          }),
        ).toMatch(/^NOT_FOUND: /);
      } finally {
        await reader.close();
        await globex.close();
      }
      const anonymous = await fetch(`${k.base}/mcp`, { method: "POST", body: "{}" });
      expect(anonymous.status).toBe(401);
    });
  });
}
