/**
 * The runtime: a component instance per (tenant, backend generation), leases held for the
 * whole call (to the end of a stream), and a kernel shutdown that drains calls in flight
 * before any backend closes.
 */
import type { StorageBackend } from "@mnemo/core";
import { Schema } from "effect";
import { describe, expect, it } from "vitest";
import { BackendOpener } from "../src/backends/open.js";
import { defineComponent, defineOperation } from "../src/operations/define.js";
import { sessions } from "../src/operations/sessions.js";
import { ComponentSlot, Runtime } from "../src/runtime.js";
import { startTestKernel } from "./helpers.js";

function deferred() {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => {
    resolve = r;
  });
  return { promise, resolve };
}

/** A test component: counts instances and closes, and has a call that waits on a gate. */
function probeComponent(gate: Promise<void>, events: string[]) {
  let made = 0;
  class Probe {
    readonly serial = ++made;
    constructor(readonly store: StorageBackend) {}
  }
  const whoami = defineOperation({
    name: "hook_history.whoami",
    component: "hook_history",
    summary: "test",
    description: "test",
    scope: "read",
    http: { method: "GET", path: "/probe/whoami" },
    input: Schema.Struct({}),
    output: Schema.Struct({ serial: Schema.Number }),
    handler: async (p: Probe) => ({ serial: p.serial }),
  });
  const slow = defineOperation({
    name: "hook_history.slow",
    component: "hook_history",
    summary: "test",
    description: "test",
    scope: "write",
    http: { method: "POST", path: "/probe/slow" },
    input: Schema.Struct({}),
    output: Schema.Struct({ done: Schema.Boolean }),
    handler: async (p: Probe) => {
      events.push("slow started");
      await gate;
      await p.store.set("k", new Uint8Array([1])); // the backend must still be open here
      events.push("slow finished");
      return { done: true };
    },
  });
  const stream = defineOperation({
    name: "hook_history.stream",
    component: "hook_history",
    summary: "test",
    description: "test",
    scope: "read",
    http: { method: "GET", path: "/probe/stream" },
    input: Schema.Struct({}),
    output: Schema.Struct({}),
    response: "binary",
    handler: async () => ({
      kind: "binary" as const,
      contentType: "application/octet-stream",
      stream: (async function* () {
        yield new Uint8Array([1, 2, 3]);
      })(),
    }),
  });
  return defineComponent({
    key: "hook_history",
    namespace: "probe",
    create: (store) => new Probe(store),
    close: async (p: Probe) => {
      events.push(`instance ${p.serial} closed`);
    },
    operations: [whoami, slow, stream],
  });
}

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
