/**
 * MCP over stdio: the SDK's client starts the server as a child process (as a desktop client
 * starts `mnemo mcp`), lists the tools and calls the graph and episodic ones; what the child
 * wrote is then read by this process with the components called directly. On a backend
 * several processes share (PostgreSQL), two child servers write one graph at once.
 */
import { randomUUID } from "node:crypto";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { EpisodicMemory } from "@mnemo/episodic";
import type { BitemporalGraph } from "@mnemo/graph";
import { type BackendName, CHILD_CWD, scriptArgs, selectedBackends } from "@mnemo/testing";
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StdioClientTransport } from "@modelcontextprotocol/sdk/client/stdio.js";
import { afterAll, describe, expect, it } from "vitest";
import { loadConfigFile } from "../../src/config/load.js";
import { KnowledgeGraph } from "../../src/mcp/graph-compat/knowledge-graph.js";
import type { KgGraph } from "../../src/mcp/graph-compat/model.js";
import { type OpenedRuntime, openRuntime } from "../../src/mcp/stdio-kernel.js";
import type { ComponentKey } from "../../src/operations/define.js";
import { storageToml } from "../helpers.js";
import { callOk } from "./helpers.js";

const child = new URL("./fixtures/stdio-kernel.ts", import.meta.url);
const dirs: string[] = [];

/** A mnemo.toml file whose `[mcp] tenant` is `tenant`: stdio has no token, the config decides. */
async function configFor(name: BackendName, tenant: string): Promise<string> {
  const dataDir = await mkdtemp(join(tmpdir(), "mnemo-mcp-stdio-"));
  dirs.push(dataDir);
  const toml = [
    'auth = "none"',
    storageToml(name, dataDir),
    "[log]",
    'level = "silent"',
    "[mcp]",
    `tenant = ${JSON.stringify(tenant)}`,
  ].join("\n");
  const path = join(dataDir, "mnemo.toml");
  await writeFile(path, toml);
  return path;
}

async function startChild(configPath: string): Promise<Client> {
  const transport = new StdioClientTransport({
    command: process.execPath,
    args: scriptArgs(child, [configPath]),
    cwd: CHILD_CWD,
    stderr: "inherit",
  });
  const client = new Client({ name: "mnemo-stdio-test", version: "0.0.0" });
  await client.connect(transport);
  return client;
}

/** Runs `read` on the tenant's instance of a component, under a lease. */
async function withComponent<C, T>(
  opened: OpenedRuntime,
  key: ComponentKey,
  tenant: string,
  read: (component: C) => Promise<T>,
): Promise<T> {
  const lease = opened.runtime.slot(key).ref.acquire();
  try {
    return await read(lease.value.instanceFor(tenant) as C);
  } finally {
    lease.release();
  }
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
  it("child processes serve the tools; their writes read back directly", async () => {
    const name = pickBackend();
    const tenant = `mcp-stdio-${randomUUID()}`;
    const toml = await configFor(name, tenant);
    // A second process on the same data only where the backend allows it (not LevelDB).
    const clients = await Promise.all(
      (name === "postgres" ? [0, 1] : [0]).map(() => startChild(toml)),
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
    const graph_ = await callOk<KgGraph>(client, "read_graph");
    const searched = await callOk(client, "search_nodes", { query: "anvil" });
    const openedNodes = await callOk(client, "open_nodes", { names: ["Ada"] });
    const turn = await callOk(client, "remember", { sessionId: "s", content: "over stdio" });
    const recalled = await callOk(client, "recall", { sessionId: "s" });
    const hits = await callOk(client, "search_memory", { query: "stdio" });
    expect(graph_).toEqual({
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

    if (name === "memory") return; // nothing outlives the child
    const opened = await openRuntime(await loadConfigFile(toml));
    try {
      const expected = clients.flatMap((_, p) =>
        Array.from({ length: count }, (_, k) => `p${p} fact ${k}`),
      );
      await withComponent(opened, "graph", tenant, async (graph: BitemporalGraph) => {
        const kg = new KnowledgeGraph(graph);
        expect((await kg.observations("hub")).sort()).toEqual(expected.sort());
        const { truncated: _, ...direct } = await kg.readGraph();
        expect(direct.entities.filter((e) => e.name !== "hub")).toEqual(graph_.entities);
        expect(direct.relations).toEqual(graph_.relations);
        expect(searched).toEqual(await kg.searchNodes("anvil"));
        expect(openedNodes).toEqual(await kg.openNodes(["Ada"]));
      });
      await withComponent(opened, "episodic", tenant, async (memory: EpisodicMemory) => {
        expect(recalled).toEqual({ turns: await memory.recent("s") });
        expect(hits).toEqual({ hits: await memory.search("stdio") });
      });
      // PostgreSQL outlives the run: leave nothing of this tenant behind.
      for (const key of ["graph", "episodic"] as const) {
        const lease = opened.runtime.slot(key).ref.acquire();
        await lease.value.backend.forTenant(tenant).clear();
        lease.release();
      }
    } finally {
      await opened.close();
    }
  });
});
