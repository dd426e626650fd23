/**
 * Test helpers for MCP: the kernel's runtime over a backend of the matrix, a loopback HTTP
 * server that checks bearer tokens the way the kernel does, and the SDK's client.
 */
import { createServer, type Server as HttpServer } from "node:http";
import type { AddressInfo } from "node:net";
import type { StorageBackend } from "@mnemo/core";
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
import { components } from "../../src/operations/index.js";
import { ComponentSlot, Runtime } from "../../src/runtime.js";

/**
 * The kernel's runtime (`Runtime`, `ComponentSlot`, the registry's component definitions)
 * over one backend handle of the matrix: every component in its namespace on that store, so
 * the tools run exactly as in the kernel, and tests can still reach each component directly.
 */
export class TestInvoker implements Invoker {
  readonly #root: StorageBackend;
  readonly #runtime: Runtime;
  readonly #tenants = new Set<string>();

  constructor(root: StorageBackend) {
    this.#root = root;
    this.#runtime = new Runtime(
      components.map(
        (def) =>
          new ComponentSlot(def, {
            backend: root.forNamespace(def.namespace),
            kind: "memory", // a metrics label only
            // The matrix's fixture owns the store and closes it after the file.
            release: async () => {},
          }),
      ),
    );
  }

  /** The component the runtime calls for `tenant`: the direct path the tests compare with. */
  component<C>(key: ComponentKey, tenant: string): C {
    const lease = this.#runtime.slot(key).ref.acquire();
    try {
      return lease.value.instanceFor(tenant) as C;
    } finally {
      lease.release();
    }
  }

  invoke: Invoker["invoke"] = (op, input, ctx, body) => {
    this.#tenants.add(ctx.tenant);
    return this.#runtime.invoke(op, input, ctx, body);
  };

  /** Removes what the tests wrote (PostgreSQL outlives the run), then closes the runtime. */
  async clear(): Promise<void> {
    for (const tenant of this.#tenants) {
      for (const def of components) {
        await this.#root
          .forNamespace(def.namespace)
          .forTenant(tenant)
          .clear()
          .catch(() => {});
      }
    }
    await this.#runtime.close();
  }
}

/**
 * `invoker` held at a gate, so a test decides when a call may run: `started` resolves when a
 * call reached the gate, `release()` lets every call through.
 */
export function gatedInvoker(invoker: Invoker): {
  invoker: Invoker;
  started: Promise<void>;
  release: () => void;
} {
  let release!: () => void;
  const gate = new Promise<void>((resolve) => {
    release = resolve;
  });
  let reached!: () => void;
  const started = new Promise<void>((resolve) => {
    reached = resolve;
  });
  return {
    invoker: {
      async invoke(op, input, ctx, body) {
        reached();
        await gate;
        return invoker.invoke(op, input, ctx, body);
      },
    },
    started,
    release,
  };
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
