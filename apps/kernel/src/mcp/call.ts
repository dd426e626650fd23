/**
 * One tool call: decode the arguments, invoke the operation for the session's tenant, encode
 * the result as text plus structured content. Every failure — an unknown tool, arguments
 * the schema refuses, a `StorageError` from the component — comes back as a tool result with
 * `isError: true` and the error code first in its text, so a model can read and correct it
 * and the session goes on.
 */
import type { CallToolResult } from "@modelcontextprotocol/sdk/types.js";
import { Result } from "effect";
import { decodeInput } from "../operations/codec.js";
import type { CallContext, Invoker, Scope } from "../operations/define.js";
import { type McpTool, scopeAllows } from "./tools.js";

/** Who is calling: fixed for the life of an MCP session. */
export interface McpPrincipal {
  readonly tenant: string;
  readonly scope: Scope;
}

export function toolError(code: string, message: string): CallToolResult {
  return { isError: true, content: [{ type: "text", text: `${code}: ${message}` }] };
}

/** A `StorageError` from any copy of `@mnemo/core` (checked by shape, not `instanceof`). */
function storageCode(error: unknown): string | undefined {
  if (typeof error !== "object" || error === null) return undefined;
  const { name, code } = error as { name?: unknown; code?: unknown };
  return name === "StorageError" && typeof code === "string" ? code : undefined;
}

/**
 * Turns anything a handler threw into a tool error. A `StorageError`'s message is written for
 * the caller; anything else (a bug, a driver's text) is reported as `INTERNAL` with the
 * request id only, and handed to `onError` for the operator's log.
 */
export function errorResult(
  error: unknown,
  requestId: string,
  onError: (error: unknown, requestId: string) => void = logToStderr,
): CallToolResult {
  const code = storageCode(error);
  if (code !== undefined) return toolError(code, (error as Error).message);
  onError(error, requestId);
  return toolError("INTERNAL", `the call failed unexpectedly (request ${requestId})`);
}

/** stdout may be the stdio transport: errors go to stderr. */
export function logToStderr(error: unknown, requestId: string): void {
  console.error(`mnemo mcp: request ${requestId} failed:`, error);
}

export function jsonResult(value: unknown, wrap: boolean): CallToolResult {
  const structured = wrap ? { result: value } : (value as Record<string, unknown>);
  return {
    content: [{ type: "text", text: JSON.stringify(value ?? null, null, 2) }],
    structuredContent: structured,
  };
}

export interface CallOptions {
  readonly tool: McpTool | undefined;
  readonly toolName: string;
  readonly args: unknown;
  readonly principal: McpPrincipal;
  readonly invoker: Invoker;
  readonly requestId: string;
  readonly signal: AbortSignal;
  readonly onError?: (error: unknown, requestId: string) => void;
}

export async function callTool(options: CallOptions): Promise<CallToolResult> {
  const { tool, principal } = options;
  if (tool === undefined) {
    return toolError("NOT_FOUND", `no tool named ${JSON.stringify(options.toolName)} here`);
  }
  if (!scopeAllows(principal.scope, tool.operation.scope)) {
    return toolError(
      "PERMISSION_DENIED",
      `${tool.name} needs the ${tool.operation.scope} scope; this session has ${principal.scope}`,
    );
  }
  // The operations' one codec, as on HTTP: the same refusals, the same first-problem message.
  let input: unknown;
  try {
    input = decodeInput(tool.operation, options.args ?? {});
  } catch (error) {
    return toolError("INVALID_ARGUMENT", `arguments of ${tool.name}: ${(error as Error).message}`);
  }
  const ctx: CallContext = {
    tenant: principal.tenant,
    requestId: options.requestId,
    signal: options.signal,
  };
  try {
    const output = await options.invoker.invoke(tool.operation, input, ctx);
    const encoded = tool.encode(output);
    if (Result.isFailure(encoded)) {
      return errorResult(encoded.failure, options.requestId, options.onError);
    }
    return jsonResult(encoded.success, tool.wrapsResult);
  } catch (error) {
    return errorResult(error, options.requestId, options.onError);
  }
}
