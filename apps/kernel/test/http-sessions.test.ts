/** Every sessions operation end to end over real HTTP, on every backend. */
import { blake3Hex } from "@mnemo/core";
import { Schema } from "effect";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sessions } from "../src/operations/sessions.js";
import { selectedBackends, startTestKernel, type TestKernel } from "./helpers.js";

const outputOf = (name: string) => {
  const op = sessions.operations.find((o) => o.name === name);
  if (op === undefined) throw new Error(name);
  return Schema.decodeUnknownSync(op.output as Schema.Codec<unknown, unknown>, {
    onExcessProperty: "error",
  });
};

describe.each(selectedBackends())("sessions over HTTP on %s", (backend) => {
  let k: TestKernel;
  beforeAll(async () => {
    k = await startTestKernel({ backend });
  });
  afterAll(() => k?.close());

  it("serves every operation, each answer in its output schema", async () => {
    const created = await k.call("POST", "/v1/sessions", {
      body: { id: "s1", ttlMs: 60_000, expiry: "sliding", data: { user: "ann" } },
    });
    expect(created.status).toBe(200);
    outputOf("sessions.create")(created.body);
    expect(created.body).toMatchObject({ id: "s1", data: { user: "ann" }, expiry: "sliding" });

    const got = await k.call("GET", "/v1/sessions/s1");
    expect(got.status).toBe(200);
    expect(outputOf("sessions.get")(got.body)).toMatchObject({ id: "s1" });

    const listed = await k.call("GET", "/v1/sessions?limit=10");
    expect(listed.status).toBe(200);
    expect(outputOf("sessions.list")(listed.body)).toMatchObject({ items: [{ id: "s1" }] });

    expect((await k.call("POST", "/v1/sessions/s1/touch")).status).toBe(200);
    const updated = await k.call("PUT", "/v1/sessions/s1/data", { body: { data: { step: 2 } } });
    expect(updated.body).toMatchObject({ data: { step: 2 } });

    const snap = await k.call("POST", "/v1/sessions/s1/snapshots", { body: { label: "v2" } });
    expect(snap.status).toBe(200);
    const snapshot = outputOf("sessions.saveSnapshot")(snap.body) as { id: string };
    await k.call("PUT", "/v1/sessions/s1/data", { body: { data: { step: 3 } } });
    const snaps = await k.call("GET", "/v1/sessions/s1/snapshots");
    expect(outputOf("sessions.listSnapshots")(snaps.body)).toMatchObject({
      items: [{ id: snapshot.id, label: "v2" }],
    });
    const restored = await k.call("POST", `/v1/sessions/s1/snapshots/${snapshot.id}/restore`);
    expect(restored.body).toMatchObject({ data: { step: 2 } });

    const hash = blake3Hex("report");
    const linked = await k.call("PUT", `/v1/sessions/s1/artifacts/${hash}`, {
      body: { label: "r" },
    });
    expect(outputOf("sessions.linkArtifact")(linked.body)).toMatchObject({ hash, label: "r" });
    const links = await k.call("GET", "/v1/sessions/s1/artifacts?limit=5");
    expect(outputOf("sessions.listArtifacts")(links.body)).toMatchObject({ items: [{ hash }] });
    const unlinked = await k.call("DELETE", `/v1/sessions/s1/artifacts/${hash}`);
    expect(unlinked.body).toEqual({ deleted: true });

    const swept = await k.call("POST", "/v1/sessions/sweep", { body: {} });
    expect(outputOf("sessions.sweepExpired")(swept.body)).toEqual({ removed: 0 });
    expect((await k.call("DELETE", "/v1/sessions/s1")).body).toEqual({ deleted: true });
    expect((await k.call("DELETE", "/v1/sessions/s1")).body).toEqual({ deleted: false });
  });

  it("pages with nextCursor through the query string", async () => {
    for (const id of ["p1", "p2", "p3"]) {
      await k.call("POST", "/v1/sessions", {
        body: { id, ttlMs: 60_000 },
        token: k.tokens.globexWrite,
      });
    }
    const first = await k.call("GET", "/v1/sessions?limit=2", { token: k.tokens.globexWrite });
    const page = first.body as { items: { id: string }[]; nextCursor?: string };
    expect(page.items.map((s) => s.id)).toEqual(["p1", "p2"]);
    expect(page.nextCursor).toBeTypeOf("string");
    const next = await k.call(
      "GET",
      `/v1/sessions?limit=2&cursor=${encodeURIComponent(page.nextCursor as string)}`,
      { token: k.tokens.globexWrite },
    );
    expect((next.body as { items: { id: string }[] }).items.map((s) => s.id)).toEqual(["p3"]);
  });

  it("answers errors as problem JSON with the StorageError code", async () => {
    const missing = await k.call("GET", "/v1/sessions/nope");
    expect(missing.status).toBe(404);
    expect(missing.headers.get("content-type")).toBe("application/problem+json");
    expect(missing.body).toMatchObject({ status: 404, code: "NOT_FOUND", retryable: false });
    expect((missing.body as { requestId: string }).requestId).toBe(
      missing.headers.get("x-request-id"),
    );

    await k.call("POST", "/v1/sessions", { body: { id: "dup", ttlMs: 60_000 } });
    const taken = await k.call("POST", "/v1/sessions", { body: { id: "dup", ttlMs: 60_000 } });
    expect(taken.status).toBe(422);
    expect(taken.body).toMatchObject({ code: "FAILED_PRECONDITION" });

    const touchMissing = await k.call("POST", "/v1/sessions/ghost/touch");
    expect(touchMissing.body).toMatchObject({ status: 404, code: "NOT_FOUND" });

    const bad = await k.call("POST", "/v1/sessions", { body: { ttlMs: "soon" } });
    expect(bad.status).toBe(400);
    expect(bad.body).toMatchObject({ code: "INVALID_ARGUMENT", details: { field: "ttlMs" } });

    const unknown = await k.call("GET", "/v1/nothing/here");
    expect(unknown.status).toBe(404);
    expect(unknown.body).toMatchObject({ code: "ROUTE_NOT_FOUND" });
    const wrongMethod = await k.call("PATCH", "/v1/sessions/s1");
    expect(wrongMethod.status).toBe(405);
  });

  it("refuses a body over the limit with 413 before reading it whole", async () => {
    // Content-Length says 10 MiB; the kernel answers without waiting for the bytes.
    const response = await new Promise<{ status: number; body: string }>((resolve, reject) => {
      import("node:http").then(({ request }) => {
        const req = request(`${k.base}/v1/sessions`, {
          method: "POST",
          headers: {
            authorization: `Bearer ${k.tokens.acmeWrite}`,
            "content-type": "application/json",
            "content-length": String(10 * 1024 * 1024),
          },
        });
        req.on("response", (res) => {
          let body = "";
          res.on("data", (c) => {
            body += c;
          });
          res.on("end", () => resolve({ status: res.statusCode ?? 0, body }));
        });
        req.on("error", reject);
        req.write("{");
      });
    });
    expect(response.status).toBe(413);
    expect(JSON.parse(response.body)).toMatchObject({ code: "VALUE_TOO_LARGE" });
    // Chunked (no Content-Length) and over the limit: refused once the bytes pass it.
    const chunked = await fetch(`${k.base}/v1/sessions`, {
      method: "POST",
      headers: {
        authorization: `Bearer ${k.tokens.acmeWrite}`,
        "content-type": "application/json",
      },
      body: new ReadableStream({
        start(controller) {
          controller.enqueue(
            new TextEncoder().encode(`{"id":"big","ttlMs":1,"data":"${"x".repeat(70_000)}"}`),
          );
          controller.close();
        },
      }),
      duplex: "half",
    } as RequestInit);
    expect(chunked.status).toBe(413);
    expect((await k.call("GET", "/v1/sessions/big")).status).toBe(404);
  });
});
