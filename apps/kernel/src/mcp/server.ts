/**
 * One MCP server per session: the SDK's `Server` with handlers for tools and resources,
 * bound for its whole life to one principal (tenant and scope), whatever transport carries
 * it. Tools are the operations of the `components` registry plus the curated memory tools,
 * filtered by the operator's exposure and the principal's scope.
 */
import { Server } from "@modelcontextprotocol/sdk/server/index.js";
import {
  CallToolRequestSchema,
  ErrorCode,
  ListResourcesRequestSchema,
  ListResourceTemplatesRequestSchema,
  ListToolsRequestSchema,
  McpError,
  ReadResourceRequestSchema,
  type Tool,
} from "@modelcontextprotocol/sdk/types.js";
import type { Invoker } from "../operations/define.js";
import { components } from "../operations/index.js";
import {
  ARTIFACT_URI_TEMPLATE,
  listArtifactResources,
  putArtifact,
  readArtifactResource,
} from "./artifact-resources.js";
import { type CallOptions, callTool, errorResult, type McpPrincipal } from "./call.js";
import { episodicTools } from "./episodic-tools.js";
import { graphCompatTools } from "./graph-compat/operations.js";
import {
  type AnyOperation,
  isExposed,
  type McpExposure,
  type McpTool,
  scopeAllows,
  toolFromOperation,
  toolsFromOperations,
  toolTable,
} from "./tools.js";

export const SERVER_NAME = "mnemo";
export const SERVER_VERSION = "0.1.0";

/** The memory tools written for models, under the names agents already use. */
export function curatedTools(): McpTool[] {
  return [...graphCompatTools, ...episodicTools, ["put_artifact", putArtifact] as const].map(
    ([name, op]) => toolFromOperation(op as AnyOperation, name),
  );
}

let registryTools: McpTool[] | undefined;

/**
 * Every tool a server can offer: the curated ones, then one per operation (default: the
 * `components` registry's, built once per process — JSON Schemas are not free).
 */
export function allTools(operations?: readonly AnyOperation[]): McpTool[] {
  if (operations !== undefined) return [...curatedTools(), ...toolsFromOperations(operations)];
  registryTools ??= [
    ...curatedTools(),
    ...toolsFromOperations(components.flatMap((c) => c.operations)),
  ];
  return registryTools;
}

export interface McpServerOptions {
  readonly invoker: Invoker;
  /** Default: `allTools()`. Built once per process and shared by every session. */
  readonly tools?: readonly McpTool[];
  readonly exposure?: McpExposure;
  /** For request ids in logs: which session a call came from. */
  readonly label?: string;
  /** Errors that are not `StorageError`s (bugs, driver failures); default: stderr. */
  readonly onError?: (error: unknown, requestId: string) => void;
}

/** The tools of `options` an operator exposes, by name (before the principal's scope). */
export function exposedTools(
  tools: readonly McpTool[],
  exposure: McpExposure | undefined,
): ReadonlyMap<string, McpTool> {
  return toolTable(tools.filter((tool) => isExposed(tool, exposure)));
}

/** Tools that forget or remove something, by their verb: clients may ask before calling them. */
const DESTRUCTIVE = /(^|_)(delete|end|prune|gc|sweep|unlink|remove)(_|$)/;

function describeTool(tool: McpTool): Tool {
  return {
    name: tool.name,
    title: tool.operation.summary,
    description: tool.operation.description,
    inputSchema: tool.inputSchema,
    outputSchema: tool.outputSchema,
    annotations: {
      title: tool.operation.summary,
      readOnlyHint: tool.readOnly,
      destructiveHint: !tool.readOnly && DESTRUCTIVE.test(tool.name),
      openWorldHint: false,
    },
  };
}

/** A resource read failed: a JSON-RPC error (resources have no `isError`), code first. */
function resourceError(error: unknown, requestId: string, options: McpServerOptions): McpError {
  const text = errorResult(error, requestId, options.onError).content[0];
  const message = text?.type === "text" ? text.text : "the read failed";
  const invalid = message.startsWith("INVALID_ARGUMENT") || message.startsWith("NOT_FOUND");
  return new McpError(invalid ? ErrorCode.InvalidParams : ErrorCode.InternalError, message);
}

export function createMcpServer(principal: McpPrincipal, options: McpServerOptions): Server {
  const tools = exposedTools(options.tools ?? allTools(), options.exposure);
  const visible = [...tools.values()].filter((t) =>
    scopeAllows(principal.scope, t.operation.scope),
  );
  const artifacts = options.exposure?.components?.artifacts !== false;
  const label = options.label ?? "mcp";
  const server = new Server(
    { name: SERVER_NAME, version: SERVER_VERSION },
    {
      capabilities: { tools: { listChanged: false }, ...(artifacts ? { resources: {} } : {}) },
      instructions:
        "Mnemo is long-term memory: a knowledge graph (create_entities, add_observations, " +
        "search_nodes, open_nodes, read_graph), conversation memory (remember, recall, " +
        "search_memory) and stored files (put_artifact, resources mnemo://artifacts/...).",
    },
  );
  const call = (op: AnyOperation, input: unknown, requestId: string, signal: AbortSignal) =>
    options.invoker.invoke(op, input, { tenant: principal.tenant, requestId, signal });

  server.setRequestHandler(ListToolsRequestSchema, () => ({ tools: visible.map(describeTool) }));
  server.setRequestHandler(CallToolRequestSchema, (request, extra) => {
    const call: CallOptions = {
      tool: tools.get(request.params.name),
      toolName: request.params.name,
      args: request.params.arguments,
      principal,
      invoker: options.invoker,
      requestId: `${label}:${String(extra.requestId)}`,
      signal: extra.signal,
      ...(options.onError === undefined ? {} : { onError: options.onError }),
    };
    return callTool(call);
  });
  if (!artifacts) return server;

  server.setRequestHandler(ListResourcesRequestSchema, async (request, extra) => {
    const cursor = request.params?.cursor;
    const requestId = `${label}:${String(extra.requestId)}`;
    try {
      const page = (await call(
        listArtifactResources,
        cursor === undefined ? {} : { cursor },
        requestId,
        extra.signal,
      )) as { resources: { uri: string; name: string; mimeType: string; size: number }[] };
      return page;
    } catch (error) {
      throw resourceError(error, requestId, options);
    }
  });
  server.setRequestHandler(ListResourceTemplatesRequestSchema, () => ({
    resourceTemplates: [
      {
        uriTemplate: ARTIFACT_URI_TEMPLATE,
        name: "artifact",
        title: "A stored artifact",
        description: "A file stored with put_artifact, by its artifact id",
      },
    ],
  }));
  server.setRequestHandler(ReadResourceRequestSchema, async (request, extra) => {
    const requestId = `${label}:${String(extra.requestId)}`;
    try {
      const content = (await call(
        readArtifactResource,
        { uri: request.params.uri },
        requestId,
        extra.signal,
      )) as { uri: string; mimeType: string; text: string } | { uri: string; blob: string };
      return { contents: [content] };
    } catch (error) {
      throw resourceError(error, requestId, options);
    }
  });
  return server;
}
