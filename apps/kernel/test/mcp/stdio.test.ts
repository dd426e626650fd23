/**
 * MCP over stdio: the SDK's client starts the server as a child process (as a desktop client
 * starts `mnemo mcp`), lists the tools and calls the graph and episodic ones; what the child
 * wrote is then read by this process with the components called directly. On a backend
 * several processes share (PostgreSQL), two child servers write one graph at once.
 */
import { randomUUID } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { StorageBackend } from "@mnemo/core";
import type { EpisodicMemory } from "@mnemo/episodic";
import type { BitemporalGraph } from "@mnemo/graph";
import {
  type BackendName,
  type BackendSpec,
  CHILD_CWD,
  openFromSpec,
  postgresTestUrl,
  scriptArgs,
  selectedBackends,
} from "@mnemo/testing";
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StdioClientTransport } from "@modelcontextprotocol/sdk/client/stdio.js";
import { afterAll, describe, expect, it } from "vitest";
import { KnowledgeGraph } from "../../src/mcp/graph-compat/knowledge-graph.js";
import type { KgGraph } from "../../src/mcp/graph-compat/model.js";
import { callOk, TestInvoker } from "./helpers.js";

const child = new URL("./fixtures/stdio-server.ts", import.meta.url);
const dirs: string[] = [];

/** Where a child process can open the data itself (the matrix's fixture holds LevelDB open). */
async function specFor(name: BackendName): Promise<BackendSpec> {
  const base = { namespace: "mcp", tenant: "root" };
  switch (name) {
    case "memory":
      return { ...base, backend: "memory" };
    case "level": {
      const path = await mkdtemp(join(tmpdir(), "mnemo-mcp-stdio-"));
      dirs.push(path);
      return { ...base, backend: "level", path };
    }
    case "postgres":
      return { ...base, backend: "postgres", connectionString: postgresTestUrl() };
  }
}

async function startChild(spec: BackendSpec, tenant: string): Promise<Client> {
  const transport = new StdioClientTransport({
    command: process.execPath,
    args: scriptArgs(child, [JSON.stringify(spec), tenant]),
    cwd: CHILD_CWD,
    stderr: "inherit",
  });
  const client = new Client({ name: "mnemo-stdio-test", version: "0.0.0" });
  await client.connect(transport);
  return client;
}

afterAll(async () => {
  for (const dir of dirs) await rm(dir, { recursive: true, force: true });
});

/**
 * A child costs seconds to start (TypeScript sources through tsx), so this file starts two,
 * on one backend: the first selected that several processes share, else one that persists.
 * The backend matrix itself is covered over HTTP; here the subject is the transport.
 */
function pickBackend(): BackendName {
  const selected = selectedBackends();
  return (["postgres", "level", "memory"] as const).find((n) => selected.includes(n))!;
}

describe(`stdio [${pickBackend()}]`, () => {
  const opened: { invoker: TestInvoker; root: StorageBackend }[] = [];
  afterAll(async () => {
    for (const { invoker, root } of opened) {
      await invoker.clear();
      await root.close();
    }
  });

  it("child processes serve the tools; their writes read back directly", async () => {
    const spec = await specFor(pickBackend());
    const tenant = `mcp-stdio-${randomUUID()}`;
    // A second process on the same data only where the backend allows it (not LevelDB).
    const probe = await openFromSpec(spec);
    const multiProcess = probe.characteristics().multiProcess;
    await probe.close();
    const clients = await Promise.all(
      (multiProcess ? [0, 1] : [0]).map(() => startChild(spec, tenant)),
    );
    const client = clients[0]!;
    const names = (await client.listTools()).tools.map((t) => t.name);
    expect(names).toEqual(
      expect.arrayContaining([
        "create_entities",
        "read_graph",
        "remember",
        "recall",
        "put_artifact",
      ]),
    );
    await callOk(client, "create_entities", {
      entities: [
        { name: "Ada", entityType: "person", observations: ["likes tea"] },
        { name: "Acme", entityType: "org", observations: [] },
      ],
    });
    const relation = { from: "Ada", to: "Acme", relationType: "works_at" };
    await callOk(client, "create_relations", { relations: [relation] });
    await callOk(client, "add_observations", {
      observations: [{ entityName: "Acme", contents: ["makes anvils"] }],
    });
    await callOk(client, "create_entities", {
      entities: [{ name: "Temp", entityType: "x", observations: ["gone soon"] }],
    });
    await callOk(client, "delete_entities", { entityNames: ["Temp"] });
    await callOk(client, "delete_observations", {
      deletions: [{ entityName: "Ada", observations: ["likes tea"] }],
    });
    await callOk(client, "create_relations", {
      relations: [{ from: "Acme", to: "Ada", relationType: "employs" }],
    });
    await callOk(client, "delete_relations", {
      relations: [{ from: "Acme", to: "Ada", relationType: "employs" }],
    });
    const graph = await callOk<KgGraph>(client, "read_graph");
    const searched = await callOk(client, "search_nodes", { query: "anvil" });
    const openedNodes = await callOk(client, "open_nodes", { names: ["Ada"] });
    const turn = await callOk(client, "remember", { sessionId: "s", content: "over stdio" });
    const recalled = await callOk(client, "recall", { sessionId: "s" });
    const hits = await callOk(client, "search_memory", { query: "stdio" });
    expect(graph).toEqual({
      entities: [
        { name: "Ada", entityType: "person", observations: [] },
        { name: "Acme", entityType: "org", observations: ["makes anvils"] },
      ],
      relations: [relation],
      truncated: false,
    });
    expect(recalled).toEqual({ turns: [turn] });
    // Every child writes observations of one entity at once: none may be lost.
    await callOk(client, "create_entities", {
      entities: [{ name: "hub", entityType: "topic", observations: [] }],
    });
    const count = 10;
    await Promise.all(
      clients.flatMap((c, p) =>
        Array.from({ length: count }, (_, k) =>
          callOk(c, "add_observations", {
            observations: [{ entityName: "hub", contents: [`p${p} fact ${k}`] }],
          }),
        ),
      ),
    );
    for (const c of clients) await c.close(); // the children exit and release the backend

    const root = await openFromSpec(spec);
    if (!root.characteristics().persistent) {
      await root.close();
      return;
    }
    const invoker = new TestInvoker(root);
    opened.push({ invoker, root });
    const kg = new KnowledgeGraph(invoker.component<BitemporalGraph>("graph", tenant));
    const expected = clients.flatMap((_, p) =>
      Array.from({ length: count }, (_, k) => `p${p} fact ${k}`),
    );
    expect((await kg.observations("hub")).sort()).toEqual(expected.sort());
    const { truncated: _, ...direct } = await kg.readGraph();
    expect(direct.entities.filter((e) => e.name !== "hub")).toEqual(graph.entities);
    expect(direct.relations).toEqual(graph.relations);
    expect(searched).toEqual(await kg.searchNodes("anvil"));
    expect(openedNodes).toEqual(await kg.openNodes(["Ada"]));
    const memory = invoker.component<EpisodicMemory>("episodic", tenant);
    expect(recalled).toEqual({ turns: await memory.recent("s") });
    expect(hits).toEqual({ hits: await memory.search("stdio") });
  });
});
