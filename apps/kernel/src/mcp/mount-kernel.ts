/**
 * MCP on a running kernel: the Streamable HTTP handler over the kernel's runtime, mounted at
 * `/mcp` behind the kernel's own token check. Closing the returned handler (before the
 * kernel) lets sessions answer what they were asked.
 */
import type { Kernel } from "../kernel.js";
import { createMcpHttpHandler, type McpHttpHandler, type McpHttpOptions } from "./http.js";
import { mountableMcpHandler } from "./mount.js";

export function mountMcp(
  kernel: Pick<Kernel, "http" | "runtime">,
  options: Omit<McpHttpOptions, "invoker"> = {},
): McpHttpHandler {
  const handler = createMcpHttpHandler({ ...options, invoker: kernel.runtime });
  kernel.http.mountMcp(mountableMcpHandler(handler));
  return handler;
}
