/**
 * Swaps under load: autocannon (8 connections over loopback) runs mixed writes and reads on
 * sessions and agent-state while each of them swaps memory → LevelDB → PostgreSQL → memory,
 * four rounds (24 swaps, each carrying the data). Then: 0 failed requests, every
 * acknowledged write read back from the final backend, every retired generation closed
 * exactly once, every root closed after shutdown. p50/p99 latency, steady vs. during swaps,
 * is printed (measured, not asserted).
 */
import { randomUUID } from "node:crypto";
import type { AgentStateStore } from "@mnemo/agent-state";
import type { SessionStore } from "@mnemo/sessions";
import { postgresTestUrl, selectedBackends } from "@mnemo/testing";
import autocannon from "autocannon";
import { describe, expect, it } from "vitest";
import { ServedBackend } from "../src/runtime.js";
import { startTestKernel } from "./helpers.js";

const ROUNDS = 4;
const TARGETS = ["level", "postgres", "memory"] as const;

interface Acked {
  readonly sessions: string[];
  readonly agents: string[];
}

function load(base: string, token: string, acked: Acked, run: string, duration?: number) {
  let n = 0;
  const headers = { authorization: `Bearer ${token}`, "content-type": "application/json" };
  return autocannon({
    url: base,
    connections: 8,
    ...(duration === undefined ? { duration: 3600 } : { duration }),
    requests: [
      {
        method: "POST",
        path: "/v1/sessions",
        headers,
        setupRequest: (req, context) => {
          const id = `s-${run}-${n++}`;
          (context as { id?: string }).id = id;
          return { ...req, body: JSON.stringify({ id, ttlMs: 3_600_000, data: { id } }) };
        },
        onResponse: (status, _body, context) => {
          if (status === 200) acked.sessions.push((context as { id: string }).id);
        },
      },
      {
        method: "GET",
        headers,
        setupRequest: (req, context) => ({
          ...req,
          path: `/v1/sessions/${(context as { id: string }).id}`,
        }),
      },
      {
        method: "PUT",
        headers,
        setupRequest: (req, context) => {
          const id = `a-${run}-${n++}`;
          (context as { agent?: string }).agent = id;
          return {
            ...req,
            path: `/v1/agent-state/agents/${id}/status`,
            body: JSON.stringify({ status: "active" }),
          };
        },
        onResponse: (status, _body, context) => {
          if (status === 200) acked.agents.push((context as { agent: string }).agent);
        },
      },
    ],
  });
}

const ms = (r: autocannon.Result) => ({
  p50: r.latency.p50,
  p99: r.latency.p99,
  rps: r.requests.average,
});

describe.runIf(selectedBackends().includes("postgres"))("hot swap under load", () => {
  it("24 swaps with data across memory → level → postgres → memory: nothing fails or is lost", async () => {
    const run = randomUUID().slice(0, 8);
    const closes = new Map<ServedBackend, number>();
    const close = ServedBackend.prototype.close;
    ServedBackend.prototype.close = function (this: ServedBackend) {
      closes.set(this, (closes.get(this) ?? 0) + 1);
      return close.call(this);
    };
    const k = await startTestKernel({
      backend: "memory",
      // vector_embeddings is on PostgreSQL only to give swaps the pool settings and a fresh schema.
      toml: [
        "[storage.vector_embeddings]",
        'backend = "postgres"',
        "[storage.postgres]",
        `url = ${JSON.stringify(postgresTestUrl())}`,
        "pool_size = 4",
        `schema = "swap_${run}"`,
      ].join("\n"),
    });
    try {
      const acked: Acked = { sessions: [], agents: [] };
      const steady = await load(k.base, k.tokens.acmeWrite, acked, `${run}-steady`, 2);
      const busy = load(k.base, k.tokens.acmeWrite, acked, `${run}-busy`);
      const swaps: { component: string; to: string; ms: number; keys?: number | undefined }[] = [];
      for (let round = 0; round < ROUNDS; round++) {
        for (const target of TARGETS) {
          for (const component of ["sessions", "agent_state"]) {
            const r = await k.call("POST", `/admin/components/${component}/backend`, {
              token: k.tokens.admin,
              body: { backend: target },
            });
            if (r.status !== 200) {
              throw new Error(
                `after ${JSON.stringify(swaps)}: ${component} → ${target}: ${JSON.stringify(r.body)}`,
              );
            }
            const body = r.body as { ms: number; migrated?: { keys: number } };
            swaps.push({ component, to: target, ms: body.ms, keys: body.migrated?.keys });
          }
        }
      }
      (busy as unknown as { stop(): void }).stop();
      const during = await busy;
      console.log(
        JSON.stringify({
          steady: ms(steady),
          during: ms(during),
          swaps: swaps.length,
          sample: swaps.slice(0, 6),
        }),
      );
      for (const result of [steady, during]) {
        expect(result.errors).toBe(0);
        expect(result.non2xx).toBe(0);
      }
      expect(swaps).toHaveLength(ROUNDS * TARGETS.length * 2);
      // Every acknowledged write, read back from the final backend (memory).
      const tenant = k.tenants.acme;
      const sessions = k.kernel.runtime
        .slot("sessions")
        .ref.current.instanceFor(tenant) as SessionStore;
      const agents = k.kernel.runtime
        .slot("agent_state")
        .ref.current.instanceFor(tenant) as AgentStateStore;
      expect(k.kernel.runtime.slot("sessions").ref.current.kind).toBe("memory");
      const missing: string[] = [];
      for (const id of acked.sessions) if ((await sessions.get(id)) === undefined) missing.push(id);
      for (const id of acked.agents)
        if ((await agents.getStatus(id)) === undefined) missing.push(id);
      expect(missing).toEqual([]);
      expect(acked.sessions.length + acked.agents.length).toBeGreaterThan(100);
      // Each swap retired one generation of its component: closed once, none twice.
      expect([...closes.values()].every((n) => n === 1)).toBe(true);
      expect(closes.size).toBeGreaterThanOrEqual(swaps.length);
    } finally {
      ServedBackend.prototype.close = close;
      await k.close();
    }
    expect(k.kernel.opener.openRoots).toBe(0);
  }, 120_000);
});
