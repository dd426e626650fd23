/**
 * A hostile pass over every operation, generated from the definitions: wrong types for each
 * field, huge and deeply nested bodies, unknown fields, `__proto__` and `{"toString":"x"}`,
 * broken JSON and encodings, wrong and missing tokens. Only 4xx comes back, never a 500,
 * the process keeps serving, and the store is byte for byte what it was.
 */
import { request } from "node:http";
import { dump } from "@mnemo/testing";
import { Schema } from "effect";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Route, RouteTable } from "../src/http/routes.js";
import { components } from "../src/operations/index.js";
import { startTestKernel, type TestKernel } from "./helpers.js";

const routes = new RouteTable(components).routes;
const HUGE = "x".repeat(60_000);
const deep = (n: number) => `${"[".repeat(n)}${"]".repeat(n)}`;
const WRONG_VALUES: unknown[] = [
  null,
  1.5,
  -1,
  "",
  HUGE,
  true,
  [],
  {},
  [1, "a"],
  { toString: "x" },
];

function fieldsOf(route: Route): string[] {
  const doc = Schema.toJsonSchemaDocument(route.op.input) as {
    schema: { properties?: Record<string, unknown>; $ref?: string };
    definitions?: Record<string, { properties?: Record<string, unknown> }>;
  };
  const ref = doc.schema.$ref;
  const root = ref === undefined ? doc.schema : doc.definitions?.[ref.split("/").pop() as string];
  return Object.keys(root?.properties ?? {});
}

/** Raw requests, so nothing (fetch, a client) tidies the hostile bytes up first. */
function raw(
  base: string,
  method: string,
  path: string,
  headers: Record<string, string>,
  body?: string | Buffer,
): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request(base + path, { method, headers }, (res) => {
      res.resume();
      res.on("end", () => resolve(res.statusCode ?? 0));
    });
    req.on("error", reject);
    req.end(body);
  });
}

describe("hostile input on every operation", () => {
  let k: TestKernel;
  beforeAll(async () => {
    k = await startTestKernel({ backend: "level", maxBodyBytes: 1024 * 1024 });
    // Something to protect: a session the pass must leave untouched.
    await k.call("POST", "/v1/sessions", {
      body: { id: "keep", ttlMs: 3_600_000, data: { a: 1 } },
    });
  });
  afterAll(() => k?.close());

  it("answers only 4xx and writes nothing", async () => {
    const stores = [...k.kernel.runtime.slots.values()].map((slot) =>
      slot.ref.current.backend.forTenant(k.tenants.acme),
    );
    const before = await Promise.all(stores.map(dump));
    const auth = { authorization: `Bearer ${k.tokens.acmeWrite}` };
    const json = { ...auth, "content-type": "application/json" };
    const statuses: [string, number][] = [];
    const check = async (label: string, p: Promise<number>) => statuses.push([label, await p]);

    for (const route of routes) {
      const path = route.template.replace(/\{[^}]+\}/g, "keep");
      const name = route.op.name;
      const viaQuery = route.bodyFields !== "json";
      const send = (input: Record<string, unknown>) => {
        if (!viaQuery) return raw(k.base, route.method, path, json, JSON.stringify(input));
        const search = Object.entries(input)
          .map(
            ([key, v]) =>
              `${encodeURIComponent(key)}=${encodeURIComponent(typeof v === "string" ? v : JSON.stringify(v))}`,
          )
          .join("&");
        return raw(k.base, route.method, `${path}?${search}`, auth);
      };
      for (const field of fieldsOf(route)) {
        for (const value of WRONG_VALUES) {
          await check(
            `${name} ${field}=${JSON.stringify(value).slice(0, 20)}`,
            send({ [field]: value, ttlMs: "x" }),
          );
        }
      }
      await check(`${name} unknown field`, send({ surprise: 1 }));
      await check(`${name} toString`, send({ toString: "x", valueOf: 1 }));
      await check(`${name} missing token`, raw(k.base, route.method, path, {}));
      await check(
        `${name} wrong token`,
        raw(k.base, route.method, path, { authorization: "Bearer mnemo_nope" }),
      );
      if (route.template.includes("{"))
        await check(
          `${name} bad percent`,
          raw(k.base, route.method, route.template.replace(/\{[^}]+\}/g, "%E0%A4%A"), auth),
        );
      if (!viaQuery) {
        await check(
          `${name} __proto__`,
          raw(k.base, route.method, path, json, '{"__proto__":{"admin":true}}'),
        );
        await check(
          `${name} constructor`,
          raw(k.base, route.method, path, json, '{"constructor":{"prototype":{"x":1}}}'),
        );
        await check(
          `${name} deep`,
          raw(k.base, route.method, path, json, `{"data":${deep(100_000)}}`),
        );
        await check(
          `${name} deep object`,
          raw(k.base, route.method, path, json, `${'{"a":'.repeat(5000)}1${"}".repeat(5000)}`),
        );
        await check(`${name} not json`, raw(k.base, route.method, path, json, "{nope"));
        await check(`${name} array`, raw(k.base, route.method, path, json, "[1,2]"));
        await check(`${name} null`, raw(k.base, route.method, path, json, "null"));
        await check(
          `${name} bad utf8`,
          raw(
            k.base,
            route.method,
            path,
            json,
            Buffer.from([0x7b, 0x22, 0xff, 0x22, 0x3a, 0x31, 0x7d]),
          ),
        );
        await check(
          `${name} wrong type`,
          raw(k.base, route.method, path, { ...auth, "content-type": "text/plain" }, "{}"),
        );
        await check(
          `${name} too large`,
          raw(k.base, route.method, path, json, `{"data":"${"y".repeat(1024 * 1024)}"}`),
        );
      }
    }
    const bad = statuses.filter(([, status]) => status < 400 || status >= 500);
    expect(JSON.stringify(bad)).toBe("[]");
    expect(statuses.length).toBeGreaterThan(100);
    expect((await k.call("GET", "/livez")).status).toBe(200);
    expect(await Promise.all(stores.map(dump))).toEqual(before);
  });
});
