/**
 * What a JSON client can send, method by method: each call is refused with a StorageError
 * (INVALID_ARGUMENT, or VALUE_TOO_LARGE for oversized metadata) — never a TypeError or a
 * RangeError — and the store and the index are exactly as before.
 */
import { encodeCursor } from "@mnemo/core";
import { dump, forEachBackend, unrefused } from "@mnemo/testing";
import { expect, it } from "vitest";
import { VectorStore } from "../src/index.js";

const hostileObject = JSON.parse('{"toString":"x","valueOf":"y"}');
const protoKey = JSON.parse('{"__proto__":{"polluted":true}}');
const deep = JSON.parse(`${"[".repeat(4000)}${"]".repeat(4000)}`);
const deepObject = JSON.parse(`${'{"a":'.repeat(4000)}1${"}".repeat(4000)}`);
const cyclic: Record<string, unknown> = { a: 1 };
cyclic.self = cyclic;
const q = [0.1, 0.2, 0.3, 0.4];
const good = { id: "ok", vector: q };
/** 600 items, the 501st with an id whose key is 1,649 bytes (800 × U+0001, each escaped). */
const longKeyAt501 = Array.from({ length: 600 }, (_, i) => ({
  id: i === 500 ? "\u0001".repeat(800) : `n${i}`,
  vector: [1, i + 1, 2, 3],
}));
const sixtyFiveFields = Object.fromEntries(Array.from({ length: 65 }, (_, i) => [`f${i}`, i]));

