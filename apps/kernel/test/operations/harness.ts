/**
 * Runs a component's operation definitions the way the kernel will: JSON in through the
 * input schema, the handler against a real component on a real backend, the result out
 * through the output schema to JSON and back. Records which operations a scenario reached
 * and the first JSON input each accepted, for the coverage check and the hostile-input pass.
 */
import type { StorageBackend, StorageErrorCode } from "@mnemo/core";
import { StorageError } from "@mnemo/core";
import type { BackendFixture } from "@mnemo/testing";
import { Schema } from "effect";
import { expect } from "vitest";
import { decodeInput, encodeOutput } from "../../src/operations/codec.js";
import type {
  BinaryBody,
  BinaryResult,
  CallContext,
  ComponentDef,
  EventStreamResult,
  OperationDef,
} from "../../src/operations/define.js";

// biome-ignore lint/suspicious/noExplicitAny: any operation of the component
type AnyOperation = OperationDef<any, any, any>;
// biome-ignore lint/suspicious/noExplicitAny: scenario code reads results freely
type Json = any;
// biome-ignore lint/suspicious/noExplicitAny: any component
type AnyComponent = ComponentDef<any>;

export interface Caller {
  /** Calls `name` with `json` (round-tripped through JSON first) and returns the JSON result. */
  call(name: string, json: unknown, body?: BinaryBody): Promise<Json>;
  /** Calls a binary-response operation and returns the bytes. */
  bytes(name: string, json: unknown): Promise<Uint8Array>;
  /** Calls an SSE operation; the caller consumes (and ends) the events. */
  events(name: string, json: unknown, signal?: AbortSignal): Promise<EventStreamResult>;
  /** Expects `name` with `json` to fail with the `StorageError` `code`. */
  fails(name: string, json: unknown, code: StorageErrorCode): Promise<void>;
  readonly component: unknown;
  readonly store: StorageBackend;
}

export interface Run {
  readonly covered: Set<string>;
  /** The first JSON input each operation accepted: the base of the hostile-input pass. */
  readonly samples: Map<string, unknown>;
}

export function context(signal: AbortSignal = new AbortController().signal): CallContext {
  return { tenant: "test", requestId: "req-1", signal };
}

function operation(def: AnyComponent, name: string): AnyOperation {
  const op = def.operations.find((candidate) => candidate.name === name);
  if (op === undefined) throw new Error(`no operation ${name} in ${def.key}`);
  return op;
}

/** The wire: what a client sends is JSON text, so undefined, Maps or NaN never get through. */
const overTheWire = (value: unknown): unknown => JSON.parse(JSON.stringify(value));

/**
 * Encodes `result`, checks it is JSON as it is, and that decoding and re-encoding keeps it.
 * Output schemas are identity codecs: `JSON.stringify` of the handler's result is already
 * the encoded JSON, so a transport that writes results without encoding them sends the same.
 */
export function roundTrip(op: AnyOperation, result: unknown): Json {
  const encoded = encodeOutput(op, result);
  const wire = overTheWire(encoded);
  expect(wire).toStrictEqual(encoded);
  expect(overTheWire(result), `${op.name}: the result is its own JSON`).toStrictEqual(wire);
  const again = encodeOutput(op, Schema.decodeUnknownSync(op.output)(wire));
  expect(again).toStrictEqual(wire);
  return wire;
}

export async function collect(stream: AsyncIterable<Uint8Array>): Promise<Uint8Array> {
  const chunks: Uint8Array[] = [];
  for await (const chunk of stream) chunks.push(chunk);
  return Buffer.concat(chunks);
}

export function binaryBody(bytes: Uint8Array, chunk = 64 * 1024): BinaryBody {
  async function* stream() {
    for (let at = 0; at < bytes.length; at += chunk) yield bytes.subarray(at, at + chunk);
  }
  return { stream: stream(), length: bytes.length, contentType: "application/octet-stream" };
}

export function caller(def: AnyComponent, store: StorageBackend, run: Run): Caller {
  const component = def.create(store);
  const invoke = async (name: string, json: unknown, body?: BinaryBody, signal?: AbortSignal) => {
    const op = operation(def, name);
    const sent = overTheWire(json);
    const input = decodeInput(op, sent);
    const result = await op.handler(component, input, context(signal), body);
    run.covered.add(name);
    if (!run.samples.has(name)) run.samples.set(name, sent);
    return { op, result };
  };
  return {
    component,
    store,
    async call(name, json, body) {
      const { op, result } = await invoke(name, json, body);
      expect(op.response).toBeUndefined();
      return roundTrip(op, result);
    },
    async bytes(name, json) {
      const { op, result } = await invoke(name, json);
      expect(op.response).toBe("binary");
      const binary = result as BinaryResult;
      expect(binary.kind).toBe("binary");
      const bytes = await collect(binary.stream);
      if (binary.length !== undefined) expect(bytes.length).toBe(binary.length);
      return bytes;
    },
    async events(name, json, signal) {
      const { op, result } = await invoke(name, json, undefined, signal);
      expect(op.response).toBe("sse");
      expect((result as EventStreamResult).kind).toBe("sse");
      return result as EventStreamResult;
    },
    async fails(name, json, code) {
      const error = await invoke(name, json).then(
        () => undefined,
        (caught: unknown) => caught,
      );
      expect(error, `${name} should fail with ${code}`).toBeInstanceOf(StorageError);
      expect((error as StorageError).code).toBe(code);
      run.covered.add(name);
    },
  };
}

/** A scenario per backend that must reach every operation of `def`. */
export async function runScenario(
  def: AnyComponent,
  backend: BackendFixture,
  scenario: (api: Caller) => Promise<void>,
): Promise<Run> {
  const run: Run = { covered: new Set(), samples: new Map() };
  const store = await backend.open({ namespace: def.namespace });
  await scenario(caller(def, store, run));
  const names = def.operations.map((op) => op.name);
  expect([...run.covered].sort()).toStrictEqual([...names].sort());
  return run;
}
