/**
 * MCP over stdio, for desktop clients that start `mnemo mcp --config mnemo.toml` as a child
 * process. There is no token on stdio: the tenant (and scope) come from the config, so one
 * process serves exactly one tenant. stdout carries only protocol messages; log to stderr.
 */
import type { Readable, Writable } from "node:stream";
import { StdioServerTransport } from "@modelcontextprotocol/sdk/server/stdio.js";
import type { Scope } from "../operations/define.js";
import { type PendingRequests, trackPendingRequests } from "./in-flight.js";
import { createMcpServer, type McpServerOptions } from "./server.js";

export interface McpStdioOptions extends McpServerOptions {
  /** The tenant every call runs as (from the config's `[mcp] tenant`). */
  readonly tenant: string;
  /** Default `write`: a desktop client gets every memory tool but no admin operation. */
  readonly scope?: Scope;
  readonly stdin?: Readable;
  readonly stdout?: Writable;
}

export interface McpStdioServer {
  /** Resolves when the client closed stdin (or `close` was called) and every call finished. */
  readonly closed: Promise<void>;
  close(): Promise<void>;
}

export async function serveMcpStdio(options: McpStdioOptions): Promise<McpStdioServer> {
  const stdin = options.stdin ?? process.stdin;
  const server = createMcpServer(
    { tenant: options.tenant, scope: options.scope ?? "write" },
    { ...options, label: options.label ?? "stdio" },
  );
  const transport = new StdioServerTransport(stdin, options.stdout ?? process.stdout);
  let closing: Promise<void> | undefined;
  let pending: PendingRequests | undefined;
  const close = () => {
    // Calls in flight finish and answer before the server (and then the backends) go away.
    closing ??= (pending?.drain() ?? Promise.resolve()).then(() => server.close());
    return closing;
  };
  const closed = new Promise<void>((resolve) => {
    server.onclose = () => resolve();
  });
  stdin.once("end", () => void close());
  stdin.once("close", () => void close());
  await server.connect(transport);
  pending = trackPendingRequests(transport);
  return { closed: closed.then(() => closing), close };
}
