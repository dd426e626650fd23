/**
 * Growth and atomicity: a fact's versions are their own keys (an update writes the same few
 * keys however long the fact's history), history and neighbours are paged, traversals are
 * capped, a refused write writes nothing, and a write that lost a race leaves no index entry.
 */
import { decodeTuple, StorageError } from "@mnemo/core";
import { dump, forEachBackend, manualClock, snapshot } from "@mnemo/testing";
import { expect, it } from "vitest";
import {
  BitemporalGraph,
  MAX_CLOSED_VERSIONS,
  MAX_IMPORT_FACTS,
  MAX_TRAVERSE_ENTRIES,
} from "../src/index.js";

forEachBackend((backend) => {
  async function setup() {
    const store = await backend.open({ namespace: "graph" });
    const clock = manualClock(1000);
    return { store, clock, graph: new BitemporalGraph(store, { clock }) };
  }

  it("an update writes the same few keys after 300 versions as after one", async () => {
    const { store, clock, graph } = await setup();
    const changedBy = async (update: () => Promise<unknown>) => {
      const before = new Map((await snapshot(store)).map(([k, v, ver]) => [k, `${v}/${ver}`]));
      await update();
      const after = await snapshot(store);
      return after.filter(([k, v, ver]) => before.get(k) !== `${v}/${ver}`).length;
    };
    const supersede = (i: number) => () =>
      graph.assertEntity({ id: "a", type: "t", name: `v${i}` }, { validFrom: i * 10 });
    const first = await changedBy(supersede(1));
    clock.advance(1);
    const second = await changedBy(supersede(2));
    for (let i = 3; i < 300; i++) {
      clock.advance(1);
      await supersede(i)();
    }
    clock.advance(1);
    const late = await changedBy(supersede(300));
    // head + closed version + current entry gone + 2 new versions and their current entries
    // + the type index entry: the same at version 300 as at version 2.
    expect(late).toBe(second);
    expect(first).toBeLessThanOrEqual(second);
    const head = (await dump(store)).find(([k]) => decodeTuple(k)[0] === "f")!;
    expect(head[1].length).toBeLessThan(400);
    expect((await graph.getEntity("a", { validAt: 5000 }))?.name).toBe("v300");
    expect((await graph.getEntity("a"))?.name).toBe(`v${Math.floor(clock.now() / 10)}`);
    expect((await graph.getEntity("a", { validAt: 55 }))?.name).toBe("v5");
    expect((await graph.getEntity("a", { validAt: 55, knownAt: 1003 }))?.name).toBe("v4");
  });

  it("pages a long history in transaction order", async () => {
    const { clock, graph } = await setup();
    for (let i = 1; i <= 25; i++) {
      await graph.assertEntity({ id: "a", type: "t", name: `v${i}` }, { validFrom: i });
      clock.advance(1);
    }
    const seen: string[] = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      const page = await graph.entityHistory("a", { limit: 7, ...(cursor && { cursor }) });
      expect(page.items.length).toBeLessThanOrEqual(7);
      seen.push(...page.items.map((v) => `${v.name}@${v.txFrom}`));
      cursor = page.nextCursor;
      pages++;
    } while (cursor !== undefined);
    // 25 asserts: one version each, plus a carried-over piece for each of the last 24.
    expect(seen).toHaveLength(49);
    expect(pages).toBe(7);
    const txs = seen.map((s) => Number(s.split("@")[1]));
    expect([...txs].sort((x, y) => x - y)).toEqual(txs);
  });

  it("lists relationships by type and pages neighbours", async () => {
    const { graph } = await setup();
    await graph.assertEntity({ id: "hub", type: "t", name: "hub" }, { validFrom: 0 });
    const entities = Array.from({ length: 30 }, (_, i) => ({
      id: `n${i}`,
      type: "t",
      name: `n${i}`,
    }));
    await graph.importFacts(
      {
        entities,
        relationships: entities.map((e, i) => ({
          id: `r${String(i).padStart(2, "0")}`,
          from: "hub",
          to: e.id,
          type: i % 3 === 0 ? "likes" : "knows",
        })),
      },
      { validFrom: 0 },
    );
    const all = async (
      list: (cursor?: string) => Promise<{ items: readonly { id: string }[]; nextCursor?: string }>,
    ) => {
      const ids: string[] = [];
      let cursor: string | undefined;
      do {
        const page = await list(cursor);
        ids.push(...page.items.map((r) => r.id));
        cursor = page.nextCursor;
      } while (cursor !== undefined);
      return ids;
    };
    const likes = await all((cursor) =>
      graph.listRelationships("likes", { limit: 4, ...(cursor && { cursor }) }),
    );
    expect(likes).toEqual(
      Array.from({ length: 10 }, (_, i) => `r${String(i * 3).padStart(2, "0")}`),
    );
    const out = await all((cursor) =>
      graph.outgoing("hub", { limit: 8, ...(cursor && { cursor }) }),
    );
    expect(out).toHaveLength(30);
    expect(new Set(out).size).toBe(30);
    expect(await all((cursor) => graph.incoming("n3", { ...(cursor && { cursor }) }))).toEqual([
      "r03",
    ]);
  });

  it("caps a traversal's fan-out and says it was truncated", async () => {
    const { graph } = await setup();
    const fan = MAX_TRAVERSE_ENTRIES + 50;
    await graph.assertEntity({ id: "hub", type: "t", name: "hub" }, { validFrom: 0 });
    await graph.assertEntity({ id: "leaf", type: "t", name: "leaf" }, { validFrom: 0 });
    for (let i = 0; i < fan; i += MAX_IMPORT_FACTS) {
      await graph.importFacts(
        {
          relationships: Array.from({ length: Math.min(MAX_IMPORT_FACTS, fan - i) }, (_, k) => ({
            id: `r${i + k}`,
            from: "hub",
            to: "leaf",
            type: `type${(i + k) % 5000}`,
          })),
        },
        { validFrom: 0 },
      );
    }
    const walk = await graph.traverse("hub", { depth: 2 });
    expect(walk.truncated).toBe(true);
    expect(walk.edges.length).toBeLessThanOrEqual(MAX_TRAVERSE_ENTRIES);
    expect(walk.nodes.map((n) => n.entity.id)).toEqual(["hub", "leaf"]);
    const small = await graph.traverse("leaf", { depth: 3, direction: "out" });
    expect(small).toMatchObject({ truncated: false, edges: [] });
  }, 120_000);

  it("a refused write (17 MiB of properties, an over-long key) writes nothing", async () => {
    const { store, graph } = await setup();
    await graph.assertEntity({ id: "a", type: "t", name: "A" }, { validFrom: 0 });
    await graph.assertEntity({ id: "b", type: "t", name: "B" }, { validFrom: 0 });
    const before = await dump(store);
    const big = { blob: "x".repeat(17 * 1024 * 1024) };
    for (const call of [
      () => graph.assertEntity({ id: "a", type: "t2", name: "A", properties: big }),
      () => graph.assertRelationship({ id: "r", from: "a", to: "b", type: "k", properties: big }),
      () => graph.importFacts({ entities: [{ id: "c", type: "t3", name: "C", properties: big }] }),
      () =>
        graph.assertRelationship({
          id: "\u0001".repeat(256),
          from: "a",
          to: "b",
          type: "\u0001".repeat(256),
        }),
    ]) {
      const error = await call().then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(StorageError.is(error)).toBe(true);
      expect(["VALUE_TOO_LARGE", "INVALID_ARGUMENT"]).toContain((error as StorageError).code);
    }
    expect(await dump(store)).toEqual(before);
  }, 60_000);

  it("writers racing on one fact leave index entries only for versions that exist", async () => {
    const { store, clock } = await setup();
    // One attempt each: most lose, and a loser must leave nothing behind.
    const graphs = [0, 1, 2, 3].map(() => new BitemporalGraph(store, { clock, maxAttempts: 1 }));
    await graphs[0]!.assertEntity({ id: "a", type: "t0", name: "A" }, { validFrom: 0 });
    const outcomes = await Promise.allSettled(
      graphs.flatMap((g, w) =>
        Array.from({ length: 5 }, (_, k) =>
          g.assertEntity({ id: "a", type: `w${w}k${k}`, name: "A" }, { validFrom: 10 + w * 5 + k }),
        ),
      ),
    );
    const history = (await graphs[0]!.entityHistory("a", { limit: 1000 })).items;
    const types = new Set(history.map((v) => v.type));
    const indexed = (await dump(store))
      .map(([k]) => decodeTuple(k))
      .filter((t) => t[0] === "t")
      .map((t) => t[1]);
    expect(new Set(indexed)).toEqual(types);
    const won = outcomes.filter((o) => o.status === "fulfilled").length;
    expect(types.size).toBe(1 + won);
    for (const o of outcomes) {
      if (o.status === "rejected") expect((o.reason as StorageError).code).toBe("CONFLICT");
    }
  });

  it("refuses a change that would close more versions than one commit holds, writing nothing", async () => {
    const { store, graph } = await setup();
    const pieces = MAX_CLOSED_VERSIONS + 1;
    await graph.importFacts({ entities: [{ id: "a", type: "t", name: "p0" }] }, { validFrom: 0 });
    for (let i = 1; i < pieces; i++) {
      await graph.correctEntity(
        "a",
        { type: "t", name: `p${i}` },
        { validFrom: i * 10, validTo: i * 10 + 5 },
      );
    }
    const before = await dump(store);
    const error = await graph.deleteEntity("a").then(
      () => undefined,
      (e: unknown) => e,
    );
    expect((error as StorageError).code).toBe("FAILED_PRECONDITION");
    expect(await dump(store)).toEqual(before);
    // Over a smaller interval it works.
    expect(await graph.endEntity("a", { at: 0, until: 1000 })).toBe(true);
  }, 60_000);

  it("ending a fact where its latest piece starts keeps the earlier pieces readable now", async () => {
    const { graph, clock } = await setup();
    await graph.assertEntity({ id: "a", type: "t", name: "A" }, { validFrom: 0 });
    clock.advance(1);
    await graph.assertEntity({ id: "a", type: "t", name: "B" }, { validFrom: 10 });
    clock.advance(1);
    // Closes [10, ∞) and adds nothing: the head's latest piece becomes [0, 10) again.
    expect(await graph.endEntity("a", { at: 10 })).toBe(true);
    clock.advance(1);
    expect((await graph.getEntity("a", { validAt: 5 }))?.name).toBe("A");
    expect(await graph.getEntity("a", { validAt: 15 })).toBeUndefined();
    expect((await graph.listEntities("t", { validAt: 5 })).items.map((e) => e.name)).toEqual(["A"]);
  });
});
