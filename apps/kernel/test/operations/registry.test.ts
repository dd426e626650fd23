/** The table of every operation: names, paths, scopes and schemas the generators rely on. */
import { describe, expect, it } from "vitest";
import { inputJsonSchema, outputJsonSchema } from "../../src/operations/codec.js";
import { components } from "../../src/operations/index.js";
import { objectSchemas } from "./hostile.js";

const operations = components.flatMap((component) =>
  component.operations.map((op) => ({ component, op })),
);
const camel = (key: string) => key.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase());
const SCALAR = new Set(["string", "integer", "number", "boolean"]);

describe("the operation registry", () => {
  it("has components with unique keys and namespaces", () => {
    expect(new Set(components.map((c) => c.key)).size).toBe(components.length);
    expect(new Set(components.map((c) => c.namespace)).size).toBe(components.length);
  });

  it("names every operation <component>.<verb>, uniquely", () => {
    const names = operations.map(({ op }) => op.name);
    expect(new Set(names).size).toBe(names.length);
    for (const { component, op } of operations) {
      expect(op.component).toBe(component.key);
      expect(op.name).toMatch(new RegExp(`^${camel(component.key)}\\.[a-z][A-Za-z0-9]*$`));
    }
  });

  it("gives every operation a summary and a description for a model", () => {
    for (const { op } of operations) {
      expect(op.summary.length, op.name).toBeGreaterThan(5);
      expect(op.summary.length, op.name).toBeLessThanOrEqual(80);
      expect(op.description.length, op.name).toBeGreaterThanOrEqual(60);
    }
  });

  it("routes every operation to a unique method and path whose parameters are input fields", () => {
    const routes = operations.map(({ op }) => `${op.http.method} ${op.http.path}`);
    expect(new Set(routes).size).toBe(routes.length);
    for (const { op } of operations) {
      expect(op.http.path, op.name).toMatch(/^(\/[a-z][a-z0-9-]*|\/\{[a-zA-Z]+\})+$/);
      const params = [...op.http.path.matchAll(/\{([^}]+)\}/g)].map((m) => m[1]!);
      for (const member of objectSchemas(op)) {
        const properties = (member.properties ?? {}) as Record<string, { type?: string }>;
        const required = (member.required ?? []) as string[];
        for (const param of params) {
          expect(properties[param], `${op.name}: {${param}} is an input field`).toBeDefined();
          expect(required, `${op.name}: {${param}} is required`).toContain(param);
          expect(properties[param]?.type, `${op.name}: {${param}} is a string`).toBe("string");
        }
      }
    }
  });

  it("reads GET and DELETE inputs from scalars or arrays of them (path and query string)", () => {
    for (const { op } of operations) {
      if (op.http.method !== "GET" && op.http.method !== "DELETE") continue;
      for (const member of objectSchemas(op)) {
        for (const [field, schema] of Object.entries(
          (member.properties ?? {}) as Record<string, { type?: string; items?: { type?: string } }>,
        )) {
          const type = schema.type === "array" ? schema.items?.type : schema.type;
          expect(SCALAR.has(type ?? ""), `${op.name}: ${field} fits a query string`).toBe(true);
        }
      }
    }
  });

  it("gives reads the read scope and streams the right shapes", () => {
    for (const { op } of operations) {
      expect(["read", "write", "admin"]).toContain(op.scope);
      if (op.http.method === "GET") expect(op.scope, op.name).toBe("read");
      else expect(op.http.method === "POST" || op.scope !== "read", op.name).toBe(true);
      if (op.body === "binary") expect(["POST", "PUT"]).toContain(op.http.method);
      if (op.response !== undefined || op.body !== undefined) expect(op.mcp, op.name).toBe(false);
    }
  });

  it("has input and output JSON Schemas, objects closed, strings bounded", () => {
    for (const { op } of operations) {
      // One object at the top: OpenAPI splits its properties into path, query and body.
      expect(objectSchemas(op), `${op.name}: input is one object`).toHaveLength(1);
      expect(() => outputJsonSchema(op), op.name).not.toThrow();
      for (const member of objectSchemas(op)) {
        expect(member.type, op.name).toBe("object");
        expect(member.additionalProperties, op.name).toBe(false);
        for (const [field, schema] of Object.entries(
          (member.properties ?? {}) as Record<string, Record<string, unknown>>,
        )) {
          if (schema.type !== "string") continue;
          const bounded =
            schema.maxLength !== undefined ||
            schema.enum !== undefined ||
            schema.contentEncoding === "base64";
          expect(bounded, `${op.name}: ${field} has a maximum length`).toBe(true);
        }
      }
      expect(JSON.stringify(inputJsonSchema(op)).length).toBeGreaterThan(10);
    }
  });
});
