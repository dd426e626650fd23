/**
 * The runtime: a component instance per (tenant, backend generation), leases held for the
 * whole call (to the end of a stream), and a kernel shutdown that drains calls in flight
 * before any backend closes.
 */
import { describe, expect, it } from "vitest";
import { BackendOpener } from "../src/backends/open.js";
import { sessions } from "../src/operations/sessions.js";
import { ComponentSlot, Runtime } from "../src/runtime.js";
import { startTestKernel } from "./helpers.js";
import { deferred, probeComponent } from "./probe.js";

const ctx = (tenant: string) => ({ tenant, requestId: "r", signal: new AbortController().signal });

describe("Runtime", () => {
  it("caches one instance per tenant and generation, and closes them with the generation", async () => {
    const events: string[] = [];
    const def = probeComponent(Promise.resolve(), events);
    const opener = new BackendOpener();
    const slot = new ComponentSlot(def, await opener.open({ kind: "memory" }, "probe"));
    const runtime = new Runtime([slot]);
    const whoami = def.operations[0]!;
    const a1 = await runtime.invoke(whoami, {}, ctx("a"));
    const a2 = await runtime.invoke(whoami, {}, ctx("a"));
    const b1 = await runtime.invoke(whoami, {}, ctx("b"));
    expect(a1).toEqual(a2);
    expect(b1).not.toEqual(a1);
    const { ServedBackend } = await import("../src/runtime.js");
    await slot.ref.swap(new ServedBackend(def, await opener.open({ kind: "memory" }, "probe")));
    expect(events.sort()).toEqual(["instance 1 closed", "instance 2 closed"]);
    const a3 = (await runtime.invoke(whoami, {}, ctx("a"))) as { serial: number };
    expect(a3.serial).toBe(3);
    await runtime.close();
    expect(opener.openRoots).toBe(0);
  });

  it("holds the lease until a streamed result has been read or closed", async () => {
    const def = probeComponent(Promise.resolve(), []);
    const opener = new BackendOpener();
    const slot = new ComponentSlot(def, await opener.open({ kind: "memory" }, "probe"));
    const runtime = new Runtime([slot]);
    const stream = def.operations[2]!;
    const result = (await runtime.invoke(stream, {}, ctx("a"))) as {
      stream: AsyncIterable<Uint8Array>;
    };
    expect(slot.ref.inFlight).toBe(1);
    for await (const _ of result.stream) {
      // read to the end
    }
    expect(slot.ref.inFlight).toBe(0);
    const early = (await runtime.invoke(stream, {}, ctx("a"))) as {
      stream: AsyncIterable<unknown>;
    };
    expect(slot.ref.inFlight).toBe(1);
    await early.stream[Symbol.asyncIterator]().return?.();
    expect(slot.ref.inFlight).toBe(0);
    await runtime.close();
  });

  it("kernel shutdown over HTTP: the call in flight finishes before its backend closes", async () => {
    const gate = deferred();
    const events: string[] = [];
    const k = await startTestKernel({
      backend: "level",
      components: [sessions, probeComponent(gate.promise, events)],
    });
    const call = k.call("POST", "/v1/probe/slow", { body: {} });
    while (!events.includes("slow started")) await new Promise((r) => setTimeout(r, 2));
    const closing = k.close();
    // Stopped accepting: a new connection is refused while the call drains.
    await expect(fetch(`${k.base}/livez`)).rejects.toThrow();
    gate.resolve();
    const response = await call;
    await closing;
    expect(response).toMatchObject({ status: 200, body: { done: true } });
    expect(events).toEqual(["slow started", "slow finished", "instance 1 closed"]);
    expect(k.kernel.opener.openRoots).toBe(0);
  });
});

describe("Runtime.swap under HTTP traffic", () => {
  it("new calls go to the new backend; the call in flight finishes on the old, which closes after it", async () => {
    const gate = deferred();
    const events: string[] = [];
    const k = await startTestKernel({
      backend: "level",
      components: [sessions, probeComponent(gate.promise, events)],
    });
    try {
      const runtime = k.kernel.runtime;
      const slot = runtime.slot("hook_history");
      const oldBackend = slot.ref.current.backend;
      const inFlight = k.call("POST", "/v1/probe/slow", { body: {} });
      while (!events.includes("slow started")) await new Promise((r) => setTimeout(r, 2));
      const swapped = runtime.swap(
        "hook_history",
        await k.kernel.opener.open({ kind: "memory" }, "probe"),
      );
      const after = await k.call("GET", "/v1/probe/whoami");
      expect(after.body).toEqual({ serial: 2 });
      expect((await k.call("GET", "/readyz", { token: null })).body).toMatchObject({
        components: { hook_history: { backend: "memory", generation: 2 } },
      });
      expect(events).not.toContain("instance 1 closed");
      gate.resolve();
      expect(await inFlight).toMatchObject({ status: 200, body: { done: true } });
      await swapped;
      expect(events).toEqual(["slow started", "slow finished", "instance 1 closed"]);
      // The in-flight write landed on the old (LevelDB) generation, not on the new one. The
      // LevelDB root stays open: the sessions component still holds its share of it.
      expect(await oldBackend.forTenant(k.tenants.acme).get("k")).toEqual(new Uint8Array([1]));
      expect(await slot.ref.current.backend.forTenant(k.tenants.acme).get("k")).toBeUndefined();
      expect(k.kernel.opener.openRoots).toBe(2);
      const text = (await k.call("GET", "/metrics", { token: null })).body as string;
      expect(text).toContain('mnemo_backend_generation{component="hook_history"} 2');
    } finally {
      await k.close();
    }
  });
});
