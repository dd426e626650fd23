/**
 * /openapi.json is a valid OpenAPI 3.1 document (checked by a real validator), and a client
 * generated from it (openapi-typescript types + openapi-fetch) calls the kernel. The
 * generated types are committed (test/generated/openapi.d.ts) so the calls below are
 * type-checked; this test regenerates them and fails when they are stale
 * (`UPDATE_CLIENT=1 npx vitest run test/openapi.test.ts` rewrites the file).
 */
import { readFile, writeFile } from "node:fs/promises";
import { Validator } from "@seriousme/openapi-schema-validator";
import createClient from "openapi-fetch";
import openapiTS, { astToString } from "openapi-typescript";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { RouteTable } from "../src/http/routes.js";
import { components } from "../src/operations/index.js";
import type { paths } from "./generated/openapi.js";
import { startTestKernel, type TestKernel } from "./helpers.js";

const GENERATED = new URL("./generated/openapi.d.ts", import.meta.url);

describe("OpenAPI", () => {
  let k: TestKernel;
  let doc: Record<string, unknown>;
  beforeAll(async () => {
    k = await startTestKernel({ backend: "memory" });
    doc = (await (await fetch(`${k.base}/openapi.json`)).json()) as Record<string, unknown>;
  });
  afterAll(() => k?.close());

  it("is a valid OpenAPI 3.1 document", async () => {
    const result = await new Validator().validate(doc as never);
    expect(result.errors ?? []).toEqual([]);
    expect(result.valid).toBe(true);
    expect(doc.openapi).toBe("3.1.0");
  });

  it("lists every operation once, from the same definitions as the routes", () => {
    const ops: string[] = [];
    for (const item of Object.values(
      doc.paths as Record<string, Record<string, { operationId: string }>>,
    )) {
      for (const op of Object.values(item)) ops.push(op.operationId);
    }
    const routed = new RouteTable(components).routes.map((r) => r.op.name);
    expect(ops.sort()).toEqual([...routed].sort());
  });

  it("the committed generated client types match the document", async () => {
    const generated = `${astToString(await openapiTS(doc as never))}`;
    if (process.env.UPDATE_CLIENT === "1") await writeFile(GENERATED, generated);
    expect(await readFile(GENERATED, "utf8")).toBe(generated);
  });

  it("a generated client calls the operations of every served component", async () => {
    const client = createClient<paths>({
      baseUrl: k.base,
      headers: { authorization: `Bearer ${k.tokens.acmeWrite}` },
    });
    const created = await client.POST("/v1/sessions", {
      body: { id: "typed", ttlMs: 60_000, data: { from: "client" } },
    });
    expect(created.data?.id).toBe("typed");
    const got = await client.GET("/v1/sessions/{id}", { params: { path: { id: "typed" } } });
    expect(got.data?.data).toEqual({ from: "client" });
    const page = await client.GET("/v1/sessions", { params: { query: { limit: 5 } } });
    expect(page.data?.items.map((s) => s.id)).toEqual(["typed"]);
    const missing = await client.GET("/v1/sessions/{id}", { params: { path: { id: "nope" } } });
    expect(missing.response.status).toBe(404);
    expect(missing.error).toMatchObject({ code: "NOT_FOUND" });
    const ended = await client.DELETE("/v1/sessions/{id}", { params: { path: { id: "typed" } } });
    expect(ended.data?.deleted).toBe(true);
  });
});
