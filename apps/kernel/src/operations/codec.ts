/**
 * The one way to run an operation's schemas: decode a client's JSON into the handler's input,
 * encode a handler's result back to JSON, and produce the JSON Schemas OpenAPI and MCP publish.
 * HTTP, MCP and the tests all go through these, so a call means the same everywhere: unknown
 * fields refused, and a refusal names the first problem (`ttlMs: expected an integer`).
 *
 * Decoders are compiled once per schema and kept (the HTTP request path is hot): the first
 * call builds Effect's parser, later calls only run it.
 */
import { StorageError } from "@mnemo/core";
import { Cause, Exit, type JsonSchema, Schema, SchemaIssue } from "effect";
import type { OperationDef } from "./define.js";
import { INPUT_PARSE_OPTIONS, JSON_SCHEMA_OPTIONS } from "./schemas.js";

// biome-ignore lint/suspicious/noExplicitAny: any operation of any component
type AnyOperation = OperationDef<any, any, any>;

/** A compiled input decoder: the decoded value, or an `INVALID_ARGUMENT` `StorageError` thrown. */
export type InputDecoder<I = unknown> = (json: unknown) => I;

const formatIssues = SchemaIssue.makeFormatterStandardSchemaV1();

/** A path segment as text: a key, an index, or Effect's `{ key }` wrapper. */
function segment(p: unknown): string {
  if (typeof p === "object" && p !== null) return String((p as { key: PropertyKey }).key);
  return String(p);
}

/** The first problem of a refusal as `field: expected …`, the field in `details`. */
function refusal(cause: Cause.Cause<unknown>): StorageError {
  const error = Cause.squash(cause) as { issue?: SchemaIssue.Issue };
  const issue = error.issue === undefined ? undefined : formatIssues(error.issue).issues[0];
  const field = (issue?.path ?? []).map(segment).join(".");
  const message =
    issue?.message === "Expected no excess property" ? "unknown field" : issue?.message;
  return new StorageError(
    "INVALID_ARGUMENT",
    `${field === "" ? "input" : field}: ${(message ?? "invalid input").replace(/^Expected/, "expected")}`,
    { cause: error, details: field === "" ? {} : { field } },
  );
}

const compiled = new WeakMap<Schema.Top, InputDecoder>();

/**
 * The decoder of an input schema (an operation's, or another JSON body the kernel reads):
 * compiled on first use and shared by every caller after that.
 */
export function inputDecoder<I = unknown>(schema: Schema.Top): InputDecoder<I> {
  let decoder = compiled.get(schema);
  if (decoder === undefined) {
    const decode = Schema.decodeUnknownExit(schema as Schema.Codec<unknown, unknown>, {
      ...INPUT_PARSE_OPTIONS,
    });
    decoder = (json) => {
      const exit = decode(json);
      if (Exit.isSuccess(exit)) return exit.value;
      throw refusal(exit.cause);
    };
    compiled.set(schema, decoder);
  }
  return decoder as InputDecoder<I>;
}

/** The handler's input from the client's JSON (path, query and body merged), or `INVALID_ARGUMENT`. */
// biome-ignore lint/suspicious/noExplicitAny: any component, any result
export function decodeInput<I>(op: OperationDef<any, I, any>, json: unknown): I {
  return inputDecoder<I>(op.input)(json);
}

/** The JSON of a handler's result. A result the schema refuses is a kernel bug, not the client's. */
// biome-ignore lint/suspicious/noExplicitAny: any component, any input
export function encodeOutput<O>(op: OperationDef<any, any, O>, result: O): unknown {
  try {
    return Schema.encodeUnknownSync(op.output)(result);
  } catch (error) {
    const message = Schema.isSchemaError(error) ? error.message : "could not be read";
    throw new StorageError("CORRUPTED", `${op.name} output: ${message}`, {
      cause: error,
      details: { operation: op.name },
    });
  }
}

/** The JSON Schema (draft 2020-12) of an operation's input, unknown fields refused. */
export function inputJsonSchema(op: AnyOperation): JsonSchema.Document<"draft-2020-12"> {
  return Schema.toJsonSchemaDocument(op.input, JSON_SCHEMA_OPTIONS);
}

/** The JSON Schema of an operation's (JSON) result. */
export function outputJsonSchema(op: AnyOperation): JsonSchema.Document<"draft-2020-12"> {
  return Schema.toJsonSchemaDocument(op.output, JSON_SCHEMA_OPTIONS);
}
