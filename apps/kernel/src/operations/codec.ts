/**
 * The one way to run an operation's schemas: decode a client's JSON into the handler's input,
 * encode a handler's result back to JSON, and produce the JSON Schemas OpenAPI and MCP publish.
 * HTTP, MCP and the tests all go through these, so the options (unknown fields refused) are
 * the same everywhere.
 */
import { StorageError } from "@mnemo/core";
import { type JsonSchema, Schema } from "effect";
import type { OperationDef } from "./define.js";
import { INPUT_PARSE_OPTIONS, JSON_SCHEMA_OPTIONS } from "./schemas.js";

// biome-ignore lint/suspicious/noExplicitAny: any operation of any component
type AnyOperation = OperationDef<any, any, any>;

/** A schema refusal as the `INVALID_ARGUMENT` `StorageError` the HTTP layer maps to 400. */
function invalid(op: AnyOperation, side: "input" | "output", error: unknown): StorageError {
  const message = Schema.isSchemaError(error) ? error.message : "could not be read";
  return new StorageError(
    side === "input" ? "INVALID_ARGUMENT" : "CORRUPTED",
    `${op.name} ${side}: ${message}`,
    { cause: error, details: { operation: op.name } },
  );
}

/** The handler's input from the client's JSON (path, query and body merged), or `INVALID_ARGUMENT`. */
// biome-ignore lint/suspicious/noExplicitAny: any component, any result
export function decodeInput<I>(op: OperationDef<any, I, any>, json: unknown): I {
  try {
    return Schema.decodeUnknownSync(op.input)(json, INPUT_PARSE_OPTIONS);
  } catch (error) {
    throw invalid(op, "input", error);
  }
}

/** The JSON of a handler's result. A result the schema refuses is a kernel bug, not the client's. */
// biome-ignore lint/suspicious/noExplicitAny: any component, any input
export function encodeOutput<O>(op: OperationDef<any, any, O>, result: O): unknown {
  try {
    return Schema.encodeUnknownSync(op.output)(result);
  } catch (error) {
    throw invalid(op, "output", error);
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
