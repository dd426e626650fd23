/**
 * What a JSON client can send to every method: null for options, numbers where arrays or
 * strings go, strings where arrays go, objects with a `toString` key, 4,000-deep nesting.
 * Each is a StorageError INVALID_ARGUMENT (never a TypeError or RangeError) and writes
 * nothing.
 */
import { StorageError } from "@mnemo/core";
import { dump, forEachBackend, manualClock, unrefused } from "@mnemo/testing";
import { expect, it } from "vitest";
import { BitemporalGraph } from "../src/index.js";

// biome-ignore lint/suspicious/noExplicitAny: hostile calls bypass the types on purpose
type Any = any;

function deep(levels: number): unknown {
  let value: unknown = {};
  for (let i = 0; i < levels; i++) value = { a: value };
  return value;
}

const toStringKey = JSON.parse('{"toString":"x"}');
const protoKey = JSON.parse('{"__proto__":{"polluted":true}}');
const nested = deep(4000);
const longId = "\u0001".repeat(256);

const calls: [string, (g: Any) => Promise<unknown>][] = [
  ["assertEntity(null)", (g) => g.assertEntity(null)],
  ["assertEntity(5)", (g) => g.assertEntity(5)],
  ["assertEntity([])", (g) => g.assertEntity([])],
  ["assertEntity toString input", (g) => g.assertEntity(toStringKey)],
  ["assertEntity toString type", (g) => g.assertEntity({ id: "n", type: toStringKey, name: "x" })],
  ["assertEntity number name", (g) => g.assertEntity({ id: "n", type: "t", name: 5 })],
  ["assertEntity interval null", (g) => g.assertEntity({ id: "n", type: "t", name: "x" }, null)],
  [
    "assertEntity interval string",
    (g) => g.assertEntity({ id: "n", type: "t", name: "x" }, { validFrom: "5" }),
  ],
  [
    "assertEntity fractional time",
    (g) => g.assertEntity({ id: "n", type: "t", name: "x" }, { validFrom: 1.5 }),
  ],
  [
    "assertEntity negative time",
    (g) => g.assertEntity({ id: "n", type: "t", name: "x" }, { validFrom: -1 }),
  ],
  [
    "assertEntity year 10000",
    (g) => g.assertEntity({ id: "n", type: "t", name: "x" }, { validFrom: 253_402_300_800_000 }),
  ],
  [
    "assertEntity 4000-deep properties",
    (g) => g.assertEntity({ id: "n", type: "t", name: "x", properties: nested }),
  ],
  [
    "assertEntity toString properties value",
    (g) => g.assertEntity({ id: "n", type: "t", name: "x", properties: { v: new Map() } }),
  ],
  [
    "assertEntity properties string",
    (g) => g.assertEntity({ id: "n", type: "t", name: "x", properties: "p" }),
  ],
  ["assertRelationship(null)", (g) => g.assertRelationship(null)],
  [
    "assertRelationship from number",
    (g) => g.assertRelationship({ id: "r", from: 1, to: "b", type: "k" }),
  ],
  [
    "assertRelationship key too long",
    (g) => g.assertRelationship({ id: longId, from: "a", to: "b", type: longId }),
  ],
  ["correctEntity(null fields)", (g) => g.correctEntity("a", null, { validFrom: 0 })],
  ["correctEntity(null interval)", (g) => g.correctEntity("a", { type: "t", name: "x" }, null)],
  ["correctRelationship(5)", (g) => g.correctRelationship("r", 5, { validFrom: 0 })],
  ["endEntity(null options)", (g) => g.endEntity("a", null)],
  ["endEntity(toString id)", (g) => g.endEntity(toStringKey)],
  ["endRelationship(at string)", (g) => g.endRelationship("r", { at: "now" })],
  ["deleteEntity(5)", (g) => g.deleteEntity(5)],
  ["deleteRelationship(null)", (g) => g.deleteRelationship(null)],
  ["importFacts(null)", (g) => g.importFacts(null)],
  ["importFacts({ entities: 5 })", (g) => g.importFacts({ entities: 5 })],
  ["importFacts({ entities: '' })", (g) => g.importFacts({ entities: "" })],
  ["importFacts({ relationships: {} })", (g) => g.importFacts({ relationships: {} })],
  ["importFacts([null])", (g) => g.importFacts({ entities: [null] })],
  ["importFacts(options null)", (g) => g.importFacts({}, null)],
  [
    "importFacts __proto__ properties deep",
    (g) => g.importFacts({ entities: [{ id: "z", type: "t", name: "z", properties: nested }] }),
  ],
  ["getEntity(null asOf)", (g) => g.getEntity("a", null)],
  ["getEntity(toString asOf)", (g) => g.getEntity("a", { validAt: toStringKey })],
  ["getRelationship(5)", (g) => g.getRelationship(5)],
  ["listEntities(null options)", (g) => g.listEntities("t", null)],
  ["listEntities(limit string)", (g) => g.listEntities("t", { limit: "10" })],
  ["listEntities(cursor object)", (g) => g.listEntities("t", { cursor: toStringKey })],
  ["listEntities(cursor garbage)", (g) => g.listEntities("t", { cursor: "%%%" })],
  ["listRelationships(5)", (g) => g.listRelationships(5)],
  ["outgoing(null options)", (g) => g.outgoing("a", null)],
  ["incoming(type number)", (g) => g.incoming("a", { type: 5 })],
  ["traverse(null)", (g) => g.traverse("a", null)],
  ["traverse(types string)", (g) => g.traverse("a", { depth: 1, relationshipTypes: "knows" })],
  [
    "traverse(types 17)",
    (g) =>
      g.traverse("a", {
        depth: 1,
        relationshipTypes: Array.from({ length: 17 }, (_, i) => `t${i}`),
      }),
  ],
  ["traverse(depth string)", (g) => g.traverse("a", { depth: "2" })],
  ["traverse(maxNodes 1e9)", (g) => g.traverse("a", { depth: 1, maxNodes: 1e9 })],
  ["entityHistory(null)", (g) => g.entityHistory("a", null)],
  ["relationshipHistory(cursor number)", (g) => g.relationshipHistory("r", { cursor: 5 })],
];

