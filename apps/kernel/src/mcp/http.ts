/**
 * MCP over Streamable HTTP, as a handler the kernel mounts at `/mcp` after it has checked the
 * bearer token: `handle(req, res, principal)`. Each session (opened by an `initialize` POST)
 * has its own server bound to the principal that opened it; a later request naming the
 * session with a token of another tenant or scope gets the same 404 as an unknown session,
 * so a session id alone never carries rights and never reveals another tenant's session.
 */
import { randomUUID } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import { type Clock, systemClock } from "@mnemo/core";
import { StreamableHTTPServerTransport } from "@modelcontextprotocol/sdk/server/streamableHttp.js";
import { isInitializeRequest } from "@modelcontextprotocol/sdk/types.js";
import type { McpPrincipal } from "./call.js";
import { type PendingRequests, trackPendingRequests } from "./in-flight.js";
import { createMcpServer, type McpServerOptions } from "./server.js";

/** A request body larger than this is refused with 413 (an 8 MiB artifact in base64 fits). */
export const MAX_MCP_BODY_BYTES = 16 * 1024 * 1024;

export interface McpHttpOptions extends McpServerOptions {
  /** Sessions open at once; an `initialize` past it gets 503. Default 1,000. */
  readonly maxSessions?: number;
  /** A session unused this long is closed. Default 30 minutes. */
  readonly idleTimeoutMs?: number;
  readonly clock?: Clock;
}

export interface McpHttpHandler {
  handle(req: IncomingMessage, res: ServerResponse, principal: McpPrincipal): Promise<void>;
  /** Sessions open now. */
  readonly sessions: number;
  /** Lets calls in flight finish, then closes every session. */
  close(): Promise<void>;
}

interface Session {
  readonly principal: McpPrincipal;
  readonly transport: StreamableHTTPServerTransport;
  readonly pending: PendingRequests;
  lastUsed: number;
}

function jsonRpcError(res: ServerResponse, status: number, code: number, message: string): void {
  if (res.headersSent) return;
  res.writeHead(status, { "content-type": "application/json" });
  res.end(JSON.stringify({ jsonrpc: "2.0", error: { code, message }, id: null }));
}

/** The JSON body, or undefined after answering 413/400 itself. */
async function readJsonBody(req: IncomingMessage, res: ServerResponse): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.byteLength;
    if (size > MAX_MCP_BODY_BYTES) {
      jsonRpcError(res, 413, -32600, `request body over ${MAX_MCP_BODY_BYTES} bytes`);
      req.destroy();
      return undefined;
    }
    chunks.push(chunk);
  }
  try {
    return JSON.parse(Buffer.concat(chunks).toString("utf8"));
  } catch {
    jsonRpcError(res, 400, -32700, "the request body is not JSON");
    return undefined;
  }
}

const samePrincipal = (a: McpPrincipal, b: McpPrincipal) =>
  a.tenant === b.tenant && a.scope === b.scope;

export function createMcpHttpHandler(options: McpHttpOptions): McpHttpHandler {
  const sessions = new Map<string, Session>();
  const maxSessions = options.maxSessions ?? 1000;
  const idleTimeoutMs = options.idleTimeoutMs ?? 30 * 60_000;
  const clock = options.clock ?? systemClock;
  let closed = false;

  const sweep = setInterval(
    () => {
      const now = clock.now();
      for (const [id, session] of sessions) {
        if (now - session.lastUsed > idleTimeoutMs) {
          sessions.delete(id);
          void session.transport.close();
        }
      }
    },
    Math.min(idleTimeoutMs, 60_000),
  );
  sweep.unref();

  async function open(
    req: IncomingMessage,
    res: ServerResponse,
    principal: McpPrincipal,
    body: unknown,
  ): Promise<void> {
    if (!isInitializeRequest(body)) {
      jsonRpcError(res, 400, -32600, "no mcp-session-id: the first request must be initialize");
      return;
    }
    if (sessions.size >= maxSessions) {
      jsonRpcError(res, 503, -32000, `too many MCP sessions open (${maxSessions})`);
      return;
    }
    let pending: PendingRequests | undefined;
    const transport: StreamableHTTPServerTransport = new StreamableHTTPServerTransport({
      sessionIdGenerator: () => randomUUID(),
      onsessioninitialized: (id) => {
        if (pending !== undefined)
          sessions.set(id, { principal, transport, pending, lastUsed: clock.now() });
      },
      onsessionclosed: (id) => {
        sessions.delete(id);
      },
    });
    transport.onclose = () => {
      if (transport.sessionId !== undefined) sessions.delete(transport.sessionId);
    };
    const server = createMcpServer(principal, { ...options, label: "http" });
    await server.connect(transport);
    pending = trackPendingRequests(transport);
    await transport.handleRequest(req, res, body);
  }

  return {
    get sessions() {
      return sessions.size;
    },
    async handle(req, res, principal) {
      if (closed) return jsonRpcError(res, 503, -32000, "the MCP endpoint is shutting down");
      const header = req.headers["mcp-session-id"];
      const id = Array.isArray(header) ? header[0] : header;
      const body = req.method === "POST" ? await readJsonBody(req, res) : undefined;
      if (req.method === "POST" && body === undefined) return;
      if (id === undefined) {
        if (req.method !== "POST") {
          return jsonRpcError(res, 400, -32600, "no mcp-session-id: open a session first");
        }
        return open(req, res, principal, body);
      }
      const session = sessions.get(id);
      if (session === undefined || !samePrincipal(session.principal, principal)) {
        return jsonRpcError(res, 404, -32001, "no such MCP session");
      }
      session.lastUsed = clock.now();
      await session.transport.handleRequest(req, res, body);
    },
    async close() {
      closed = true;
      clearInterval(sweep);
      const open = [...sessions.values()];
      // Each session answers what it was asked before it closes; new requests get 503.
      await Promise.all(open.map((s) => s.pending.drain().then(() => s.transport.close())));
      sessions.clear();
    },
  };
}
