/**
 * /openapi.json is a valid OpenAPI 3.1 document (checked by a real validator), and a client
 * generated from it (openapi-typescript types + openapi-fetch) calls the kernel. The
 * generated types are committed (test/generated/openapi.d.ts) so the calls below are
 * type-checked; this test regenerates them and fails when they are stale
 * (`UPDATE_CLIENT=1 npx vitest run test/openapi.test.ts` rewrites the file).
 */
import { readFile, writeFile } from "node:fs/promises";
import { Validator } from "@seriousme/openapi-schema-validator";
import createClient from "openapi-fetch";
import openapiTS, { astToString } from "openapi-typescript";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { RouteTable } from "../src/http/routes.js";
import { components } from "../src/operations/index.js";
import type { paths } from "./generated/openapi.js";
import { startTestKernel, type TestKernel } from "./helpers.js";

const GENERATED = new URL("./generated/openapi.d.ts", import.meta.url);

describe("OpenAPI", () => {
  let k: TestKernel;
  let doc: Record<string, unknown>;
  beforeAll(async () => {
    k = await startTestKernel({ backend: "memory" });
    doc = (await (await fetch(`${k.base}/openapi.json`)).json()) as Record<string, unknown>;
  });
  afterAll(() => k?.close());

  it("is a valid OpenAPI 3.1 document", async () => {
    const result = await new Validator().validate(doc as never);
    expect(result.errors ?? []).toEqual([]);
    expect(result.valid).toBe(true);
    expect(doc.openapi).toBe("3.1.0");
  });

  it("lists every operation once, from the same definitions as the routes", () => {
    const ops: string[] = [];
    for (const item of Object.values(
      doc.paths as Record<string, Record<string, { operationId: string }>>,
    )) {
      for (const op of Object.values(item)) ops.push(op.operationId);
    }
    const routed = new RouteTable(components).routes.map((r) => r.op.name);
    expect(ops.sort()).toEqual([...routed].sort());
  });

  it("the committed generated client types match the document", async () => {
    const generated = `${astToString(await openapiTS(doc as never))}`;
    if (process.env.UPDATE_CLIENT === "1") await writeFile(GENERATED, generated);
    expect(await readFile(GENERATED, "utf8")).toBe(generated);
  });

  it("a generated client calls the operations of every served component", async () => {
    const client = createClient<paths>({
      baseUrl: k.base,
      headers: { authorization: `Bearer ${k.tokens.acmeWrite}` },
    });
    const created = await client.POST("/v1/sessions", {
      body: { id: "typed", ttlMs: 60_000, data: { from: "client" } },
    });
    expect(created.data?.id).toBe("typed");
    const got = await client.GET("/v1/sessions/{id}", { params: { path: { id: "typed" } } });
    expect(got.data?.data).toEqual({ from: "client" });
    const page = await client.GET("/v1/sessions", { params: { query: { limit: 5 } } });
    expect(page.data?.items.map((s) => s.id)).toEqual(["typed"]);
    const missing = await client.GET("/v1/sessions/{id}", { params: { path: { id: "nope" } } });
    expect(missing.response.status).toBe(404);
    expect(missing.error).toMatchObject({ code: "NOT_FOUND" });
    const ended = await client.DELETE("/v1/sessions/{id}", { params: { path: { id: "typed" } } });
    expect(ended.data?.deleted).toBe(true);
  });

  describe("a write and a read of every other component through the generated client", () => {
    let client: ReturnType<typeof createClient<paths>>;
    beforeAll(() => {
      client = createClient<paths>({
        baseUrl: k.base,
        headers: { authorization: `Bearer ${k.tokens.acmeWrite}` },
      });
    });
    const T0 = Date.UTC(2024, 0, 15);

    it("vector: upsert, then search finds it", async () => {
      const name = { path: { name: "notes" } };
      const made = await client.POST("/v1/vector/collections", {
        body: { name: "notes", dimension: 3, metric: "cosine" },
      });
      expect(made.data).toMatchObject({ name: "notes", dimension: 3, metric: "cosine" });
      for (const [id, vector] of [
        ["north", [0, 1, 0]],
        ["east", [1, 0, 0]],
      ] as const) {
        const put = await client.PUT("/v1/vector/collections/{name}/vectors/{id}", {
          params: { path: { name: "notes", id } },
          body: { vector: [...vector], metadata: { id } },
        });
        expect(put.response.status).toBe(200);
      }
      const hits = await client.POST("/v1/vector/collections/{name}/search", {
        params: name,
        body: { vector: [0.1, 0.9, 0], k: 2 },
      });
      expect(hits.data?.items.map((h) => h.id)).toEqual(["north", "east"]);
      const stored = await client.GET("/v1/vector/collections/{name}/vectors/{id}", {
        params: { path: { name: "notes", id: "north" } },
      });
      expect(stored.data).toMatchObject({ id: "north", metadata: { id: "north" } });
      expect(stored.data?.vector).toEqual([0, 1, 0]);
    });

    it("episodic: append, then search and list return the turn", async () => {
      const turn = { sessionId: "s-1", role: "user", content: "Book a flight to Lisbon" } as const;
      const appended = await client.POST("/v1/episodic/turns", {
        body: { ...turn, timestamp: T0, metadata: { channel: "chat" } },
      });
      expect(appended.data).toMatchObject({ ...turn, timestamp: T0 });
      const found = await client.POST("/v1/episodic/search", {
        body: { query: "flight Lisbon", limit: 5 },
      });
      expect(found.data?.items.map((h) => h.turn.id)).toEqual([appended.data?.id]);
      const listed = await client.GET("/v1/episodic/sessions/{sessionId}/turns", {
        params: { path: { sessionId: "s-1" } },
      });
      expect(listed.data?.items).toEqual([appended.data]);
    });

    it("graph: assert, then an as-of read sees the fact only in its valid time", async () => {
      const JAN = Date.UTC(2024, 0, 1);
      const asserted = await client.POST("/v1/graph/entities", {
        body: {
          id: "ada",
          type: "person",
          name: "Ada",
          properties: { born: 1815 },
          validFrom: JAN,
        },
      });
      expect(asserted.data).toMatchObject({ id: "ada", validFrom: JAN, validTo: null });
      const path = { id: "ada" };
      const now = await client.GET("/v1/graph/entities/{id}", {
        params: { path, query: { validAt: JAN + 1 } },
      });
      expect(now.data).toMatchObject({ name: "Ada", properties: { born: 1815 } });
      const before = await client.GET("/v1/graph/entities/{id}", {
        params: { path, query: { validAt: JAN - 1 } },
      });
      expect(before.response.status).toBe(404);
    });

    it("procedural: record executions, then the stats count them", async () => {
      const path = { agentId: "a-1", name: "web-search" };
      const saved = await client.PUT("/v1/procedural/agents/{agentId}/skills/{name}", {
        params: { path },
        body: { category: "research", steps: ["query", "read"] },
      });
      expect(saved.data).toMatchObject({ version: 1, steps: ["query", "read"] });
      for (const success of [true, false, true]) {
        const recorded = await client.POST(
          "/v1/procedural/agents/{agentId}/skills/{name}/executions",
          { params: { path }, body: { success, durationMs: 10 } },
        );
        expect(recorded.response.status).toBe(200);
      }
      const stats = await client.GET("/v1/procedural/agents/{agentId}/skills/{name}/stats", {
        params: { path },
      });
      expect(stats.data).toMatchObject({ usageCount: 3, successCount: 2, failureCount: 1 });
    });

    it("agent-state: save a snapshot, then load it back", async () => {
      const path = { agentId: "a-1" };
      const data = { goal: "book a flight", step: 3 };
      const saved = await client.POST("/v1/agent-state/agents/{agentId}/snapshots", {
        params: { path },
        body: { encoding: "json", data, metadata: { kind: "plan" } },
      });
      expect(saved.data).toMatchObject({ version: 1, encoding: "json" });
      const bytes = Buffer.from([0, 1, 250, 255]).toString("base64");
      await client.POST("/v1/agent-state/agents/{agentId}/snapshots", {
        params: { path },
        body: { encoding: "bytes", data: bytes },
      });
      const latest = await client.GET("/v1/agent-state/agents/{agentId}/snapshot", {
        params: { path },
      });
      expect(latest.data).toMatchObject({ version: 2, encoding: "bytes", data: bytes });
      const first = await client.GET("/v1/agent-state/agents/{agentId}/snapshot", {
        params: { path, query: { version: 1 } },
      });
      expect(first.data).toMatchObject({ data, metadata: { kind: "plan" } });
    });

    it("workflow-state: create a run, transition it, read it back", async () => {
      const created = await client.POST("/v1/workflow-state/runs", {
        body: { workflowId: "ingest", runId: "r-1", input: { url: "https://example.com" } },
      });
      expect(created.data).toMatchObject({ runId: "r-1", status: "pending" });
      const path = { runId: "r-1" };
      const moved = await client.POST("/v1/workflow-state/runs/{runId}/transition", {
        params: { path },
        body: { to: "running", reason: "go" },
      });
      expect(moved.data).toMatchObject({ status: "running" });
      const refused = await client.POST("/v1/workflow-state/runs/{runId}/transition", {
        params: { path },
        body: { to: "pending" },
      });
      expect(refused.response.status).toBe(422);
      expect(refused.error).toMatchObject({ code: "FAILED_PRECONDITION" });
      const run = await client.GET("/v1/workflow-state/runs/{runId}", { params: { path } });
      expect(run.data).toMatchObject({ status: "running", input: { url: "https://example.com" } });
    });

    it("artifacts: put raw bytes, get the same bytes back", async () => {
      const content = new Uint8Array(70_000).map((_, i) => (i * 31) % 256);
      const put = await client.POST("/v1/artifacts/items", {
        params: { query: { kind: "data", name: "blob.bin" } },
        body: content as never,
        bodySerializer: (body) => body as never,
        headers: { "content-type": "application/octet-stream" },
      });
      expect(put.data).toMatchObject({ size: content.length, deduplicated: false });
      const id = put.data?.artifactId as string;
      const got = await client.GET("/v1/artifacts/items/{artifactId}/content", {
        params: { path: { artifactId: id } },
        parseAs: "arrayBuffer",
      });
      expect(got.response.headers.get("content-type")).toBe("application/octet-stream");
      expect(new Uint8Array(got.data as unknown as ArrayBuffer)).toEqual(content);
      const stat = await client.GET("/v1/artifacts/items/{artifactId}", {
        params: { path: { artifactId: id } },
      });
      expect(stat.data).toMatchObject({ name: "blob.bin", size: content.length });
    });

    it("event-log: append, then query returns the event", async () => {
      const appended = await client.POST("/v1/event-log/events", {
        body: {
          type: "tool.called",
          data: { tool: "search" },
          correlationId: "c-1",
          timestamp: T0,
        },
      });
      expect(appended.data).toMatchObject({ type: "tool.called", data: { tool: "search" } });
      const page = await client.GET("/v1/event-log/events", {
        params: { query: { correlationId: "c-1" } },
      });
      expect(page.data?.items).toEqual([appended.data]);
    });

    it("hook-history: record, then query returns the execution", async () => {
      const recorded = await client.POST("/v1/hook-history/executions", {
        body: {
          hookId: "redact",
          hookType: "pre-tool",
          input: { tool: "shell" },
          output: { allowed: false },
          startedAt: T0,
          durationMs: 3,
        },
      });
      expect(recorded.data).toMatchObject({ hookId: "redact", output: { allowed: false } });
      const page = await client.GET("/v1/hook-history/executions", {
        params: { query: { hookId: "redact" } },
      });
      expect(page.data?.items).toEqual([recorded.data]);
    });
  });
});
