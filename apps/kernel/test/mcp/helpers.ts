/**
 * Test helpers for MCP: a small real `Invoker` over real backends (the kernel's runtime
 * replaces it once it lands), a loopback HTTP server that checks bearer tokens the way the
 * kernel does, and SDK clients over both transports.
 */
import { createServer, type Server as HttpServer } from "node:http";
import type { AddressInfo } from "node:net";
import { ArtifactStore } from "@mnemo/artifacts";
import type { StorageBackend } from "@mnemo/core";
import { EpisodicMemory } from "@mnemo/episodic";
import { BitemporalGraph } from "@mnemo/graph";
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";
import type { CallToolResult } from "@modelcontextprotocol/sdk/types.js";
import type { McpPrincipal } from "../../src/mcp/call.js";
import {
  createMcpHttpHandler,
  type McpHttpHandler,
  type McpHttpOptions,
} from "../../src/mcp/http.js";
import { mountableMcpHandler } from "../../src/mcp/mount.js";
import type { ComponentKey, Invoker, Scope } from "../../src/operations/define.js";

/** How the test invoker builds the components the MCP tools call. */
const FACTORIES: Partial<
  Record<ComponentKey, { namespace: string; create(store: StorageBackend): unknown }>
> = {
  graph: { namespace: "graph", create: (store) => new BitemporalGraph(store) },
  episodic: { namespace: "episodic", create: (store) => new EpisodicMemory(store) },
  artifacts: { namespace: "artifacts", create: (store) => new ArtifactStore(store) },
};

/**
 * A real invoker: the component of each operation over `root` for the call's tenant, one
 * instance per (component, tenant), as the kernel caches them.
 */
export class TestInvoker implements Invoker {
  readonly #root: StorageBackend;
  readonly #instances = new Map<string, { store: StorageBackend; component: unknown }>();

  constructor(root: StorageBackend) {
    this.#root = root;
  }

  /** The component the invoker would call for `tenant`: the direct path the tests compare with. */
  component<C>(key: ComponentKey, tenant: string): C {
    const factory = FACTORIES[key];
    if (factory === undefined) throw new Error(`the test invoker has no ${key} component`);
    const id = `${key}\u0000${tenant}`;
    let entry = this.#instances.get(id);
    if (entry === undefined) {
      const store = this.#root.forNamespace(factory.namespace).forTenant(tenant);
      entry = { store, component: factory.create(store) };
      this.#instances.set(id, entry);
    }
    return entry.component as C;
  }

  invoke: Invoker["invoke"] = (op, input, ctx, body) =>
    op.handler(this.component(op.component, ctx.tenant), input, ctx, body);

  /** Removes what the tests wrote (PostgreSQL outlives the run). */
  async clear(): Promise<void> {
    for (const { store } of this.#instances.values()) await store.clear().catch(() => {});
  }
}

export interface TestHttpServer {
  readonly url: URL;
  readonly handler: McpHttpHandler;
  close(): Promise<void>;
}

/** The scopes a token of `scope` carries, as the kernel's authenticator reports them. */
const IMPLIED: Record<Scope, Scope[]> = {
  read: ["read"],
  write: ["read", "write"],
  admin: ["read", "write", "admin"],
};

/**
 * The kernel's job in miniature: bearer token → tenant and scopes, then the handler mounted
 * at /mcp exactly as the kernel mounts it (`mountableMcpHandler`).
 */
export async function startMcpHttp(
  options: McpHttpOptions,
  tokens: Readonly<Record<string, McpPrincipal>>,
): Promise<TestHttpServer> {
  const handler = createMcpHttpHandler(options);
  const mounted = mountableMcpHandler(handler);
  const server: HttpServer = createServer((req, res) => {
    const auth = req.headers.authorization ?? "";
    const principal = auth.startsWith("Bearer ") ? tokens[auth.slice(7)] : undefined;
    if (new URL(req.url ?? "/", "http://x").pathname !== "/mcp") {
      res.writeHead(404).end();
    } else if (principal === undefined) {
      res.writeHead(401, { "www-authenticate": "Bearer" }).end();
    } else {
      const scopes = new Set(IMPLIED[principal.scope]);
      mounted(req, res, { tenant: principal.tenant, scopes }).catch((error: unknown) => {
        if (!res.headersSent) res.writeHead(500);
        res.end(String(error));
      });
    }
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: new URL(`http://127.0.0.1:${port}/mcp`),
    handler,
    async close() {
      await handler.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

export async function connectHttp(url: URL, token: string): Promise<Client> {
  const client = new Client({ name: "mnemo-test", version: "0.0.0" });
  await client.connect(
    new StreamableHTTPClientTransport(url, {
      requestInit: { headers: { authorization: `Bearer ${token}` } },
    }),
  );
  return client;
}

/** Calls a tool and returns its structured content; fails the test on a tool error. */
export async function callOk<T = Record<string, unknown>>(
  client: Client,
  name: string,
  args: Record<string, unknown> = {},
): Promise<T> {
  const result = (await client.callTool({ name, arguments: args })) as CallToolResult;
  if (result.isError) {
    const text = result.content[0]?.type === "text" ? result.content[0].text : "";
    throw new Error(`${name} failed: ${text}`);
  }
  return result.structuredContent as T;
}

/** Calls a tool expected to fail and returns the text of its error. */
export async function callError(client: Client, name: string, args: unknown = {}): Promise<string> {
  const result = (await client.callTool({
    name,
    arguments: args as Record<string, unknown>,
  })) as CallToolResult;
  if (!result.isError) throw new Error(`${name} succeeded; an error was expected`);
  return result.content[0]?.type === "text" ? result.content[0].text : "";
}
