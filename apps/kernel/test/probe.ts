/**
 * A test component served as "hook_history" (namespace "probe"): counts instances and
 * closes, has a call that waits on a gate, and a binary stream.
 */
import type { StorageBackend } from "@mnemo/core";
import { Schema } from "effect";
import { defineComponent, defineOperation } from "../src/operations/define.js";

export function deferred() {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => {
    resolve = r;
  });
  return { promise, resolve };
}

export function probeComponent(gate: Promise<void>, events: string[]) {
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
  const upload = defineOperation({
    name: "hook_history.upload",
    component: "hook_history",
    summary: "test",
    description: "test",
    scope: "write",
    http: { method: "POST", path: "/probe/upload" },
    input: Schema.Struct({}),
    output: Schema.Struct({ bytes: Schema.Number }),
    body: "binary",
    handler: async (_p: Probe, _input, _ctx, body) => {
      let bytes = 0;
      for await (const chunk of body?.stream ?? []) bytes += chunk.length;
      return { bytes };
    },
  });
  const download = defineOperation({
    name: "hook_history.download",
    component: "hook_history",
    summary: "test",
    description: "test",
    scope: "read",
    http: { method: "GET", path: "/probe/download" },
    input: Schema.Struct({ bytes: Schema.Int }),
    output: Schema.Struct({}),
    response: "binary",
    handler: async (_p: Probe, input) => ({
      kind: "binary" as const,
      contentType: "application/octet-stream",
      length: input.bytes,
      stream: (async function* () {
        const chunk = new Uint8Array(64 * 1024).fill(7);
        for (let left = input.bytes; left > 0; left -= chunk.length) {
          yield left >= chunk.length ? chunk : chunk.subarray(0, left);
        }
      })(),
    }),
  });
  const eventStream = defineOperation({
    name: "hook_history.events",
    component: "hook_history",
    summary: "test",
    description: "test",
    scope: "read",
    http: { method: "GET", path: "/probe/events" },
    input: Schema.Struct({ count: Schema.Int }),
    output: Schema.Struct({}),
    response: "sse",
    handler: async (_p: Probe, input, ctx) => ({
      kind: "sse" as const,
      events: (async function* () {
        for (let i = 0; i < input.count; i++) yield { id: `e${i}`, data: { i } };
        // Then wait for more, like a tail, until the client goes away.
        await new Promise((resolve) =>
          ctx.signal.addEventListener("abort", resolve, { once: true }),
        );
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
    operations: [whoami, slow, stream, upload, download, eventStream],
  });
}
