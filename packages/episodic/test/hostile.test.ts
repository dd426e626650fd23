/**
 * What a JSON client can send, method by method: each call is refused with a StorageError
 * INVALID_ARGUMENT (never a TypeError or RangeError) and the store is exactly as before.
 */
import { StorageError } from "@mnemo/core";
import { dump, forEachBackend, manualClock } from "@mnemo/testing";
import { expect, it } from "vitest";
import { EpisodicMemory, MAX_BATCH_TURNS } from "../src/index.js";

const hostileObject = JSON.parse('{"toString":"x","valueOf":"y"}');
const protoKey = JSON.parse('{"__proto__":{"polluted":true}}');
const deep = JSON.parse(`${"[".repeat(4000)}${"]".repeat(4000)}`);
const deepObject = JSON.parse(`${'{"a":'.repeat(4000)}1${"}".repeat(4000)}`);
const turn = { sessionId: "s", role: "user", content: "fine" } as const;

// biome-ignore lint/suspicious/noExplicitAny: hostile input is untyped by definition
type Call = (m: any) => Promise<unknown>;
const badTurns: [string, unknown][] = [
  ["null", null],
  ["a number", 5],
  ["a string", "turn"],
  ["an array", [turn]],
  ["{toString}", hostileObject],
  ["sessionId: {toString}", { ...turn, sessionId: hostileObject }],
  ["sessionId: 300 bytes", { ...turn, sessionId: "s".repeat(300) }],
  ["sessionId with U+0000", { ...turn, sessionId: "a\0b" }],
  ["role: {toString}", { ...turn, role: hostileObject }],
  ["role: robot", { ...turn, role: "robot" }],
  ["content: null", { ...turn, content: null }],
  ["content: []", { ...turn, content: [] }],
  ["content: a lone surrogate", { ...turn, content: "a\ud800" }],
  ["content: over 1 MiB", { ...turn, content: "x".repeat(1024 * 1024 + 1) }],
  ["timestamp: year 10000", { ...turn, timestamp: 253_402_300_800_000 }],
  ["timestamp: 1.5", { ...turn, timestamp: 1.5 }],
  ['timestamp: "1"', { ...turn, timestamp: "1" }],
  ["timestamp: -1", { ...turn, timestamp: -1 }],
  ["metadata: null", { ...turn, metadata: null }],
  ['metadata: "x"', { ...turn, metadata: "x" }],
  ["metadata 4,000 deep (arrays)", { ...turn, metadata: { deep } }],
  ["metadata 4,000 deep (objects)", { ...turn, metadata: deepObject }],
  ["metadata over 64 KiB", { ...turn, metadata: { s: "x".repeat(70_000) } }],
  ["metadata with a Set", { ...turn, metadata: { s: new Set() } }],
  ["embeddingRef: 5", { ...turn, embeddingRef: 5 }],
  ["embeddingRef: {toString}", { ...turn, embeddingRef: hostileObject }],
];
const cases: [string, Call][] = [
  ...badTurns.map(([name, input]): [string, Call] => [`append(${name})`, (m) => m.append(input)]),
  ...badTurns.map(([name, input]): [string, Call] => [
    `appendBatch([fine, ${name}])`,
    (m) => m.appendBatch([turn, input]),
  ]),
  ["appendBatch(null)", (m) => m.appendBatch(null)],
  ["appendBatch(5)", (m) => m.appendBatch(5)],
  ['appendBatch("")', (m) => m.appendBatch("")],
  ["appendBatch({})", (m) => m.appendBatch({})],
  ["appendBatch({toString})", (m) => m.appendBatch(hostileObject)],
  [
    `appendBatch(${MAX_BATCH_TURNS + 1} turns)`,
    (m) => m.appendBatch(Array.from({ length: MAX_BATCH_TURNS + 1 }, () => turn)),
  ],
  [
    "appendBatch(20 MiB of content)",
    (m) =>
      m.appendBatch(
        Array.from({ length: 20 }, () => ({ ...turn, content: "x".repeat(1024 * 1024) })),
      ),
  ],
  ["get(null)", (m) => m.get(null)],
  ["get({toString})", (m) => m.get(hostileObject)],
  ["list(null)", (m) => m.list(null)],
  ["list(s, null)", (m) => m.list("s", null)],
  ['list(s, "x")', (m) => m.list("s", "x")],
  ['list(s, { order: "up" })', (m) => m.list("s", { order: "up" })],
  ["list(s, { roles: 5 })", (m) => m.list("s", { roles: 5 })],
  ['list(s, { roles: "user" })', (m) => m.list("s", { roles: "user" })],
  ["list(s, { roles: [{toString}] })", (m) => m.list("s", { roles: [hostileObject] })],
  ["list(s, { limit: {toString} })", (m) => m.list("s", { limit: hostileObject })],
  ['list(s, { limit: "5" })', (m) => m.list("s", { limit: "5" })],
  ["list(s, { from: 20, to: 10 })", (m) => m.list("s", { from: 20, to: 10 })],
  ["list(s, { cursor: [] })", (m) => m.list("s", { cursor: [] })],
  ["list(s, { cursor: garbage })", (m) => m.list("s", { cursor: "%%%" })],
  ["list(s, __proto__ options)", (m) => m.list("s", { ...protoKey, limit: 0 })],
  ["recent(s, 0)", (m) => m.recent("s", 0)],
  ['recent(s, "3")', (m) => m.recent("s", "3")],
  ["count(null)", (m) => m.count(null)],
  ["listSessions(null)", (m) => m.listSessions(null)],
  ["listSessions({ cursor: 5 })", (m) => m.listSessions({ cursor: 5 })],
  ["search(null)", (m) => m.search(null)],
  ["search({toString})", (m) => m.search(hostileObject)],
  ["search(x, null)", (m) => m.search("x", null)],
  ["search(x, { sessionId: 5 })", (m) => m.search("x", { sessionId: 5 })],
  ["search(x, { limit: 0 })", (m) => m.search("x", { limit: 0 })],
  ["search(x, { from: -1 })", (m) => m.search("x", { from: -1 })],
  [
    "search(15,000 words)",
    (m) => m.search(Array.from({ length: 15_000 }, (_, i) => `w${i}`).join(" ")),
  ],
  ["delete(null)", (m) => m.delete(null)],
  ["delete({toString})", (m) => m.delete(hostileObject)],
  ["deleteSession(5)", (m) => m.deleteSession(5)],
  ["deleteOlderThan(Infinity)", (m) => m.deleteOlderThan(Number.POSITIVE_INFINITY)],
  ['deleteOlderThan("1")', (m) => m.deleteOlderThan("1")],
  ["deleteOlderThan(year 10000)", (m) => m.deleteOlderThan(253_402_300_800_000)],
];

