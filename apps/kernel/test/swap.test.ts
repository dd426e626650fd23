/**
 * Hot swap without data to carry, over real HTTP: the admin route, its refusals and bad
 * inputs, a second swap during a swap (409), an unreachable new backend (the old keeps
 * serving; the response, /readyz, the metrics and the log say why).
 */
import { randomUUID } from "node:crypto";
import { postgresTestUrl, selectedBackends } from "@mnemo/testing";
import { afterEach, describe, expect, it } from "vitest";
import { Logger } from "../src/log.js";
import { startTestKernel, type TestKernel } from "./helpers.js";
import { deferred } from "./probe.js";

const open: TestKernel[] = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((k) => k.close()));
});

async function kernel(options: Parameters<typeof startTestKernel>[0]): Promise<TestKernel> {
  const k = await startTestKernel(options);
  open.push(k);
  return k;
}

const swapPath = (component: string) => `/admin/components/${component}/backend`;

describe("hot swap: empty components", () => {
  it("memory → level (empty) → memory (data carried) → level (migrate = false) → refused", async () => {
    const k = await kernel({ backend: "memory" });
    const swap = (body: unknown) =>
      k.call("POST", swapPath("sessions"), { token: k.tokens.admin, body });
    const first = await swap({ backend: "level" });
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ component: "sessions", from: "memory", changed: true });
    expect(first.body).not.toHaveProperty("migrated");
    expect((first.body as { to: string }).to).toMatch(/^level:/);
    expect(k.kernel.runtime.slot("sessions").ref.current.kind).toBe("level");
    const session = { ttlMs: 60_000, data: { a: 1 } };
    expect((await k.call("POST", "/v1/sessions", { body: { id: "s1", ...session } })).status).toBe(
      200,
    );
    // Holding data: it is carried along.
    const carried = await swap({ backend: "memory" });
    expect(carried.status).toBe(200);
    expect(carried.body).toMatchObject({ migrated: { keys: expect.any(Number) } });
    expect((await k.call("GET", "/v1/sessions/s1")).status).toBe(200);
    // migrate: false says so explicitly: the data stays behind on memory.
    expect((await swap({ backend: "level", migrate: false })).status).toBe(200);
    expect((await k.call("GET", "/v1/sessions/s1")).status).toBe(404);
    expect((await k.call("POST", "/v1/sessions", { body: { id: "s2", ...session } })).status).toBe(
      200,
    );
    // memory still holds s1: carrying s2 there would merge two data sets, so it is refused.
    const refused = await swap({ backend: "memory" });
    expect(refused.status).toBe(422);
    expect(refused.body).toMatchObject({ code: "FAILED_PRECONDITION" });
    expect((refused.body as { detail: string }).detail).toMatch(
      /already holds data.*migrate = false/s,
    );
    expect(k.kernel.runtime.slot("sessions").ref.current.kind).toBe("level");
    expect((await k.call("GET", "/v1/sessions/s2")).status).toBe(200);
    const status = await k.call("GET", swapPath("sessions"), { token: k.tokens.admin });
    expect(status.body).toMatchObject({ kind: "level", last: { ok: false } });
    const metrics = await k.call("GET", "/metrics");
    expect(metrics.body).toContain('mnemo_swaps_total{component="sessions",result="ok"} 3');
    expect(metrics.body).toContain('mnemo_swaps_total{component="sessions",result="failed"} 1');
    expect(metrics.body).toContain('mnemo_migrations_total{component="sessions",result="ok"} 1');
  });

  it("a swap to the backend already serving changes nothing", async () => {
    const k = await kernel({ backend: "memory" });
    const same = await k.call("POST", swapPath("sessions"), {
      token: k.tokens.admin,
      body: { backend: "memory" },
    });
    expect(same.status).toBe(200);
    expect(same.body).toMatchObject({ changed: false, generation: 1 });
  });

  it("two components on one LevelDB directory swap one at a time; the other keeps its data", async () => {
    const k = await kernel({ backend: "level" });
    await k.call("POST", "/v1/sessions", { body: { id: "kept", ttlMs: 60_000, data: {} } });
    const roots = k.kernel.opener.openRoots;
    const r = await k.call("POST", swapPath("agent_state"), {
      token: k.tokens.admin,
      body: { backend: "memory" },
    });
    expect(r.status).toBe(200);
    expect(k.kernel.opener.openRoots).toBe(roots + 1); // the directory stays open for the rest
    expect((await k.call("GET", "/v1/sessions/kept")).status).toBe(200);
    const again = await k.call("POST", swapPath("agent-state"), {
      token: k.tokens.admin,
      body: { backend: "level" },
    });
    expect(again.status).toBe(200);
    expect(k.kernel.opener.openRoots).toBe(roots); // memory root closed with its last share
  });
});

