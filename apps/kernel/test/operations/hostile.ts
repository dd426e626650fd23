/**
 * The bad JSON a client can send, derived from an input an operation accepted: not an
 * object, unknown fields, `__proto__`, each required field missing, each field null, of the
 * wrong type, a huge string, deep or `__proto__`-laden JSON. Every one must be refused by the
 * operation's input schema (`INVALID_ARGUMENT`), so the handler never sees it.
 */
import { StorageError } from "@mnemo/core";
import { expect } from "vitest";
import { decodeInput, inputJsonSchema } from "../../src/operations/codec.js";
import type { OperationDef } from "../../src/operations/define.js";

// biome-ignore lint/suspicious/noExplicitAny: any operation
type AnyOperation = OperationDef<any, any, any>;
type JsonSchema = Record<string, unknown>;

/** The object members of an input schema (one, or each member of a union). */
export function objectSchemas(op: AnyOperation): JsonSchema[] {
  const root = inputJsonSchema(op).schema as JsonSchema;
  const members = (root.anyOf ?? root.oneOf ?? [root]) as JsonSchema[];
  return members;
}

function propertySchemas(op: AnyOperation, field: string): JsonSchema[] {
  return objectSchemas(op)
    .map((member) => (member.properties as Record<string, JsonSchema> | undefined)?.[field])
    .filter((schema): schema is JsonSchema => schema !== undefined);
}

const ANNOTATION_KEYS = new Set(["description", "title", "examples", "default"]);
/** `{}` (plus annotations): any JSON value. */
function acceptsAnyJson(schema: JsonSchema): boolean {
  return Object.keys(schema).every((key) => ANNOTATION_KEYS.has(key));
}

function typeOfJson(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "array";
  return typeof value;
}

function flatten(schema: JsonSchema): JsonSchema[] {
  const members = (schema.anyOf ?? schema.oneOf) as JsonSchema[] | undefined;
  return members === undefined ? [schema] : members.flatMap(flatten);
}

/** The JSON types a property schema admits ("integer" is a number that must be whole). */
function jsonTypes(schema: JsonSchema): string[] {
  const members = (schema.anyOf ?? schema.oneOf) as JsonSchema[] | undefined;
  if (members !== undefined) return members.flatMap(jsonTypes);
  if (schema.enum !== undefined) return (schema.enum as unknown[]).map(typeOfJson);
  const type = schema.type;
  const types = Array.isArray(type) ? (type as string[]) : type === undefined ? [] : [String(type)];
  return types;
}

function nested(depth: number): unknown {
  let value: unknown = 1;
  for (let i = 0; i < depth; i++) value = { a: value };
  return value;
}

const HUGE = "x".repeat(4 * 1024 * 1024);

interface Mutation {
  readonly label: string;
  readonly input: unknown;
}

export function mutations(op: AnyOperation, sample: Record<string, unknown>): Mutation[] {
  const out: Mutation[] = [
    { label: "null", input: null },
    { label: "an array", input: [sample] },
    { label: "a string", input: "x" },
    { label: "an unknown field", input: { ...sample, notAField: 1 } },
    { label: "a toString field", input: { ...sample, toString: "x" } },
    {
      label: "a __proto__ field",
      input: JSON.parse(
        `{"__proto__":{"admin":true}${Object.keys(sample).length === 0 ? "}" : `,${JSON.stringify(sample).slice(1)}`}`,
      ),
    },
  ];
  const required = objectSchemas(op).map((m) => new Set((m.required as string[]) ?? []));
  for (const [field, value] of Object.entries(sample)) {
    const schemas = propertySchemas(op, field);
    const anyJson = schemas.some(acceptsAnyJson);
    const without = { ...sample };
    delete without[field];
    if (required.every((set) => set.has(field))) {
      out.push({ label: `${field} missing`, input: without });
    }
    const put = (label: string, v: unknown) =>
      out.push({ label, input: { ...sample, [field]: v } });
    if (anyJson) {
      put(`${field} nested 100 deep`, nested(100));
      put(`${field} with a __proto__ key`, JSON.parse('{"__proto__":{"x":1}}'));
      continue;
    }
    const allowed = new Set(schemas.flatMap(jsonTypes));
    const admits = (type: string) =>
      allowed.has(type) || (type === "number" && allowed.has("integer"));
    const wrong: [string, unknown][] = [
      ["null", null],
      ["an object", { toString: "x" }],
      ["an array", [1]],
      ["a boolean", true],
      ["a number", 12345],
      ["a string", "12"],
    ];
    for (const [type, v] of wrong) {
      if (!admits(typeOfJson(v))) put(`${field} ${type}`, v);
    }
    const flat = schemas.flatMap(flatten);
    const base64 = flat.some((s) => s.contentEncoding === "base64");
    if (allowed.has("string") && !base64) {
      const max = Math.max(...flat.map((s) => Number(s.maxLength ?? 0)));
      put(`${field} a huge string`, max > 0 ? "x".repeat(max + 1) : HUGE);
    }
    if (typeof value === "number") {
      if (!allowed.has("number")) put(`${field} a fraction`, Math.trunc(value) + 0.5);
      const max = Math.max(...flat.map((s) => Number(s.maximum ?? Number.POSITIVE_INFINITY)));
      if (Number.isFinite(max)) put(`${field} above its maximum`, max + 1);
    }
  }
  return out;
}

/** Every mutation of `sample` is refused by `op`'s input schema with `INVALID_ARGUMENT`. */
export function expectAllRefused(op: AnyOperation, sample: unknown): number {
  expect(sample, `${op.name} has a sample input`).toBeTypeOf("object");
  const cases = mutations(op, sample as Record<string, unknown>);
  for (const { label, input } of cases) {
    let caught: unknown;
    try {
      decodeInput(op, input);
    } catch (error) {
      caught = error;
    }
    expect(caught, `${op.name} must refuse ${label}`).toBeInstanceOf(StorageError);
    expect((caught as StorageError).code, `${op.name}: ${label}`).toBe("INVALID_ARGUMENT");
  }
  return cases.length;
}