forEachBackend((backend) => {
  it("refuses every hostile JSON input with INVALID_ARGUMENT and writes nothing", async () => {
    const store = await backend.open({ namespace: "graph" });
    const graph = new BitemporalGraph(store, { clock: manualClock(1000) });
    await graph.assertEntity({ id: "a", type: "t", name: "A" }, { validFrom: 0 });
    await graph.assertEntity({ id: "b", type: "t", name: "B" }, { validFrom: 0 });
    await graph.assertRelationship({ id: "r", from: "a", to: "b", type: "k" }, { validFrom: 0 });
    const before = await dump(store);
    expect(await unrefused(calls.map(([name, call]) => [name, () => call(graph)]))).toEqual([]);
    expect(await dump(store)).toEqual(before);
  });

  it("stores a __proto__ key as plain data, polluting nothing", async () => {
    const store = await backend.open({ namespace: "graph" });
    const graph = new BitemporalGraph(store, { clock: manualClock(1000) });
    await graph.assertEntity(
      { id: "p", type: "t", name: "P", properties: protoKey },
      { validFrom: 0 },
    );
    const read = await graph.getEntity("p", { validAt: 1 });
    expect(Object.hasOwn(read!.properties, "__proto__")).toBe(true);
    expect(Object.getPrototypeOf(read!.properties)).toBe(Object.prototype);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it("refuses hostile constructor options", async () => {
    const store = await backend.open({ namespace: "graph" });
    for (const options of [
      null,
      5,
      "x",
      { maxAttempts: Number.NaN },
      { maxAttempts: 0 },
      { maxAttempts: 1.5 },
      { clock: null },
      { clock: {} },
      { generateId: "x" },
    ]) {
      const outcome = (() => {
        try {
          new BitemporalGraph(store, options as Any);
          return "constructed";
        } catch (e) {
          return StorageError.is(e) ? e.code : String(e);
        }
      })();
      expect(outcome, JSON.stringify(options)).toBe("INVALID_ARGUMENT");
    }
  });
});
