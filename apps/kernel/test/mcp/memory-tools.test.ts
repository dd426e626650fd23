/**
 * Episodic and artifact tools, scopes and exposure over Streamable HTTP with the SDK's
 * client, on every backend, checked against the components called directly.
 */
import type { ArtifactStore } from "@mnemo/artifacts";
import type { EpisodicMemory } from "@mnemo/episodic";
import { forEachBackend } from "@mnemo/testing";
import type { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { afterAll, beforeAll, expect, it } from "vitest";
import {
  callError,
  callOk,
  connectHttp,
  startMcpHttp,
  type TestHttpServer,
  TestInvoker,
} from "./helpers.js";

const TENANT = `mcp-memory-${process.pid}-${Date.now()}`;

forEachBackend((backend) => {
  let invoker: TestInvoker;
  let server: TestHttpServer;
  let writer: Client;

  beforeAll(async () => {
    invoker = new TestInvoker(await backend.open());
    server = await startMcpHttp(
      { invoker },
      {
        writer: { tenant: TENANT, scope: "write" },
        reader: { tenant: TENANT, scope: "read" },
      },
    );
    writer = await connectHttp(server.url, "writer");
  });
  afterAll(async () => {
    await writer?.close();
    await server?.close();
    await invoker?.clear();
  });

  it("remember, recall and search_memory agree with episodic memory called directly", async () => {
    const memory = invoker.component<EpisodicMemory>("episodic", TENANT);
    const first = await callOk(writer, "remember", {
      sessionId: "chat-1",
      content: "How do I reset my router?",
    });
    expect(first).toMatchObject({ sessionId: "chat-1", role: "user" });
    expect(await memory.get(String(first.id))).toEqual(first);
    await callOk(writer, "remember", {
      sessionId: "chat-1",
      role: "assistant",
      content: "Hold the reset button for ten seconds.",
      metadata: { source: "manual", page: 12 },
    });
    await callOk(writer, "remember", { sessionId: "chat-2", content: "My cat is called Router." });

    const recalled = await callOk<{ turns: unknown[] }>(writer, "recall", { sessionId: "chat-1" });
    expect(recalled.turns).toEqual(await memory.recent("chat-1"));
    expect(recalled.turns).toHaveLength(2);
    expect(await callOk(writer, "recall", { sessionId: "chat-1", limit: 1 })).toEqual({
      turns: await memory.recent("chat-1", 1),
    });

    const hits = await callOk<{ hits: { turn: { sessionId: string } }[] }>(
      writer,
      "search_memory",
      { query: "resetting routers" },
    );
    expect(hits).toEqual({ hits: await memory.search("resetting routers") });
    expect(hits.hits.length).toBe(3);
    const scoped = await callOk(writer, "search_memory", {
      query: "router",
      sessionId: "chat-2",
      limit: 5,
    });
    expect(scoped).toEqual({
      hits: await memory.search("router", { sessionId: "chat-2", limit: 5 }),
    });

    for (const [args, code] of [
      [{ sessionId: "chat-1", content: "x", role: "robot" }, "INVALID_ARGUMENT"],
      [{ sessionId: "", content: "x" }, "INVALID_ARGUMENT"],
      [{ sessionId: "chat-1", content: null }, "INVALID_ARGUMENT"],
      [{ sessionId: "chat-1", content: "x", metadata: "m" }, "INVALID_ARGUMENT"],
    ] as const) {
      expect(await callError(writer, "remember", args)).toMatch(new RegExp(`^${code}: `));
    }
    let deep: unknown = "leaf";
    for (let i = 0; i < 4000; i++) deep = { d: deep };
    expect(
      await callError(writer, "remember", { sessionId: "chat-1", content: "x", metadata: deep }),
    ).toMatch(/^INVALID_ARGUMENT: /);
    expect(await callError(writer, "recall", { sessionId: "chat-1", limit: 0 })).toMatch(
      /^INVALID_ARGUMENT: /,
    );
    expect(await memory.count("chat-1")).toBe(2);
  });

  it("put_artifact stores; artifacts are listed and read back as resources", async () => {
    const store = invoker.component<ArtifactStore>("artifacts", TENANT);
    const text = await callOk(writer, "put_artifact", {
      content: "# Notes\n\nRouters reset in ten seconds.",
      contentType: "text/markdown",
      kind: "document",
      name: "notes.md",
    });
    const bytes = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0, 255, 1, 2]);
    const image = await callOk(writer, "put_artifact", {
      content: Buffer.from(bytes).toString("base64"),
      encoding: "base64",
      contentType: "image/png",
      kind: "image",
    });
    expect(image).toMatchObject({ size: 8, deduplicated: false });
    expect(await store.get(String(image.artifactId))).toEqual(bytes);
    const again = await callOk(writer, "put_artifact", {
      content: "# Notes\n\nRouters reset in ten seconds.",
      contentType: "text/markdown",
      kind: "document",
    });
    expect(again).toMatchObject({ hash: text.hash, deduplicated: true });

    const { resources } = await writer.listResources();
    expect(resources.map((r) => r.uri)).toEqual([text.uri, image.uri, again.uri]);
    expect(resources[0]).toMatchObject({ name: "notes.md", mimeType: "text/markdown" });
    const read = await writer.readResource({ uri: String(text.uri) });
    expect(read.contents).toEqual([
      {
        uri: text.uri,
        mimeType: "text/markdown",
        text: "# Notes\n\nRouters reset in ten seconds.",
      },
    ]);
    const blob = await writer.readResource({ uri: String(image.uri) });
    expect(Buffer.from(String((blob.contents[0] as { blob?: string }).blob), "base64")).toEqual(
      Buffer.from(bytes),
    );
    const { resourceTemplates } = await writer.listResourceTemplates();
    expect(resourceTemplates[0]?.uriTemplate).toBe("mnemo://artifacts/{artifactId}");

    await expect(writer.readResource({ uri: "mnemo://artifacts/nope" })).rejects.toThrow(
      /NOT_FOUND/,
    );
    await expect(writer.readResource({ uri: "file:///etc/passwd" })).rejects.toThrow(
      /INVALID_ARGUMENT/,
    );
    for (const args of [
      { content: "!!", encoding: "base64", contentType: "image/png", kind: "image" },
      { content: "x", contentType: "text/plain", kind: "movie" },
      { content: "x", contentType: "", kind: "data" },
    ]) {
      expect(await callError(writer, "put_artifact", args)).toMatch(/^INVALID_ARGUMENT: /);
    }
    expect((await store.list()).items).toHaveLength(3);
  });

  it("a read token sees and calls read tools only", async () => {
    const reader = await connectHttp(server.url, "reader");
    try {
      const { tools } = await reader.listTools();
      const names = tools.map((t) => t.name);
      expect(names).toEqual(expect.arrayContaining(["read_graph", "search_nodes", "recall"]));
      for (const name of ["create_entities", "remember", "put_artifact", "delete_entities"]) {
        expect(names).not.toContain(name);
      }
      expect(tools.every((t) => t.annotations?.readOnlyHint === true)).toBe(true);
      expect(
        await callError(reader, "remember", { sessionId: "chat-1", content: "sneaky" }),
      ).toMatch(/^PERMISSION_DENIED: /);
      expect(await callOk(reader, "recall", { sessionId: "chat-1" })).toMatchObject({
        turns: [{}, {}],
      });
      expect((await reader.listResources()).resources.length).toBe(3);
    } finally {
      await reader.close();
    }
  });

  it("[mcp] exposure: a tool list, and per-component switches down to read-only", async () => {
    const tokens = { writer: { tenant: TENANT, scope: "write" as const } };
    const readOnlyGraph = await startMcpHttp(
      { invoker, exposure: { components: { graph: "read", artifacts: false } } },
      tokens,
    );
    const listed = await startMcpHttp(
      { invoker, exposure: { tools: ["recall", "search_memory"] } },
      tokens,
    );
    try {
      const a = await connectHttp(readOnlyGraph.url, "writer");
      const names = (await a.listTools()).tools.map((t) => t.name);
      expect(names).toEqual(expect.arrayContaining(["read_graph", "open_nodes", "remember"]));
      expect(names).not.toContain("create_entities");
      expect(names).not.toContain("put_artifact");
      expect(a.getServerCapabilities()?.resources).toBeUndefined();
      expect(await callError(a, "create_entities", { entities: [] })).toMatch(/^NOT_FOUND: /);
      await a.close();

      const b = await connectHttp(listed.url, "writer");
      expect((await b.listTools()).tools.map((t) => t.name).sort()).toEqual([
        "recall",
        "search_memory",
      ]);
      expect(await callError(b, "remember", { sessionId: "s", content: "x" })).toMatch(
        /^NOT_FOUND: /,
      );
      await b.close();
    } finally {
      await readOnlyGraph.close();
      await listed.close();
    }
  });
});