describe("hot swap: refusals and failures", () => {
  it("refuses bad requests with 4xx and changes nothing", async () => {
    const k = await kernel({ backend: "memory" });
    const admin = k.tokens.admin;
    const bad: [unknown, number][] = [
      [{ backend: "redis" }, 400],
      [{}, 400],
      [{ backend: null }, 400],
      [{ backend: "level", path: 7 }, 400],
      [{ backend: "level", path: "x".repeat(5000) }, 400],
      [{ backend: "level", migrate: "no" }, 400],
      [{ backend: "level", extra: 1 }, 400],
      [{ backend: "level", toString: "x" }, 400],
      [JSON.parse('{"backend":"level","__proto__":{"migrate":false}}'), 400],
      [{ backend: { deep: { deeper: [[[[1]]]] } } }, 400],
    ];
    for (const [body, status] of bad) {
      const r = await k.call("POST", swapPath("sessions"), { token: admin, body });
      expect([JSON.stringify(body), r.status]).toEqual([JSON.stringify(body), status]);
    }
    const nullBody = await k.call("POST", swapPath("sessions"), { token: admin, raw: "null" });
    expect(nullBody.status).toBe(400);
    expect(
      (await k.call("POST", swapPath("nope"), { token: admin, body: { backend: "level" } })).status,
    ).toBe(404);
    expect(
      (await k.call("POST", swapPath("sessions"), { body: { backend: "level" } })).status,
    ).toBe(403);
    expect(
      (await k.call("POST", swapPath("sessions"), { token: null, body: { backend: "level" } }))
        .status,
    ).toBe(401);
    expect((await k.call("DELETE", swapPath("sessions"), { token: admin })).status).toBe(405);
    expect(k.kernel.runtime.slot("sessions").ref.generation).toBe(1);
  });

  it("an unreachable new backend leaves the old serving; response, /readyz, metrics, log say why", async () => {
    const lines: string[] = [];
    const logger = new Logger("info", { write: (line: string) => lines.push(line) } as never);
    const k = await kernel({ backend: "memory", logger });
    await k.call("POST", "/v1/sessions", { body: { id: "s", ttlMs: 60_000, data: {} } });
    const r = await k.call("POST", swapPath("sessions"), {
      token: k.tokens.admin,
      body: { backend: "postgres", url: "postgres://postgres@127.0.0.1:1/unreachable" },
    });
    expect(r.status).toBe(503);
    expect((r.body as { detail: string }).detail).toMatch(/cannot open the new backend/);
    expect(k.kernel.runtime.slot("sessions").ref.current.kind).toBe("memory");
    expect((await k.call("GET", "/v1/sessions/s")).status).toBe(200);
    const ready = await k.call("GET", "/readyz");
    expect(ready.status).toBe(200);
    expect(ready.body).toMatchObject({ swaps: { sessions: { last: { ok: false } } } });
    const metrics = await k.call("GET", "/metrics");
    expect(metrics.body).toContain('mnemo_swaps_total{component="sessions",result="failed"} 1');
    expect(lines.some((l) => l.includes("swap failed") && l.includes("sessions"))).toBe(true);
    expect(k.kernel.opener.openRoots).toBe(1);
  });

  it("a second swap during a swap is refused with 409; the first completes", async () => {
    const gate = deferred();
    const reached = deferred();
    const k = await kernel({
      backend: "memory",
      swap: {
        onStep: async (_component, step) => {
          if (step !== "health-check") return;
          reached.resolve();
          await gate.promise;
        },
      },
    });
    const first = k.call("POST", swapPath("sessions"), {
      token: k.tokens.admin,
      body: { backend: "level" },
    });
    await reached.promise;
    const second = await k.call("POST", swapPath("episodic"), {
      token: k.tokens.admin,
      body: { backend: "level" },
    });
    expect(second.status).toBe(409);
    expect((second.body as { detail: string }).detail).toMatch(/swap of sessions is in progress/);
    gate.resolve();
    expect((await first).status).toBe(200);
    expect(k.kernel.runtime.slot("episodic").ref.current.kind).toBe("memory");
  });

  it.runIf(selectedBackends().includes("postgres"))(
    "swaps an empty component to PostgreSQL and back (the config's pool settings)",
    async () => {
      const k = await kernel({ backend: "memory" });
      const id = `s-${randomUUID()}`;
      const r = await k.call("POST", swapPath("hook_history"), {
        token: k.tokens.admin,
        body: { backend: "postgres", url: postgresTestUrl() },
      });
      expect(r.status).toBe(200);
      expect(k.kernel.runtime.slot("hook_history").ref.current.kind).toBe("postgres");
      expect(id).toBeTypeOf("string");
    },
  );
});
