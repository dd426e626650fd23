/**
 * One definition per public operation of a component. The HTTP routes, the OpenAPI document
 * and the MCP tools are all generated from these records; nothing else lists operations.
 *
 * Schemas are Effect `Schema`s over plain JSON: `input` decodes the JSON a client sent (path
 * parameters, query string and body merged into one object), `output` encodes what the
 * handler returned back to JSON. Both also give the JSON Schema of the OpenAPI document and
 * of the MCP tool (`Schema.toJsonSchemaDocument`). Components still validate their own input:
 * the schema is the contract a client sees, the component is the last line of defence.
 */
import type { StorageBackend } from "@mnemo/core";
import type { Schema } from "effect";

/** A component's section name in mnemo.toml (the seed's names). */
export type ComponentKey =
  | "vector_embeddings"
  | "episodic"
  | "graph"
  | "procedural"
  | "agent_state"
  | "workflow_state"
  | "sessions"
  | "artifacts"
  | "event_log"
  | "hook_history";

/** What a token must carry to call an operation. `admin` implies write, write implies read. */
export type Scope = "read" | "write" | "admin";

export type HttpMethod = "GET" | "POST" | "PUT" | "PATCH" | "DELETE";

/** What the kernel hands every handler besides its input. */
export interface CallContext {
  /** From the bearer token (or the config for `auth = "none"` / stdio MCP), never the request. */
  readonly tenant: string;
  readonly requestId: string;
  /** Aborted when the client goes away or the kernel shuts down. */
  readonly signal: AbortSignal;
}

/** A request body that is raw bytes (`application/octet-stream`), streamed, never buffered whole. */
export interface BinaryBody {
  readonly stream: AsyncIterable<Uint8Array>;
  readonly contentType?: string;
  /** From Content-Length, when the client sent one. */
  readonly length?: number;
}

/** A response that is raw bytes instead of JSON. */
export interface BinaryResult {
  readonly kind: "binary";
  readonly contentType: string;
  readonly length?: number;
  readonly stream: AsyncIterable<Uint8Array>;
}

/** A response that is a stream of Server-Sent Events, each `data` one JSON value. */
export interface EventStreamResult {
  readonly kind: "sse";
  readonly events: AsyncIterable<{ readonly id?: string; readonly data: unknown }>;
}

export interface OperationDef<C, I, O> {
  /** `<component>.<verb>` in camelCase, e.g. `sessions.create`; MCP tool names derive from it. */
  readonly name: string;
  readonly component: ComponentKey;
  /** One line for OpenAPI's summary. */
  readonly summary: string;
  /** For a model choosing a tool: what it stores or reads, when to call it, what comes back. */
  readonly description: string;
  readonly scope: Scope;
  /**
   * `path` is relative to the API root, e.g. `/sessions/{id}`; every `{name}` in it is an
   * input field of the same name. GET and DELETE read the other fields from the query string
   * (see `query`), the others from the JSON body.
   */
  readonly http: { readonly method: HttpMethod; readonly path: string };
  readonly input: Schema.Codec<I, unknown>;
  /** The JSON shape of the result; for `response: "binary" | "sse"` it describes metadata only. */
  readonly output: Schema.Codec<O, unknown>;
  /**
   * `"binary"`: the request body is raw bytes, given to the handler as `body`; the JSON input
   * then comes from the path and query string only.
   */
  readonly body?: "binary";
  /** `"binary"` or `"sse"`: the handler returns a `BinaryResult` / `EventStreamResult`. */
  readonly response?: "binary" | "sse";
  /** False for operations MCP must not offer (binary streams, SSE); default true. */
  readonly mcp?: boolean;
  readonly handler: (
    component: C,
    input: I,
    ctx: CallContext,
    body?: BinaryBody,
  ) => Promise<O | BinaryResult | EventStreamResult>;
}

/** A component as the kernel serves it. */
export interface ComponentDef<C> {
  readonly key: ComponentKey;
  /** The backend namespace the component's data lives in. */
  readonly namespace: string;
  /**
   * Builds the component over one tenant's handle. The kernel caches the result per
   * (tenant, backend generation) and calls `close` when that generation is retired.
   */
  readonly create: (store: StorageBackend) => C;
  readonly close?: (component: C) => Promise<void>;
  // biome-ignore lint/suspicious/noExplicitAny: each operation has its own input and output
  readonly operations: readonly OperationDef<C, any, any>[];
}

/** Identity helpers that keep the type parameters of one definition together. */
export function defineOperation<C, I, O>(op: OperationDef<C, I, O>): OperationDef<C, I, O> {
  return op;
}

export function defineComponent<C>(def: ComponentDef<C>): ComponentDef<C> {
  return def;
}

/**
 * How `http/` and `mcp/` reach a component: the kernel's implementation takes a lease on the
 * component's backend for the call, builds or reuses the tenant's component instance, runs
 * the handler and releases the lease. `input` has already been decoded by `op.input`.
 */
export interface Invoker {
  invoke(
    // biome-ignore lint/suspicious/noExplicitAny: any operation of any component
    op: OperationDef<any, any, any>,
    input: unknown,
    ctx: CallContext,
    body?: BinaryBody,
  ): Promise<unknown>;
}