const constructions: [string, unknown][] = [
  ["null", null],
  ["5", 5],
  ['"x"', "x"],
  ["clock: null", { clock: null }],
  ["clock: { now: 5 }", { clock: { now: 5 } }],
  ["k1: -1", { k1: -1 }],
  ["k1: {toString}", { k1: hostileObject }],
  ["b: 2", { b: 2 }],
  ["b: NaN", { b: Number.NaN }],
  ["maxAttempts: NaN", { maxAttempts: Number.NaN }],
  ["maxAttempts: 0", { maxAttempts: 0 }],
];

function expectInvalid(error: unknown, name: string) {
  expect(error, name).toBeInstanceOf(StorageError);
  expect((error as StorageError).code, `${name}: ${(error as Error).message}`).toBe(
    "INVALID_ARGUMENT",
  );
}

forEachBackend((backend) => {
  it(`refuses ${cases.length} hostile calls with INVALID_ARGUMENT and writes nothing`, async () => {
    const store = await backend.open({ namespace: "episodic" });
    const memory = new EpisodicMemory(store, { clock: manualClock() });
    await memory.append({ sessionId: "s", role: "user", content: "already here" });
    const before = await dump(store);
    for (const [name, call] of cases) {
      const error = await Promise.resolve()
        .then(() => call(memory))
        .then(
          () => undefined,
          (e: unknown) => e,
        );
      expectInvalid(error, name);
    }
    expect(await dump(store)).toEqual(before);
  }, 60_000);

  it(`refuses ${constructions.length} hostile constructor options`, async () => {
    const store = await backend.open({ namespace: "episodic" });
    for (const [name, options] of constructions) {
      let error: unknown;
      try {
        new EpisodicMemory(store, options as never);
      } catch (e) {
        error = e;
      }
      expectInvalid(error, name);
    }
  });
});
