/** The route table and query decoding, from operation definitions. */
import { Schema } from "effect";
import { describe, expect, it } from "vitest";
import { RouteTable, readQuery } from "../src/http/routes.js";
import { defineComponent, defineOperation } from "../src/operations/define.js";

const op = (name: string, method: "GET" | "POST", path: string, input: Schema.Top) =>
  defineOperation({
    name,
    component: "episodic",
    summary: name,
    description: name,
    scope: "read",
    http: { method, path },
    input: input as Schema.Codec<unknown, unknown>,
    output: Schema.Struct({}),
    handler: async () => ({}),
  });

const table = new RouteTable([
  defineComponent({
    key: "episodic",
    namespace: "t",
    create: () => ({}),
    operations: [
      op("t.get", "GET", "/turns/{id}", Schema.Struct({ id: Schema.String })),
      op("t.recent", "GET", "/turns/recent", Schema.Struct({})),
      op(
        "t.list",
        "GET",
        "/turns",
        Schema.Struct({
          limit: Schema.optionalKey(Schema.Int),
          roles: Schema.optionalKey(Schema.Array(Schema.String)),
          days: Schema.optionalKey(Schema.Array(Schema.Int)),
          exact: Schema.optionalKey(Schema.Boolean),
        }),
      ),
      op("t.add", "POST", "/turns", Schema.Struct({})),
    ],
  }),
]);

describe("RouteTable", () => {
  it("prefers literal segments, decodes parameters, answers 405 for a known path", () => {
    const recent = table.match("GET", "/v1/turns/recent");
    expect(recent !== "method" && recent?.route.op.name).toBe("t.recent");
    const byId = table.match("GET", "/v1/turns/a%2Fb%20c");
    expect(byId !== "method" && byId?.params).toEqual({ id: "a/b c" });
    expect(table.match("DELETE", "/v1/turns/x")).toBe("method");
    expect(table.match("GET", "/v1/nothing")).toBeUndefined();
    expect(table.match("GET", "/v1/turns/")).toBeUndefined();
    expect(() => table.match("GET", "/v1/turns/%E0%A4%A")).toThrow(/not a valid URL-encoded/);
  });

  it("reads the query string by each field's JSON Schema type", () => {
    const list = table.match("GET", "/v1/turns");
    if (list === undefined || list === "method") throw new Error("no route");
    const into: Record<string, unknown> = {};
    readQuery(list.route, "limit=10&roles=user&roles=tool&days=1&days=2&exact=true", into);
    expect(into).toEqual({ limit: 10, roles: ["user", "tool"], days: [1, 2], exact: true });
    const bad: Record<string, unknown> = {};
    readQuery(list.route, "limit=ten&exact=yes&__proto__=x", bad);
    expect(Object.hasOwn(bad, "__proto__")).toBe(true);
    expect(bad.limit).toBe("ten"); // left for the decoder to refuse
    expect(() => list.route.decode(bad)).toThrow();
    expect(() => readQuery(list.route, "limit=1&limit=2", {})).toThrow(/more than once/);
  });

  it("refuses two operations on one route", () => {
    const a = op("a", "GET", "/x/{id}", Schema.Struct({ id: Schema.String }));
    const b = op("b", "GET", "/x/{key}", Schema.Struct({ key: Schema.String }));
    expect(
      () =>
        new RouteTable([
          defineComponent({ key: "graph", namespace: "g", create: () => ({}), operations: [a, b] }),
        ]),
    ).toThrow(/share the route/);
  });
});