// biome-ignore lint/suspicious/noExplicitAny: hostile input is untyped by definition
type Call = (c: any, s: any) => unknown;
const invalid: [string, Call][] = [
  // Constructor options.
  ...[null, 5, "x", []].map((o): [string, Call] => [
    `new VectorStore(h, ${JSON.stringify(o)})`,
    (_c, s) => s.make(o),
  ]),
  ["maxAttempts NaN", (_c, s) => s.make({ maxAttempts: Number.NaN })],
  ["maxAttempts 0", (_c, s) => s.make({ maxAttempts: 0 })],
  ["maxAttempts 1.5", (_c, s) => s.make({ maxAttempts: 1.5 })],
  ["clock null", (_c, s) => s.make({ clock: null })],
  ["clock without now()", (_c, s) => s.make({ clock: { now: 5 } })],
  ['snapshotOnClose "true"', (_c, s) => s.make({ snapshotOnClose: "true" })],
  ["recallTarget 2", (_c, s) => s.make({ recallTarget: 2 })],
  ["filterExactBelow -1", (_c, s) => s.make({ filterExactBelow: -1 })],
  ["snapshotEvery {toString}", (_c, s) => s.make({ snapshotEvery: hostileObject })],
  ["snapshotLeaseMs 0", (_c, s) => s.make({ snapshotLeaseMs: 0 })],
  // Collections.
  [
    "createCollection(null)",
    (_c, s) => s.store.createCollection(null, { dimension: 4, metric: "l2" }),
  ],
  [
    "createCollection({toString})",
    (_c, s) => s.store.createCollection(hostileObject, { dimension: 4, metric: "l2" }),
  ],
  ['createCollection("")', (_c, s) => s.store.createCollection("", { dimension: 4, metric: "l2" })],
  [
    "createCollection(300 bytes)",
    (_c, s) => s.store.createCollection("n".repeat(300), { dimension: 4, metric: "l2" }),
  ],
  ["createCollection(x, null)", (_c, s) => s.store.createCollection("x", null)],
  ["createCollection(x, 5)", (_c, s) => s.store.createCollection("x", 5)],
  ["createCollection(x, {toString})", (_c, s) => s.store.createCollection("x", hostileObject)],
  ["createCollection(x, __proto__)", (_c, s) => s.store.createCollection("x", protoKey)],
  ['dimension "4"', (_c, s) => s.store.createCollection("x", { dimension: "4", metric: "l2" })],
  [
    "metric {toString}",
    (_c, s) => s.store.createCollection("x", { dimension: 4, metric: hostileObject }),
  ],
  ["M 1.5", (_c, s) => s.store.createCollection("x", { dimension: 4, metric: "l2", M: 1.5 })],
  ["collection(5)", (_c, s) => s.store.collection(5)],
  ["collection(a\\0b)", (_c, s) => s.store.collection("a\u0000b")],
  ["dropCollection(null)", (_c, s) => s.store.dropCollection(null)],
  ["listCollections(null)", (_c, s) => s.store.listCollections(null)],
  ['listCollections("abc")', (_c, s) => s.store.listCollections("abc")],
  ["listCollections limit 0", (_c, s) => s.store.listCollections({ limit: 0 })],
  ['listCollections limit "5"', (_c, s) => s.store.listCollections({ limit: "5" })],
  ["listCollections limit 1001", (_c, s) => s.store.listCollections({ limit: 1001 })],
  ["listCollections cursor 5", (_c, s) => s.store.listCollections({ cursor: 5 })],
  ["listCollections cursor garbage", (_c, s) => s.store.listCollections({ cursor: "!!" })],
  [
    "listCollections cursor of list()",
    (_c, s) => s.store.listCollections({ cursor: encodeCursor(["vector-ids", "h", "a"]) }),
  ],
  // Ids.
  ...[
    null,
    5,
    "",
    {},
    hostileObject,
    [],
    "a\u0000b",
    "\ud800",
    "x".repeat(300),
    "\u0001".repeat(800),
  ].map((id): [string, Call] => [
    `upsert(${JSON.stringify(id)?.slice(0, 20)})`,
    (c) => c.upsert(id, q),
  ]),
  ["get(null)", (c) => c.get(null)],
  ["get({toString})", (c) => c.get(hostileObject)],
  ["delete(5)", (c) => c.delete(5)],
  ["delete(300 bytes)", (c) => c.delete("d".repeat(300))],
  // Vectors.
  ...[null, 5, "abcd", {}, hostileObject, { length: 4 }, deep, [1, 2, 3, "4"], [1, 2, 3]].map(
    (v, i): [string, Call] => [`upsert vector #${i}`, (c) => c.upsert("x", v)],
  ),
  // Metadata.
  ...[
    5,
    "x",
    [1],
    true,
    deep,
    deepObject,
    cyclic,
    new Map(),
    new Date(0),
    { n: 1n },
    { m: new Set() },
  ].map((m, i): [string, Call] => [`upsert metadata #${i}`, (c) => c.upsert("x", q, m)]),
  ["metadata 4,000 deep inside", (c) => c.upsert("x", q, { deep })],
  // upsertMany.
  ...[
    null,
    5,
    {},
    "",
    "abc",
    hostileObject,
    [null],
    [5],
    ["abc"],
    [{ id: "x" }],
    [good, { id: "y", vector: [0, 0, 0, 0] }],
  ].map((items, i): [string, Call] => [`upsertMany #${i}`, (c) => c.upsertMany(items)]),
  ["upsertMany: a key over 1,024 bytes at item 501", (c) => c.upsertMany(longKeyAt501)],
  ["upsertMany: 10,001 items", (c) => c.upsertMany(Array.from({ length: 10_001 }, () => good))],
  // Search.
  ...[null, 5, "abcd", {}, hostileObject, deep, [Number.NaN, 0, 0, 1], [0, 0, 0, 0]].map(
    (query, i): [string, Call] => [`search query #${i}`, (c) => c.search(query, { k: 1 })],
  ),
  ...[
    null,
    5,
    "x",
    [],
    {},
    hostileObject,
    protoKey,
    { k: "5" },
    { k: 0 },
    { k: 10_001 },
    { k: 5, ef: "x" },
    { k: 5, exact: "true" },
    { k: 5, targetRecall: 0 },
    { k: 5, consistency: "strong" },
    { k: 5, filter: null },
    { k: 5, filter: "x" },
    { k: 5, filter: [] },
    { k: 5, filter: 5 },
    { k: 5, filter: { a: { in: "abc" } } },
    { k: 5, filter: { a: { in: 5 } } },
    { k: 5, filter: { a: { gt: 1 } } },
    { k: 5, filter: { a: [1] } },
    { k: 5, filter: cyclic },
    { k: 5, filter: { a: deep } },
    { k: 5, filter: { a: { in: [deep] } } },
    { k: 5, filter: deepObject },
    { k: 5, filter: sixtyFiveFields },
    { k: 5, filter: { a: { in: Array.from({ length: 1025 }, (_, i) => i) } } },
  ].map((o, i): [string, Call] => [`search options #${i}`, (c) => c.search(q, o)]),
  // Listing, calibration, compaction.
  ["list(null)", (c) => c.list(null)],
  ["list(5)", (c) => c.list(5)],
  ["list limit 0", (c) => c.list({ limit: 0 })],
  ["list limit 1.5", (c) => c.list({ limit: 1.5 })],
  ["list cursor {toString}", (c) => c.list({ cursor: hostileObject })],
  [
    "list cursor of listCollections",
    (c) => c.list({ cursor: encodeCursor(["vector-collections", "h"]) }),
  ],
  [
    "list cursor of another collection",
    (c) => c.list({ cursor: encodeCursor(["vector-ids", "other", "a"]) }),
  ],
  [
    "list cursor with a lone surrogate",
    (c) => c.list({ cursor: encodeCursor(["vector-ids", "h", "\ud800"]) }),
  ],
  ["calibrate(null)", (c) => c.calibrate(null)],
  ['calibrate force "true"', (c) => c.calibrate({ force: "true" })],
  ["compact(5)", (c) => c.compact(5)],
  ["compact force 1", (c) => c.compact({ force: 1 })],
];

forEachBackend((backend) => {
  it("refuses hostile input with INVALID_ARGUMENT and writes nothing", {
    timeout: 60_000,
  }, async () => {
    const handle = await backend.open({ namespace: "vector" });
    const store = new VectorStore(handle);
    const c = await store.createCollection("h", { dimension: 4, metric: "cosine" });
    await c.upsertMany(
      Array.from({ length: 20 }, (_, i) => ({
        id: `v${i}`,
        vector: [1, i, 2, 3],
        metadata: { i },
      })),
    );
    const before = await dump(handle);
    const answer = await c.search(q, { k: 30 });
    const subject = {
      store,
      make: (options: unknown) => new VectorStore(handle, options as never),
    };
    const failures = await unrefused(invalid.map(([name, call]) => [name, () => call(c, subject)]));
    // Oversized metadata is a size refusal, still before anything is written.
    failures.push(
      ...(await unrefused(
        [["70 KB metadata", () => c.upsert("x", q, { s: "x".repeat(70_000) })]],
        "VALUE_TOO_LARGE",
      )),
    );
    expect(failures).toEqual([]);
    expect(await dump(handle)).toEqual(before);
    expect(await c.count()).toBe(20);
    expect(await c.search(q, { k: 30 })).toEqual(answer);
    expect(Object.hasOwn(Object.prototype, "polluted")).toBe(false);
  });
});
