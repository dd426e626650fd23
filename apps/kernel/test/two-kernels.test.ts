/**
 * Two kernel processes on one PostgreSQL serving the same tenant stay correct: racing
 * creates of one id leave exactly one winner, each sees the other's writes at once, and two
 * sweeps racing count every expired session exactly once.
 * (Counters, workflow transitions and vector search join this file with their operations.)
 */
import { spawn } from "node:child_process";
import { randomUUID } from "node:crypto";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { postgresTestUrl, scriptArgs } from "@mnemo/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createToken } from "../src/auth/tokens.js";

const MAIN = new URL("../src/main.ts", import.meta.url);

interface Child {
  readonly url: string;
  stop(): Promise<number | null>;
}

async function startChild(config: string): Promise<Child> {
  const child = spawn(process.execPath, scriptArgs(MAIN, ["serve", "--config", config]), {
    stdio: ["ignore", "pipe", "pipe"],
  });
  let out = "";
  child.stdout?.on("data", (c) => {
    out += String(c);
  });
  child.stderr?.on("data", (c) => {
    out += String(c);
  });
  const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  while (!/listening on (\S+)/.test(out)) {
    const code = await Promise.race([exited, new Promise((r) => setTimeout(r, 50, "wait"))]);
    if (code !== "wait") throw new Error(`mnemo serve exited ${code}: ${out}`);
  }
  return {
    url: /listening on (\S+)/.exec(out)?.[1] as string,
    stop: async () => {
      child.kill("SIGTERM");
      return exited;
    },
  };
}

describe("two kernels on one PostgreSQL", () => {
  let dir: string;
  let kernels: Child[] = [];
  const tenant = `shared-${randomUUID().slice(0, 8)}`;
  const token = createToken(tenant, ["read", "write"]);
  const headers = { authorization: `Bearer ${token.token}`, "content-type": "application/json" };
  const call = async (base: string, method: string, path: string, body?: unknown) => {
    const r = await fetch(base + path, {
      method,
      headers,
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    return { status: r.status, body: (await r.json()) as Record<string, unknown> };
  };

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), "mnemo-two-kernels-"));
    const config = join(dir, "mnemo.toml");
    await writeFile(
      config,
      [
        "[server]\nport = 0",
        '[storage]\nbackend = "postgres"',
        `[storage.postgres]\nurl = ${JSON.stringify(postgresTestUrl())}\npool_size = 4`,
        "[log]\nrequests = false",
        token.toml,
      ].join("\n"),
    );
    kernels = await Promise.all([startChild(config), startChild(config)]);
  }, 60_000);

  afterAll(async () => {
    const codes = await Promise.all(kernels.map((k) => k.stop()));
    expect(codes).toEqual([0, 0]);
    await rm(dir, { recursive: true, force: true });
  });

  it("racing creates of one id: exactly one winner across both processes", async () => {
    const [a, b] = kernels.map((k) => k.url) as [string, string];
    for (let round = 0; round < 10; round++) {
      const id = `race-${round}`;
      const results = await Promise.all(
        [a, b, a, b].map((base) =>
          call(base, "POST", "/v1/sessions", { id, ttlMs: 3_600_000, data: { base } }),
        ),
      );
      expect(results.filter((r) => r.status === 200)).toHaveLength(1);
      expect(results.filter((r) => r.status === 422)).toHaveLength(3);
      const winner = results.find((r) => r.status === 200)?.body;
      // Each process reads the one record, whichever wrote it.
      expect((await call(a, "GET", `/v1/sessions/${id}`)).body).toEqual(winner);
      expect((await call(b, "GET", `/v1/sessions/${id}`)).body).toEqual(winner);
    }
  });

  it("two sweeps racing remove and count every expired session once", async () => {
    const [a, b] = kernels.map((k) => k.url) as [string, string];
    const n = 20;
    await Promise.all(
      Array.from({ length: n }, (_, i) =>
        call(i % 2 ? a : b, "POST", "/v1/sessions", { id: `exp-${i}`, ttlMs: 1 }),
      ),
    );
    await new Promise((r) => setTimeout(r, 20));
    const swept = await Promise.all(
      [a, b, a, b].map((base) => call(base, "POST", "/v1/sessions/sweep", {})),
    );
    expect(swept.reduce((sum, r) => sum + (r.body.removed as number), 0)).toBe(n);
  });
});
