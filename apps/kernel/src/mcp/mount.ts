/**
 * The handler the kernel's HTTP server mounts at `/mcp` (`KernelHttpServer.mountMcp`): it
 * has already checked the bearer token and hands over the tenant and scopes, which become the
 * session's principal. Typed structurally so this file does not import `http/`.
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import type { Scope } from "../operations/define.js";
import { highestScope } from "./config.js";
import type { McpHttpHandler } from "./http.js";

/** What `http/server.ts` gives a handler mounted at /mcp (its `TenantContext`). */
export interface MountContext {
  readonly tenant: string;
  readonly scopes: ReadonlySet<Scope>;
}

export function mountableMcpHandler(
  handler: McpHttpHandler,
): (req: IncomingMessage, res: ServerResponse, ctx: MountContext) => Promise<void> {
  return async (req, res, ctx) => {
    const scope = highestScope(ctx.scopes);
    if (scope === undefined) {
      res.writeHead(403, { "content-type": "application/json" });
      res.end(
        JSON.stringify({ jsonrpc: "2.0", error: { code: -32001, message: "no scope" }, id: null }),
      );
      return;
    }
    await handler.handle(req, res, { tenant: ctx.tenant, scope });
  };
}
