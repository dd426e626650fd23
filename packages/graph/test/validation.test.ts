import { dump, expectCode, forEachBackend, manualClock } from "@mnemo/testing";
import { describe, expect, it } from "vitest";
import { BitemporalGraph } from "../src/index.js";

forEachBackend((backend) => {
  describe("bad input is refused and writes nothing", () => {
    it("refuses bad entities, relationships, intervals and options", async () => {
      const store = await backend.open({ namespace: "graph" });
      const clock = manualClock(1000);
      const graph = new BitemporalGraph(store, { clock });
      await graph.assertEntity({ id: "a", type: "t", name: "A" }, { validFrom: 0 });
      await graph.assertEntity({ id: "b", type: "t", name: "B" }, { validFrom: 0 });
      const before = await dump(store);
      const cyclic: Record<string, unknown> = {};
      cyclic.self = cyclic;
      const refused: [string, () => Promise<unknown>][] = [
        ["empty id", () => graph.assertEntity({ id: "", type: "t", name: "x" })],
        ["empty type", () => graph.assertEntity({ id: "x", type: "", name: "x" })],
        ["empty name", () => graph.assertEntity({ id: "x", type: "t", name: "" })],
        ["long id", () => graph.assertEntity({ id: "x".repeat(300), type: "t", name: "x" })],
        ["lone surrogate", () => graph.assertEntity({ id: "\ud800", type: "t", name: "x" })],
        [
          "non-JSON properties",
          () => graph.assertEntity({ id: "x", type: "t", name: "x", properties: { n: 10n } }),
        ],
        [
          "cyclic properties",
          () => graph.assertEntity({ id: "x", type: "t", name: "x", properties: cyclic }),
        ],
        [
          "array properties",
          () =>
            graph.assertEntity({
              id: "x",
              type: "t",
              name: "x",
              properties: [] as unknown as Record<string, unknown>,
            }),
        ],
        [
          "NaN in properties",
          () =>
            graph.assertEntity({ id: "x", type: "t", name: "x", properties: { n: Number.NaN } }),
        ],
        [
          "validTo before validFrom",
          () =>
            graph.assertEntity({ id: "x", type: "t", name: "x" }, { validFrom: 10, validTo: 5 }),
        ],
        [
          "empty interval",
          () =>
            graph.assertEntity({ id: "a", type: "t", name: "x" }, { validFrom: 10, validTo: 10 }),
        ],
        [
          "infinite validFrom",
          () => graph.assertEntity({ id: "a", type: "t", name: "x" }, { validFrom: Infinity }),
        ],
        [
          "correction interval reversed",
          () => graph.correctEntity("a", { type: "t", name: "x" }, { validFrom: 5, validTo: 1 }),
        ],
        ["end at NaN", () => graph.endEntity("a", { at: Number.NaN })],
        ["end until before at", () => graph.endEntity("a", { at: 10, until: 10 })],
        [
          "unknown endpoint",
          () => graph.assertRelationship({ id: "r", from: "a", to: "nobody", type: "k" }),
        ],
        [
          "empty relationship type",
          () => graph.assertRelationship({ id: "r", from: "a", to: "b", type: "" }),
        ],
        [
          "import with an unknown endpoint",
          () =>
            graph.importFacts({
              entities: [{ id: "c", type: "t", name: "C" }],
              relationships: [{ id: "r", from: "c", to: "nobody", type: "k" }],
            }),
        ],
        [
          "import with a duplicate id",
          () =>
            graph.importFacts({
              entities: [
                { id: "c", type: "t", name: "C" },
                { id: "c", type: "t", name: "C" },
              ],
            }),
        ],
        ["read validAt NaN", () => graph.getEntity("a", { validAt: Number.NaN })],
        ["list limit 0", () => graph.listEntities("t", { limit: 0 })],
        ["list without type", () => graph.listEntities("")],
        ["negative depth", () => graph.traverse("a", { depth: -1 })],
        ["fractional depth", () => graph.traverse("a", { depth: 1.5 })],
        [
          "bad direction",
          () => graph.traverse("a", { depth: 1, direction: "up" as unknown as "out" }),
        ],
        [
          "relationshipTypes not an array",
          () =>
            graph.traverse("a", { depth: 1, relationshipTypes: "knows" as unknown as string[] }),
        ],
        ["maxNodes 0", () => graph.traverse("a", { depth: 1, maxNodes: 0 })],
        ["empty neighbour type", () => graph.outgoing("a", { type: "" })],
      ];
      for (const [name, call] of refused) {
        await expectCode(call(), "INVALID_ARGUMENT").catch((error: Error) => {
          throw new Error(`${name}: ${error.message}`);
        });
      }
      expect(await dump(store)).toEqual(before);

      // An id already taken fails an import as a whole.
      await expectCode(
        graph.importFacts({
          entities: [
            { id: "fresh", type: "t", name: "F" },
            { id: "a", type: "t", name: "A again" },
          ],
        }),
        "FAILED_PRECONDITION",
      );
      expect(await dump(store)).toEqual(before);
    });

    it("refuses a clock that returns no time", async () => {
      const store = await backend.open({ namespace: "graph" });
      const graph = new BitemporalGraph(store, { clock: { now: () => Number.NaN } });
      await expectCode(graph.assertEntity({ id: "a", type: "t", name: "A" }), "INVALID_ARGUMENT");
      expect(await dump(store)).toEqual([]);
    });
  });
});
