/**
 * The depth guard on JSON bodies (src/http/body.ts): a body nested deeper than core's
 * MAX_JSON_DEPTH (+1 for the body object) is refused by the guard itself, before any schema
 * decodes it, and the guard is iterative, so a million levels cannot overflow the stack.
 * (The schemas refuse deep values too, so a test that only checks for a 4xx passes without
 * the guard: these check the guard's own answer.)
 */
import { MAX_JSON_DEPTH } from "@mnemo/core";
import { MAX_DATA_DEPTH } from "@mnemo/sessions";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { checkDepth, parseJsonObject } from "../src/http/body.js";
import { HttpProblem } from "../src/http/problem.js";
import { startTestKernel, type TestKernel } from "./helpers.js";

const LIMIT = MAX_JSON_DEPTH + 1;
const GUARD = `the body is nested deeper than ${LIMIT} levels`;

/** `levels` objects, one inside the other, around a number. */
function nested(levels: number): unknown {
  let value: unknown = 1;
  for (let i = 0; i < levels; i++) value = { a: value };
  return value;
}

function refusal(run: () => unknown): unknown {
  try {
    run();
  } catch (error) {
    return error;
  }
  return "accepted";
}

describe("checkDepth", () => {
  it("accepts exactly the limit and refuses one level more, in objects and in arrays", () => {
    expect(refusal(() => checkDepth(nested(LIMIT)))).toBe("accepted");
    const over = refusal(() => checkDepth(nested(LIMIT + 1)));
    expect(over).toBeInstanceOf(HttpProblem);
    expect(over).toMatchObject({ code: "INVALID_ARGUMENT", message: GUARD });
    const arrays = `{"a":${"[".repeat(LIMIT)}${"]".repeat(LIMIT)}}`;
    expect(refusal(() => parseJsonObject(arrays))).toMatchObject({ message: GUARD });
    const wide = { a: [nested(3), nested(LIMIT - 2), { b: nested(LIMIT - 3) }] };
    expect(refusal(() => checkDepth(wide))).toBe("accepted");
  });

  it("refuses a million levels with its own answer, not a stack overflow", () => {
    const text = `{"a":${"[".repeat(1_000_000)}${"]".repeat(1_000_000)}}`;
    expect(refusal(() => parseJsonObject(text))).toMatchObject({
      code: "INVALID_ARGUMENT",
      message: GUARD,
    });
  });
});

describe("a JSON body over HTTP", () => {
  let k: TestKernel;
  beforeAll(async () => {
    k = await startTestKernel({ backend: "memory" });
  });
  afterAll(() => k?.close());

  it("at the limit passes the guard; one level deeper is the guard's 400", async () => {
    // The body is level 1, so `data` may hold MAX_JSON_DEPTH levels as far as the guard goes
    // (what sessions then makes of it is its own limit, not this test's).
    const atLimit = await k.call("POST", "/v1/sessions", {
      body: { id: "deep-ok", ttlMs: 60_000, data: nested(MAX_JSON_DEPTH) },
    });
    expect(atLimit.body).not.toMatchObject({ detail: GUARD });
    const deep = await k.call("POST", "/v1/sessions", {
      body: { id: "deep-no", ttlMs: 60_000, data: nested(MAX_JSON_DEPTH + 1) },
    });
    expect(deep.status).toBe(400);
    expect(deep.body).toMatchObject({ code: "INVALID_ARGUMENT", detail: GUARD });
    expect((await k.call("GET", "/v1/sessions/deep-no")).status).toBe(404);
  });

  it("sessions data: the component's depth is the schema's (63 stored, 64 a 400 naming data)", async () => {
    const ok = await k.call("POST", "/v1/sessions", {
      body: { id: "data-ok", ttlMs: 60_000, data: nested(MAX_DATA_DEPTH) },
    });
    expect(ok.status).toBe(200);
    const no = await k.call("POST", "/v1/sessions", {
      body: { id: "data-no", ttlMs: 60_000, data: nested(MAX_DATA_DEPTH + 1) },
    });
    expect(no.status).toBe(400);
    expect(JSON.stringify(no.body)).toMatch(
      new RegExp(`data.*nested at most ${MAX_DATA_DEPTH} levels`),
    );
    expect((await k.call("GET", "/v1/sessions/data-no")).status).toBe(404);
  });
});
