/**
 * Routes compiled once from the operation definitions: a table per (method, number of path
 * segments), literal segments before parameters, so a lookup is a few string compares. Each
 * route carries its operation's compiled input decoder (the codec MCP uses too) and how to
 * read query-string fields.
 */
import { Schema } from "effect";
import { inputDecoder } from "../operations/codec.js";
import type { ComponentDef, HttpMethod, OperationDef } from "../operations/define.js";
import { HttpProblem } from "./problem.js";

/** Where the API lives; operation paths are relative to it. */
export const API_ROOT = "/v1";

/** How a query-string value turns into the JSON value the input schema expects. */
type ScalarKind = "string" | "number" | "boolean" | "json";
type FieldKind = ScalarKind | { readonly array: ScalarKind };

export interface Route {
  // biome-ignore lint/suspicious/noExplicitAny: any operation of any component
  readonly op: OperationDef<any, any, any>;
  readonly method: HttpMethod;
  /** `/v1/sessions/{id}` */
  readonly template: string;
  /** A literal segment, or `null` for a parameter (named in `params` at the same index). */
  readonly segments: readonly (string | null)[];
  readonly params: readonly (string | undefined)[];
  readonly literals: number;
  readonly queryFields: ReadonlyMap<string, FieldKind>;
  readonly bodyFields: "json" | "binary" | "none";
  readonly decode: (input: unknown) => unknown;
}

/** Inputs are decoded by the operations' one codec (also MCP's); kept here for `/admin` bodies. */
export { inputDecoder };

/** Reads the top-level property types of an input's JSON Schema, for the query string. */
export function fieldKinds(schema: Schema.Top): Map<string, FieldKind> {
  const doc = Schema.toJsonSchemaDocument(schema);
  const root = resolveRef(doc.schema as JsonObject, doc.definitions as Record<string, JsonObject>);
  const kinds = new Map<string, FieldKind>();
  const properties = (root.properties ?? {}) as Record<string, JsonObject>;
  for (const [name, prop] of Object.entries(properties)) {
    const defs = doc.definitions as Record<string, JsonObject>;
    const resolved = resolveRef(prop, defs);
    kinds.set(
      name,
      resolved.type === "array"
        ? { array: kindOf(resolveRef((resolved.items ?? {}) as JsonObject, defs)) }
        : kindOf(resolved),
    );
  }
  return kinds;
}

type JsonObject = { [key: string]: unknown };

function resolveRef(schema: JsonObject, defs: Record<string, JsonObject> = {}): JsonObject {
  const ref = schema.$ref;
  if (typeof ref === "string") {
    const name = ref.slice(ref.lastIndexOf("/") + 1);
    return defs[name] ?? schema;
  }
  return schema;
}

function kindOf(schema: JsonObject): ScalarKind {
  const type = schema.type;
  if (type === "integer" || type === "number") return "number";
  if (type === "boolean") return "boolean";
  if (type === "string") return "string";
  return "json";
}

const NUMBER = /^-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?$/;

/** One query value as JSON; what cannot be converted is left a string for the schema to refuse. */
function queryValue(kind: ScalarKind, value: string): unknown {
  switch (kind) {
    case "number":
      return NUMBER.test(value) ? Number(value) : value;
    case "boolean":
      return value === "true" ? true : value === "false" ? false : value;
    case "json":
      try {
        return JSON.parse(value);
      } catch {
        return value;
      }
    default:
      return value;
  }
}

/** The query string as an input object; unknown names are kept so the decoder refuses them. */
export function readQuery(route: Route, search: string, into: Record<string, unknown>): void {
  if (search === "") return;
  const params = new URLSearchParams(search);
  for (const name of new Set(params.keys())) {
    const kind = route.queryFields.get(name) ?? "string";
    const values = params.getAll(name);
    if (typeof kind === "object") {
      // Repeated parameters: `?role=user&role=tool` is `["user", "tool"]`.
      define(
        into,
        name,
        values.map((value) => queryValue(kind.array, value)),
      );
      continue;
    }
    if (values.length > 1) {
      throw new HttpProblem("INVALID_ARGUMENT", `${name}: given more than once`, { field: name });
    }
    if (Object.hasOwn(into, name)) {
      throw new HttpProblem("INVALID_ARGUMENT", `${name}: given in the path and the query`, {
        field: name,
      });
    }
    define(into, name, queryValue(kind, values[0] as string));
  }
}

