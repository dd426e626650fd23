/**
 * The token check over one keep-alive connection: a connection remembers the token it last
 * proved (so a client reusing it skips the hash), and that memory must never answer for any
 * other header — a revoked, unknown, near-miss or missing token on the same connection is
 * refused, another valid token acts with its own tenant and scopes.
 */
import { Agent, request } from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Authenticator, createToken } from "../src/auth/tokens.js";
import { startTestKernel, type TestKernel } from "./helpers.js";

interface Answer {
  readonly status: number;
  readonly reused: boolean;
  readonly body: unknown;
}

/** One request on `agent` (one socket, kept alive), saying whether it reused the socket. */
function send(
  agent: Agent,
  base: string,
  method: string,
  path: string,
  authorization: string | undefined,
  body?: unknown,
): Promise<Answer> {
  const url = new URL(base + path);
  return new Promise((resolve, reject) => {
    const req = request(
      {
        agent,
        host: url.hostname,
        port: url.port,
        path: url.pathname,
        method,
        headers: {
          ...(authorization === undefined ? {} : { authorization }),
          ...(body === undefined ? {} : { "content-type": "application/json" }),
        },
      },
      (res) => {
        let text = "";
        res.setEncoding("utf8");
        res.on("data", (chunk: string) => {
          text += chunk;
        });
        // Answered after a turn, once the agent has taken the socket back for the next one.
        res.on("end", () =>
          setImmediate(() =>
            resolve({
              status: res.statusCode ?? 0,
              reused: req.reusedSocket,
              body: JSON.parse(text),
            }),
          ),
        );
      },
    );
    req.on("error", reject);
    req.end(body === undefined ? undefined : JSON.stringify(body));
  });
}

/** The token with one character changed: same length, same prefix, not the token. */
function nearMiss(token: string): string {
  const last = token.at(-1) === "A" ? "B" : "A";
  return token.slice(0, -1) + last;
}

describe("token checks on one keep-alive connection", () => {
  let k: TestKernel;
  let agent: Agent;
  beforeAll(async () => {
    k = await startTestKernel({ backend: "memory" });
    agent = new Agent({ keepAlive: true, maxSockets: 1 });
  });
  afterAll(async () => {
    agent?.destroy();
    await k?.close();
  });

  it("each request is judged by its own header, whatever the connection proved before", async () => {
    const bearer = (token: string) => `Bearer ${token}`;
    const write = bearer(k.tokens.acmeWrite);
    const created = await send(agent, k.base, "POST", "/v1/sessions", write, {
      id: "conn",
      ttlMs: 60_000,
      data: { n: 1 },
    });
    expect(created.status).toBe(200);
    const steps: [string | undefined, string, string, unknown, number][] = [
      [write, "GET", "/v1/sessions/conn", undefined, 200],
      [bearer(k.tokens.revoked), "GET", "/v1/sessions/conn", undefined, 401],
      [write, "GET", "/v1/sessions/conn", undefined, 200],
      [bearer(nearMiss(k.tokens.acmeWrite)), "GET", "/v1/sessions/conn", undefined, 401],
      [`${write} `, "GET", "/v1/sessions/conn", undefined, 200],
      [`bearer ${k.tokens.acmeWrite}x`, "GET", "/v1/sessions/conn", undefined, 401],
      [undefined, "GET", "/v1/sessions/conn", undefined, 401],
      [write, "PUT", "/v1/sessions/conn/data", { data: { n: 2 } }, 200],
      // Another valid token: its own scopes (read only) and its own tenant.
      // (a refusal before a body is read closes the connection: this write has none)
      [bearer(k.tokens.acmeRead), "DELETE", "/v1/sessions/conn", undefined, 403],
      [bearer(k.tokens.acmeRead), "GET", "/v1/sessions/conn", undefined, 200],
      [bearer(k.tokens.globexWrite), "GET", "/v1/sessions/conn", undefined, 404],
      [write, "GET", "/v1/sessions/conn", undefined, 200],
    ];
    for (const [i, [authorization, method, path, body, status]] of steps.entries()) {
      const answer = await send(agent, k.base, method, path, authorization, body);
      const what = `step ${i}: ${method} ${path}`;
      expect(answer.status, what).toBe(status);
      expect(answer.reused, `${what}: same connection`).toBe(true);
    }
    const last = await send(agent, k.base, "GET", "/v1/sessions/conn", write);
    expect(last.body).toMatchObject({ data: { n: 2 } });
  });
});

describe("the memory of proved tokens", () => {
  it("does not outlive its config: revoked in the next one, refused on the next request", () => {
    const token = createToken("acme", ["read"]);
    const header = `Bearer ${token.token}`;
    const connection = {};
    const before = new Authenticator({ mode: "tokens", tokens: [token.entry] });
    expect(before.authenticate(header, connection)?.tenant).toBe("acme");
    expect(before.authenticate(header, connection)?.tenant).toBe("acme");
    const after = new Authenticator({
      mode: "tokens",
      tokens: [{ ...token.entry, revoked: true }],
    });
    expect(after.authenticate(header, connection)).toBeUndefined();
    expect(after.authenticate(header, {})).toBeUndefined();
  });
});
