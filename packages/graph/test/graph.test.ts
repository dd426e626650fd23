import { expectCode, forEachBackend, manualClock } from "@mnemo/testing";
import { describe, expect, it } from "vitest";
import { BitemporalGraph } from "../src/index.js";

forEachBackend((backend) => {
  async function setup(time = 1000) {
    const store = await backend.open({ namespace: "graph" });
    const clock = manualClock(time);
    return { store, clock, graph: new BitemporalGraph(store, { clock }) };
  }

  describe("entities in time", () => {
    it("asserts from now, open-ended, and is unknown before its transaction", async () => {
      const { graph, clock } = await setup();
      const alice = await graph.assertEntity({
        id: "alice",
        type: "person",
        name: "Alice",
        properties: { city: "Lyon" },
      });
      expect(alice).toEqual({
        id: "alice",
        type: "person",
        name: "Alice",
        properties: { city: "Lyon" },
        validFrom: 1000,
        validTo: null,
        txFrom: 1000,
        txTo: null,
      });
      clock.advance(10);
      expect(await graph.getEntity("alice")).toEqual(alice);
      expect(await graph.getEntity("alice", { validAt: 999 })).toBeUndefined();
      expect(await graph.getEntity("alice", { knownAt: 999 })).toBeUndefined();
      expect(await graph.getEntity("nobody")).toBeUndefined();
    });

    it("supersedes a value from a valid time on and keeps the transaction history", async () => {
      const { graph, clock } = await setup();
      await graph.assertEntity({ id: "a", type: "person", name: "v1" }, { validFrom: 0 });
      clock.advance(100); // tx 1100
      await graph.assertEntity({ id: "a", type: "person", name: "v2" }, { validFrom: 50 });
      clock.advance(100);
      expect((await graph.getEntity("a", { validAt: 10 }))?.name).toBe("v1");
      expect((await graph.getEntity("a", { validAt: 60 }))?.name).toBe("v2");
      // What was believed before the second transaction: v1 everywhere.
      expect((await graph.getEntity("a", { validAt: 60, knownAt: 1050 }))?.name).toBe("v1");
      const history = (await graph.entityHistory("a")).items;
      expect(
        history.map(({ name, validFrom, validTo, txFrom, txTo }) => ({
          name,
          validFrom,
          validTo,
          txFrom,
          txTo,
        })),
      ).toEqual([
        { name: "v1", validFrom: 0, validTo: null, txFrom: 1000, txTo: 1100 },
        { name: "v1", validFrom: 0, validTo: 50, txFrom: 1100, txTo: null },
        { name: "v2", validFrom: 50, validTo: null, txFrom: 1100, txTo: null },
      ]);
    });

    it("ends a fact in valid time", async () => {
      const { graph, clock } = await setup();
      await graph.assertEntity({ id: "a", type: "t", name: "A" }, { validFrom: 0 });
      clock.advance(10);
      await graph.endEntity("a", { at: 500 });
      expect(await graph.getEntity("a", { validAt: 499 })).toBeDefined();
      expect(await graph.getEntity("a", { validAt: 500 })).toBeUndefined();
      expect(await graph.getEntity("a", { validAt: 500, knownAt: 1009 })).toBeDefined();
      // Not true over an inner interval only.
      await graph.endEntity("a", { at: 100, until: 200 });
      expect(await graph.getEntity("a", { validAt: 99 })).toBeDefined();
      expect(await graph.getEntity("a", { validAt: 150 })).toBeUndefined();
      expect(await graph.getEntity("a", { validAt: 200 })).toBeDefined();
      // Nothing left to end: no new transaction.
      const before = (await graph.entityHistory("a")).items;
      clock.advance(10);
      await graph.endEntity("a", { at: 600 });
      expect((await graph.entityHistory("a")).items).toEqual(before);
    });

    it("a correction does not change what was known before it", async () => {
      const { graph, clock } = await setup();
      await graph.assertEntity({ id: "a", type: "t", name: "first" }, { validFrom: 0 });
      clock.advance(10);
      await graph.assertEntity({ id: "a", type: "t", name: "second" }, { validFrom: 100 });
      const knownBefore = clock.advance(10);
      const points = [0, 50, 99, 100, 150, 200, 250, 1000];
      // txTo is left out: it records when a belief ended, which a later correction sets.
      const read = async (knownAt: number) =>
        (
          await Promise.all(points.map((validAt) => graph.getEntity("a", { validAt, knownAt })))
        ).map((e) => e && { ...e, txTo: undefined });
      const snapshot = await read(knownBefore);

      clock.advance(10);
      await graph.correctEntity(
        "a",
        { type: "t", name: "corrected" },
        { validFrom: 50, validTo: 150 },
      );
      clock.advance(10);
      expect(await read(knownBefore)).toEqual(snapshot);
      const now = (await read(clock.now())).map((e) => e?.name);
      expect(now).toEqual([
        "first",
        "corrected",
        "corrected",
        "corrected",
        "second",
        "second",
        "second",
        "second",
      ]);
    });

    it("deletes in transaction time; earlier reads still see the fact", async () => {
      const { graph, clock } = await setup();
      await graph.assertEntity({ id: "a", type: "t", name: "A" }, { validFrom: 0 });
      clock.advance(10);
      await graph.deleteEntity("a");
      expect(await graph.getEntity("a", { validAt: 5 })).toBeUndefined();
      expect(await graph.getEntity("a", { validAt: 5, knownAt: 1005 })).toBeDefined();
      const [version] = (await graph.entityHistory("a")).items;
      expect(version).toMatchObject({ txFrom: 1000, txTo: 1010 });
      // Asserting again starts a new belief.
      clock.advance(10);
      await graph.assertEntity({ id: "a", type: "t", name: "again" }, { validFrom: 0 });
      expect((await graph.getEntity("a", { validAt: 5 }))?.name).toBe("again");
    });

    it("refuses to end, correct or delete what was never asserted", async () => {
      const { graph } = await setup();
      await expectCode(graph.endEntity("ghost"), "NOT_FOUND");
      expect(await graph.deleteRelationship("ghost")).toBe(false);
      await expectCode(
        graph.correctEntity("ghost", { type: "t", name: "x" }, { validFrom: 0 }),
        "NOT_FOUND",
      );
    });

    it("orders two transactions in the same millisecond", async () => {
      const { graph } = await setup();
      await graph.assertEntity({ id: "a", type: "t", name: "one" }, { validFrom: 0 });
      await graph.assertEntity({ id: "a", type: "t", name: "two" }, { validFrom: 0 });
      expect((await graph.getEntity("a", { validAt: 1 }))?.name).toBe("two");
      const history = (await graph.entityHistory("a")).items;
      expect(history.map((v) => [v.name, v.txFrom, v.txTo])).toEqual([
        ["one", 1000, 1000],
        ["two", 1000, null],
      ]);
    });

    it("never lets transaction time go back when the clock does", async () => {
      const { graph, clock } = await setup();
      await graph.assertEntity({ id: "a", type: "t", name: "one" }, { validFrom: 0 });
      clock.set(500);
      await graph.assertEntity({ id: "a", type: "t", name: "two" }, { validFrom: 0 });
      const history = (await graph.entityHistory("a")).items;
      expect(history.map((v) => v.txFrom)).toEqual([1000, 1000]);
      expect((await graph.getEntity("a", { validAt: 1, knownAt: 1000 }))?.name).toBe("two");
    });

    it("generates ids when none is given", async () => {
      const { store, clock } = await setup();
      let n = 0;
      const graph = new BitemporalGraph(store, { clock, generateId: () => `gen-${++n}` });
      const entity = await graph.assertEntity({ type: "t", name: "x" });
      expect(entity.id).toBe("gen-1");
      expect(await graph.getEntity("gen-1")).toEqual(entity);
    });
  });

  describe("lists, neighbours and traversal", () => {
    it("lists entities by type as of a time, a page at a time", async () => {
      const { graph, clock } = await setup();
      for (const id of ["a", "b", "c", "d", "e"]) {
        await graph.assertEntity({ id, type: "person", name: id }, { validFrom: 0 });
      }
      await graph.assertEntity({ id: "x", type: "org", name: "x" }, { validFrom: 0 });
      clock.advance(10);
      await graph.endEntity("b", { at: 100 });
      await graph.correctEntity("c", { type: "org", name: "c" }, { validFrom: 0 });
      clock.advance(10);
      const pages: string[][] = [];
      let cursor: string | undefined;
      do {
        const page = await graph.listEntities("person", {
          validAt: 200,
          limit: 2,
          ...(cursor && { cursor }),
        });
        pages.push(page.items.map((e) => e.id));
        cursor = page.nextCursor;
      } while (cursor !== undefined);
      expect(pages.flat()).toEqual(["a", "d", "e"]);
      const before = await graph.listEntities("person", { validAt: 200, knownAt: 1005 });
      expect(before.items.map((e) => e.id)).toEqual(["a", "b", "c", "d", "e"]);
      expect((await graph.listEntities("org")).items.map((e) => e.id)).toEqual(["c", "x"]);
      expect((await graph.listEntities("none")).items).toEqual([]);
    });

    it("finds outgoing and incoming relationships by type, as of a time", async () => {
      const { graph, clock } = await setup();
      for (const id of ["a", "b", "c"]) {
        await graph.assertEntity({ id, type: "person", name: id }, { validFrom: 0 });
      }
      await graph.assertRelationship(
        { id: "ab", from: "a", to: "b", type: "knows", properties: { since: 2020 } },
        { validFrom: 0 },
      );
      await graph.assertRelationship(
        { id: "ac", from: "a", to: "c", type: "likes" },
        { validFrom: 0 },
      );
      await graph.assertRelationship(
        { id: "cb", from: "c", to: "b", type: "knows" },
        { validFrom: 0 },
      );
      clock.advance(10);
      await graph.endRelationship("ab", { at: 100 });
      clock.advance(10);
      const ids = (rels: readonly { id: string }[]) => rels.map((r) => r.id).sort();
      expect(ids((await graph.outgoing("a", { validAt: 50 })).items)).toEqual(["ab", "ac"]);
      expect(ids((await graph.outgoing("a", { validAt: 150 })).items)).toEqual(["ac"]);
      expect(ids((await graph.outgoing("a", { validAt: 50, type: "knows" })).items)).toEqual([
        "ab",
      ]);
      expect(ids((await graph.incoming("b", { validAt: 50 })).items)).toEqual(["ab", "cb"]);
      expect(ids((await graph.incoming("b", { validAt: 150 })).items)).toEqual(["cb"]);
      expect(ids((await graph.incoming("b", { validAt: 150, knownAt: 1005 })).items)).toEqual([
        "ab",
        "cb",
      ]);
      const [ab] = (await graph.outgoing("a", { validAt: 50, type: "knows" })).items;
      expect(ab).toMatchObject({ from: "a", to: "b", properties: { since: 2020 }, validTo: 100 });
      // A corrected endpoint moves the edge in the index for reads after the correction.
      await graph.correctRelationship(
        "ac",
        { from: "b", to: "c", type: "likes" },
        { validFrom: 0 },
      );
      expect(ids((await graph.outgoing("a")).items)).toEqual([]);
      expect(ids((await graph.outgoing("b")).items)).toEqual(["ac"]);
      expect(ids((await graph.outgoing("a", { knownAt: 1019 })).items)).toEqual(["ac"]);
    });

    it("traverses breadth-first with depth, type, direction and node limits", async () => {
      const { graph, clock } = await setup();
      // a -> b -> c -> d, a -> e (likes), f -> a
      for (const id of ["a", "b", "c", "d", "e", "f"]) {
        await graph.assertEntity({ id, type: "n", name: id }, { validFrom: 0 });
      }
      const edge = (id: string, from: string, to: string, type = "next") =>
        graph.assertRelationship({ id, from, to, type }, { validFrom: 0 });
      await edge("ab", "a", "b");
      await edge("bc", "b", "c");
      await edge("cd", "c", "d");
      await edge("ae", "a", "e", "likes");
      await edge("fa", "f", "a");
      await edge("ca", "c", "a"); // a cycle back to the start
      clock.advance(10);
      const summary = (t: {
        nodes: { entity: { id: string }; depth: number }[];
        edges: { id: string }[];
      }) => ({
        // Within one depth the order is the index's (type, id): compare as sets.
        nodes: t.nodes
          .map((n) => `${n.entity.id}@${n.depth}`)
          .sort((a, b) => a.slice(-1).localeCompare(b.slice(-1)) || a.localeCompare(b)),
        edges: t.edges.map((e) => e.id).sort(),
      });
      expect(summary(await graph.traverse("a", { depth: 2 }))).toEqual({
        nodes: ["a@0", "b@1", "e@1", "c@2"],
        edges: ["ab", "ae", "bc"],
      });
      expect(summary(await graph.traverse("a", { depth: 3, relationshipTypes: ["next"] }))).toEqual(
        {
          nodes: ["a@0", "b@1", "c@2", "d@3"],
          edges: ["ab", "bc", "ca", "cd"],
        },
      );
      expect(summary(await graph.traverse("a", { depth: 1, direction: "in" }))).toEqual({
        nodes: ["a@0", "c@1", "f@1"],
        edges: ["ca", "fa"],
      });
      expect(
        summary(await graph.traverse("a", { depth: 1, direction: "both" })).nodes.sort(),
      ).toEqual(["a@0", "b@1", "c@1", "e@1", "f@1"]);
      expect(summary(await graph.traverse("a", { depth: 5, maxNodes: 2 })).nodes).toHaveLength(2);
      expect(summary(await graph.traverse("a", { depth: 0 }))).toEqual({
        nodes: ["a@0"],
        edges: [],
      });

      // As of a time: c deleted, so the walk stops at b; earlier beliefs still reach d.
      clock.advance(10);
      await graph.deleteEntity("c");
      clock.advance(10);
      expect(summary(await graph.traverse("a", { depth: 3, relationshipTypes: ["next"] }))).toEqual(
        {
          nodes: ["a@0", "b@1"],
          edges: ["ab"],
        },
      );
      expect(
        summary(await graph.traverse("a", { depth: 3, relationshipTypes: ["next"], knownAt: 1015 }))
          .nodes,
      ).toEqual(["a@0", "b@1", "c@2", "d@3"]);
      expect(await graph.traverse("zzz", { depth: 3 })).toEqual({
        nodes: [],
        edges: [],
        truncated: false,
      });
    });
  });

  describe("writers and bulk import", () => {
    it("concurrent writers to one fact lose no update", async () => {
      const { graph } = await setup();
      await graph.assertEntity({ id: "a", type: "t", name: "base" }, { validFrom: 0, validTo: 1 });
      await Promise.all(
        Array.from({ length: 8 }, (_, i) =>
          graph.assertEntity(
            { id: "a", type: "t", name: `w${i}` },
            { validFrom: 10 * (i + 1), validTo: 10 * (i + 2) },
          ),
        ),
      );
      for (let i = 0; i < 8; i++) {
        expect((await graph.getEntity("a", { validAt: 10 * (i + 1) + 5 }))?.name).toBe(`w${i}`);
      }
      const current = (await graph.entityHistory("a")).items.filter((v) => v.txTo === null);
      expect(current).toHaveLength(9);
    });

    it("a writer that keeps losing the race gets CONFLICT", async () => {
      const { store, clock } = await setup();
      const graph = new BitemporalGraph(store, { clock, maxAttempts: 1 });
      await graph.assertEntity({ id: "a", type: "t", name: "base" }, { validFrom: 0 });
      let conflicts = 0;
      // Racing writers conflict in practice at once; a few rounds keep the test deterministic.
      for (let round = 0; round < 5 && conflicts === 0; round++) {
        const results = await Promise.allSettled(
          Array.from({ length: 4 }, (_, i) =>
            graph.assertEntity({ id: "a", type: "t", name: `r${round}w${i}` }, { validFrom: 0 }),
          ),
        );
        const winners = results.flatMap((r, i) =>
          r.status === "fulfilled" ? [`r${round}w${i}`] : [],
        );
        expect(winners.length).toBeGreaterThanOrEqual(1);
        for (const r of results) {
          if (r.status === "rejected") {
            expect(r.reason.code).toBe("CONFLICT");
            expect(r.reason.isRetryable).toBe(true);
            conflicts++;
          }
        }
        // The fact holds a winner's value, never a loser's.
        expect(winners).toContain((await graph.getEntity("a", { validAt: 10 }))?.name);
      }
      expect(conflicts).toBeGreaterThan(0);
    });

    it("imports many new facts in one write", async () => {
      const { graph } = await setup();
      const result = await graph.importFacts(
        {
          entities: Array.from({ length: 50 }, (_, i) => ({
            id: `e${i}`,
            type: "n",
            name: `${i}`,
          })),
          relationships: Array.from({ length: 49 }, (_, i) => ({
            id: `r${i}`,
            from: `e${i}`,
            to: `e${i + 1}`,
            type: "next",
          })),
        },
        { validFrom: 0 },
      );
      expect(result).toEqual({ entities: 50, relationships: 49 });
      const walk = await graph.traverse("e0", { depth: 3 });
      expect(walk.nodes.map((n) => n.entity.id)).toEqual(["e0", "e1", "e2", "e3"]);
      expect((await graph.listEntities("n", { limit: 1000 })).items).toHaveLength(50);
      // A later import may point at entities already stored.
      await graph.importFacts({ relationships: [{ id: "back", from: "e9", to: "e0", type: "x" }] });
      expect((await graph.incoming("e0")).items.map((r) => r.id)).toEqual(["back"]);
    });
  });
});
