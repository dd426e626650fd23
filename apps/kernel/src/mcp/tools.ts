/**
 * MCP tools from operation definitions. A tool is an operation plus the name a model sees;
 * its input JSON Schema is the operation's `input` schema as a JSON Schema document, its
 * results the operation's `output` encoded to JSON. Nothing here knows what a tool does.
 */
import type { StorageError } from "@mnemo/core";
import { Result, Schema } from "effect";
import { decodeInput } from "../operations/codec.js";
import type { ComponentKey, OperationDef, Scope } from "../operations/define.js";

// biome-ignore lint/suspicious/noExplicitAny: a tool can wrap any operation
export type AnyOperation = OperationDef<any, any, any>;

/** JSON Schema of a tool's arguments or structured result: always an object at the root. */
export interface ObjectJsonSchema {
  readonly type: "object";
  readonly [key: string]: unknown;
}

export interface McpTool {
  /** What the model calls: `^[a-zA-Z0-9_-]{1,64}$`, the subset every MCP client accepts. */
  readonly name: string;
  readonly operation: AnyOperation;
  readonly inputSchema: ObjectJsonSchema;
  readonly outputSchema: ObjectJsonSchema;
  /** True when the output is not a JSON object and is wrapped as `{ result }`. */
  readonly wrapsResult: boolean;
  readonly readOnly: boolean;
  /** Decodes the JSON arguments a client sent: the operations' one codec, as on HTTP. */
  readonly decode: (args: unknown) => Result.Result<unknown, StorageError>;
  /** Encodes what the handler returned to JSON. */
  readonly encode: (value: unknown) => Result.Result<unknown, Schema.SchemaError>;
}

const TOOL_NAME = /^[a-zA-Z0-9_-]{1,64}$/;

/**
 * `sessions.createSnapshot` → `sessions_create_snapshot`: dots and camelCase humps become
 * underscores, because several clients refuse dots in tool names.
 */
export function toolNameOf(operationName: string): string {
  const name = operationName
    .replace(/\./g, "_")
    .replace(/([a-z0-9])([A-Z])/g, "$1_$2")
    .toLowerCase();
  if (!TOOL_NAME.test(name)) {
    throw new Error(`operation ${JSON.stringify(operationName)} gives no valid MCP tool name`);
  }
  return name;
}

/**
 * Decoding (operations/codec.ts) refuses unknown fields, and the JSON Schemas say so
 * (`additionalProperties: false`), so a call means the same on MCP and HTTP.
 */
const JSON_SCHEMA_OPTIONS = { onExcessProperty: "error" } as const;

/** The JSON Schema document of `schema`, definitions inlined as `$defs` for MCP clients. */
function jsonSchemaOf(schema: Schema.Top): Record<string, unknown> {
  const document = Schema.toJsonSchemaDocument(schema, JSON_SCHEMA_OPTIONS);
  const root = { ...(document.schema as Record<string, unknown>) };
  if (Object.keys(document.definitions).length > 0) root.$defs = document.definitions;
  return root;
}

function isObjectSchema(schema: Record<string, unknown>): schema is ObjectJsonSchema {
  return schema.type === "object";
}

/** The tool of one operation; `name` overrides the name derived from `operation.name`. */
export function toolFromOperation(operation: AnyOperation, name?: string): McpTool {
  const toolName = name ?? toolNameOf(operation.name);
  if (!TOOL_NAME.test(toolName)) throw new Error(`invalid MCP tool name ${toolName}`);
  const input = jsonSchemaOf(operation.input);
  if (!isObjectSchema(input)) {
    throw new Error(`operation ${operation.name}: an MCP tool's input must be an object schema`);
  }
  const output = jsonSchemaOf(operation.output);
  const wrapsResult = !isObjectSchema(output);
  const { $defs, ...outputRoot } = output;
  return {
    name: toolName,
    operation,
    inputSchema: input,
    outputSchema: wrapsResult
      ? {
          type: "object",
          properties: { result: outputRoot },
          required: ["result"],
          ...($defs === undefined ? {} : { $defs }),
        }
      : (output as ObjectJsonSchema),
    wrapsResult,
    readOnly: operation.scope === "read",
    decode: (args) => {
      try {
        return Result.succeed(decodeInput(operation, args));
      } catch (error) {
        return Result.fail(error as StorageError);
      }
    },
    encode: (value) => Schema.encodeUnknownResult(operation.output)(value),
  };
}

const SCOPE_RANK: Readonly<Record<Scope, number>> = { read: 0, write: 1, admin: 2 };

/** `admin` implies write, write implies read. */
export function scopeAllows(granted: Scope, needed: Scope): boolean {
  return SCOPE_RANK[granted] >= SCOPE_RANK[needed];
}

/**
 * Which tools a server offers, from `[mcp]` in mnemo.toml. `tools`, when given, is the
 * complete list of tool names offered; `components` switches a component off (`false`) or
 * down to its read tools (`"read"`). Both apply: a tool is offered when both allow it.
 */
export interface McpExposure {
  readonly tools?: readonly string[];
  readonly components?: Partial<Record<ComponentKey, boolean | "read">>;
}

export function isExposed(tool: McpTool, exposure: McpExposure = {}): boolean {
  if (exposure.tools !== undefined && !exposure.tools.includes(tool.name)) return false;
  const switched = exposure.components?.[tool.operation.component];
  if (switched === false) return false;
  if (switched === "read" && !tool.readOnly) return false;
  return true;
}

/** The tools of `operations` that MCP may offer (`mcp: false` and binary/SSE ops left out). */
export function toolsFromOperations(operations: readonly AnyOperation[]): McpTool[] {
  return operations
    .filter((op) => op.mcp !== false && op.response === undefined && op.body === undefined)
    .map((op) => toolFromOperation(op));
}

/** One tool per name: a second tool of the same name is a programming error. */
export function toolTable(tools: readonly McpTool[]): ReadonlyMap<string, McpTool> {
  const table = new Map<string, McpTool>();
  for (const tool of tools) {
    if (table.has(tool.name)) throw new Error(`two MCP tools are named ${tool.name}`);
    table.set(tool.name, tool);
  }
  return table;
}