/**
 * Sets an own property even for `__proto__`, so it reaches the decoder (which refuses it).
 * Only `__proto__` is a setter on Object.prototype; any other name assigned on a plain
 * object becomes an own property, and plain assignment is the cheap path every request takes.
 */
export function define(target: Record<string, unknown>, key: string, value: unknown): void {
  if (key !== "__proto__" && Object.getPrototypeOf(target) === Object.prototype) {
    target[key] = value;
    return;
  }
  Object.defineProperty(target, key, {
    value,
    enumerable: true,
    writable: true,
    configurable: true,
  });
}

function compile(
  // biome-ignore lint/suspicious/noExplicitAny: any operation of any component
  op: OperationDef<any, any, any>,
): Route {
  const template = API_ROOT + op.http.path;
  const parts = template.split("/").slice(1);
  const segments = parts.map((part) => (part.startsWith("{") ? null : part));
  const params = parts.map((part) => (part.startsWith("{") ? part.slice(1, -1) : undefined));
  const readsQuery =
    op.http.method === "GET" || op.http.method === "DELETE" || op.body === "binary";
  return {
    op,
    method: op.http.method,
    template,
    segments,
    params,
    literals: segments.filter((s) => s !== null).length,
    queryFields: readsQuery ? fieldKinds(op.input) : new Map(),
    bodyFields: op.body === "binary" ? "binary" : readsQuery ? "none" : "json",
    decode: inputDecoder(op.input),
  };
}

export interface RouteMatch {
  readonly route: Route;
  readonly params: Record<string, unknown>;
}

export class RouteTable {
  /** method → segment count → routes, most literal segments first (no key built per lookup). */
  readonly #table = new Map<string, Map<number, Route[]>>();
  /** Paths with any route, for 405 instead of 404. */
  readonly #shapes = new Map<number, Route[]>();
  readonly routes: readonly Route[];

  // biome-ignore lint/suspicious/noExplicitAny: each component has its own instance type
  constructor(components: readonly ComponentDef<any>[]) {
    const routes: Route[] = [];
    const seen = new Map<string, string>();
    for (const component of components) {
      for (const op of component.operations) {
        const route = compile(op);
        const shape = `${route.method} ${route.segments.map((s) => s ?? "{}").join("/")}`;
        const other = seen.get(shape);
        if (other !== undefined)
          throw new Error(`${op.name} and ${other} share the route ${shape}`);
        seen.set(shape, op.name);
        routes.push(route);
      }
    }
    this.routes = routes;
    for (const route of routes) {
      let byCount = this.#table.get(route.method);
      if (byCount === undefined) {
        byCount = new Map();
        this.#table.set(route.method, byCount);
      }
      const list = byCount.get(route.segments.length) ?? [];
      list.push(route);
      list.sort((a, b) => b.literals - a.literals);
      byCount.set(route.segments.length, list);
      const any = this.#shapes.get(route.segments.length) ?? [];
      any.push(route);
      this.#shapes.set(route.segments.length, any);
    }
  }

  /** The route of a request, `"method"` when the path exists under another method, or undefined. */
  match(method: string, path: string): RouteMatch | "method" | undefined {
    const parts = path.split("/").slice(1);
    const found = this.#find(this.#table.get(method)?.get(parts.length), parts);
    if (found !== undefined) return found;
    return this.#find(this.#shapes.get(parts.length), parts) === undefined ? undefined : "method";
  }

  #find(routes: readonly Route[] | undefined, parts: readonly string[]): RouteMatch | undefined {
    if (routes === undefined) return undefined;
    outer: for (const route of routes) {
      for (let i = 0; i < parts.length; i++) {
        const literal = route.segments[i];
        if (literal !== null && literal !== parts[i]) continue outer;
        if (literal === null && parts[i] === "") continue outer;
      }
      const params: Record<string, unknown> = {};
      for (let i = 0; i < parts.length; i++) {
        const name = route.params[i];
        if (name === undefined) continue;
        let value: string;
        try {
          value = decodeURIComponent(parts[i] as string);
        } catch {
          throw new HttpProblem("INVALID_ARGUMENT", `${name}: not a valid URL-encoded segment`, {
            field: name,
          });
        }
        define(params, name, value);
      }
      return { route, params };
    }
    return undefined;
  }
}
