/**
 * The OpenAPI 3.1 document, generated from the operation definitions (the same records the
 * routes come from). Each input schema's JSON Schema is split into path parameters, query
 * parameters (GET, DELETE, binary uploads) and a JSON request body; named schemas become
 * `components.schemas`.
 */
import { Schema } from "effect";
import type { ComponentDef, OperationDef } from "../operations/define.js";
import { STATUS_OF_CODE } from "./problem.js";
import { API_ROOT } from "./routes.js";

type Json = { [key: string]: unknown };

const PROBLEM_SCHEMA: Json = {
  type: "object",
  description: "RFC 9457 problem details; `code` is the StorageError code (the contract).",
  properties: {
    type: { type: "string" },
    title: { type: "string" },
    status: { type: "integer" },
    detail: { type: "string" },
    code: { type: "string", enum: Object.keys(STATUS_OF_CODE) },
    retryable: { type: "boolean" },
    requestId: { type: "string" },
    details: { type: "object" },
  },
  required: ["type", "title", "status", "detail", "code", "retryable", "requestId"],
};

/** `#/$defs/X` → `#/components/schemas/X`, everywhere in a JSON Schema. */
function rehome(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(rehome);
  if (value === null || typeof value !== "object") return value;
  const out: Json = {};
  for (const [key, item] of Object.entries(value)) {
    out[key] =
      key === "$ref" && typeof item === "string"
        ? item.replace(/^#\/\$defs\//, "#/components/schemas/")
        : rehome(item);
  }
  return out;
}

class SchemaCollector {
  readonly schemas: Record<string, unknown> = { Problem: PROBLEM_SCHEMA };

  /** The JSON Schema of `schema`, its named parts added to `components.schemas`. */
  add(schema: Schema.Top): Json {
    const doc = Schema.toJsonSchemaDocument(schema, { onExcessProperty: "error" });
    for (const [name, def] of Object.entries(doc.definitions ?? {})) {
      const next = JSON.stringify(rehome(def));
      const known = this.schemas[name];
      if (known !== undefined && JSON.stringify(known) !== next) {
        throw new Error(`two different schemas are both named ${name}`);
      }
      this.schemas[name] = JSON.parse(next);
    }
    return rehome(doc.schema) as Json;
  }

  /** A `$ref` to a schema in components, resolved for splitting into parameters. */
  deref(schema: Json): Json {
    const ref = schema.$ref;
    if (typeof ref !== "string") return schema;
    return (this.schemas[ref.slice(ref.lastIndexOf("/") + 1)] as Json) ?? schema;
  }
}

const problemResponse = {
  description: "An error (RFC 9457 problem JSON)",
  content: { "application/problem+json": { schema: { $ref: "#/components/schemas/Problem" } } },
};

function operationObject(
  // biome-ignore lint/suspicious/noExplicitAny: any operation of any component
  op: OperationDef<any, any, any>,
  tag: string,
  schemas: SchemaCollector,
): Json {
  const input = schemas.deref(schemas.add(op.input));
  const properties = (input.properties ?? {}) as Record<string, Json>;
  const required = new Set((input.required ?? []) as string[]);
  const pathNames = [...op.http.path.matchAll(/\{([^}]+)\}/g)].map((m) => m[1] as string);
  const inQuery = op.http.method === "GET" || op.http.method === "DELETE" || op.body === "binary";
  const parameters: Json[] = [];
  const bodyProperties: Record<string, Json> = {};
  for (const [name, schema] of Object.entries(properties)) {
    if (pathNames.includes(name)) {
      parameters.push({ name, in: "path", required: true, schema });
    } else if (inQuery) {
      parameters.push({ name, in: "query", required: required.has(name), schema });
    } else {
      bodyProperties[name] = schema;
    }
  }
  const out: Json = {
    operationId: op.name,
    summary: op.summary,
    description: op.description,
    tags: [tag],
    "x-mnemo-scope": op.scope,
    ...(parameters.length > 0 ? { parameters } : {}),
  };
  if (op.body === "binary") {
    out.requestBody = {
      required: true,
      content: { "application/octet-stream": { schema: { type: "string", format: "binary" } } },
    };
  } else if (!inQuery) {
    const bodyRequired = [...required].filter((name) => !pathNames.includes(name));
    out.requestBody = {
      required: bodyRequired.length > 0,
      content: {
        "application/json": {
          schema: {
            type: "object",
            properties: bodyProperties,
            ...(bodyRequired.length > 0 ? { required: bodyRequired } : {}),
            additionalProperties: false,
          },
        },
      },
    };
  }
  const output = schemas.add(op.output);
  const ok =
    op.response === "binary"
      ? { "application/octet-stream": { schema: { type: "string", format: "binary" } } }
      : op.response === "sse"
        ? { "text/event-stream": { schema: { type: "string" } } }
        : { "application/json": { schema: output } };
  out.responses = {
    "200": { description: op.summary, content: ok },
    "400": problemResponse,
    "401": problemResponse,
    "403": problemResponse,
    default: problemResponse,
  };
  return out;
}

export function buildOpenApi(
  // biome-ignore lint/suspicious/noExplicitAny: each component has its own instance type
  components: readonly ComponentDef<any>[],
  version: string,
): Json {
  const schemas = new SchemaCollector();
  const paths: Record<string, Json> = {};
  for (const component of components) {
    for (const op of component.operations) {
      const path = API_ROOT + op.http.path;
      paths[path] ??= {};
      (paths[path] as Json)[op.http.method.toLowerCase()] = operationObject(
        op,
        component.key,
        schemas,
      );
    }
  }
  return {
    openapi: "3.1.0",
    info: {
      title: "Mnemo kernel",
      version,
      description:
        "Every Mnemo component over HTTP. Errors are RFC 9457 problem JSON carrying the StorageError code.",
    },
    jsonSchemaDialect: "https://spec.openapis.org/oas/3.1/dialect/base",
    security: [{ bearer: [] }],
    tags: components.map((c) => ({ name: c.key })),
    paths,
    components: {
      schemas: schemas.schemas,
      securitySchemes: { bearer: { type: "http", scheme: "bearer" } },
    },
  };
}
