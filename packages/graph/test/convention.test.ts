/**
 * The API convention (docs/conventions.md), checked where a machine can: page shapes and
 * cursor round trips, cursors refused by other listings, the limit rule, time validation,
 * delete results, option validation.
 */
import { encodeCursor, key, StorageError } from "@mnemo/core";
import { dump, expectCode, forEachBackend, manualClock } from "@mnemo/testing";
import { expect, it } from "vitest";
import { BitemporalGraph } from "../src/index.js";

forEachBackend((backend) => {
  async function seeded() {
    const store = await backend.open({ namespace: "graph" });
    const clock = manualClock(1000);
    const graph = new BitemporalGraph(store, { clock });
    for (let i = 0; i < 5; i++) {
      await graph.assertEntity({ id: `p${i}`, type: "person", name: `P${i}` }, { validFrom: 0 });
    }
    for (let i = 0; i < 5; i++) {
      await graph.assertRelationship(
        { id: `k${i}`, from: "p0", to: `p${i}`, type: "knows" },
        { validFrom: 0 },
      );
      await graph.assertEntity(
        { id: "p0", type: "person", name: `P0 v${i}` },
        { validFrom: 10 + i },
      );
    }
    return { store, clock, graph };
  }

  it("every listing returns { items, nextCursor? } and its cursor returns the next page", async () => {
    const { graph } = await seeded();
    const listings: [
      string,
      (o: {
        limit: number;
        cursor?: string;
      }) => Promise<{ items: readonly unknown[]; nextCursor?: string }>,
    ][] = [
      ["listEntities", (o) => graph.listEntities("person", o)],
      ["listRelationships", (o) => graph.listRelationships("knows", o)],
      ["outgoing", (o) => graph.outgoing("p0", o)],
      ["incoming", (o) => graph.incoming("p0", o)],
      ["entityHistory", (o) => graph.entityHistory("p0", o)],
      ["relationshipHistory", (o) => graph.relationshipHistory("k0", o)],
    ];
    const cursors: [string, string][] = [];
    for (const [name, list] of listings) {
      const whole = await list({ limit: 1000 });
      expect(Object.keys(whole).sort(), name).toEqual(["items"]);
      const paged: unknown[] = [];
      let cursor: string | undefined;
      do {
        const page = await list({ limit: 2, ...(cursor && { cursor }) });
        expect(page.items.length, name).toBeLessThanOrEqual(2);
        if (page.nextCursor !== undefined) {
          expect(typeof page.nextCursor).toBe("string");
          cursors.push([name, page.nextCursor]);
        } else expect(Object.keys(page)).toEqual(["items"]);
        paged.push(...page.items);
        cursor = page.nextCursor;
      } while (cursor !== undefined);
      expect(paged, name).toEqual(whole.items);
    }
    // A cursor from one listing is refused by every other.
    for (const [from, cursor] of cursors) {
      for (const [name, list] of listings) {
        if (name === from) continue;
        const error = await expectCode(list({ limit: 2, cursor }), "INVALID_ARGUMENT");
        expect((error as StorageError).details.field, `${from} → ${name}`).toBe("cursor");
      }
    }
    // A forged cursor with the right tag cannot move the scan out of the listing's range.
    const forged = encodeCursor(["entities", "person", key("f", "e", "p0")]);
    await expectCode(graph.listEntities("person", { cursor: forged }), "INVALID_ARGUMENT");
    // Nor is a cursor of the same listing with other filters.
    const people = await graph.listEntities("person", { limit: 1 });
    await expectCode(graph.listEntities("org", { cursor: people.nextCursor! }), "INVALID_ARGUMENT");
  });

  it("limit is a positive integer up to 1,000, refused the same way everywhere", async () => {
    const { graph } = await seeded();
    for (const limit of [0, -1, 1.5, 1001, Number.NaN, "5"]) {
      for (const call of [
        () => graph.listEntities("person", { limit: limit as number }),
        () => graph.listRelationships("knows", { limit: limit as number }),
        () => graph.outgoing("p0", { limit: limit as number }),
        () => graph.entityHistory("p0", { limit: limit as number }),
      ]) {
        const error = await expectCode(call(), "INVALID_ARGUMENT");
        expect((error as StorageError).details.field).toBe("limit");
      }
    }
    expect((await graph.listEntities("person", { limit: 1000 })).items).toHaveLength(5);
  });

  it("times are integer epoch milliseconds up to year 9999", async () => {
    const { graph, store } = await seeded();
    const before = await dump(store);
    for (const t of [-1, 0.5, 253_402_300_800_000, Number.POSITIVE_INFINITY, "0"]) {
      await expectCode(
        graph.assertEntity({ id: "x", type: "t", name: "x" }, { validFrom: t as number }),
        "INVALID_ARGUMENT",
      );
      await expectCode(graph.getEntity("p0", { knownAt: t as number }), "INVALID_ARGUMENT");
      await expectCode(graph.endEntity("p0", { at: t as number }), "INVALID_ARGUMENT");
    }
    const clockless = new BitemporalGraph(store, { clock: { now: () => -5 } });
    await expectCode(clockless.assertEntity({ id: "x", type: "t", name: "x" }), "INVALID_ARGUMENT");
    expect(await dump(store)).toEqual(before);
    expect(await graph.getEntity("p1", { validAt: 253_402_300_799_999 })).toBeDefined();
  });

  it("delete-style operations say whether they changed anything", async () => {
    const { graph, clock } = await seeded();
    clock.advance(10);
    expect(await graph.deleteRelationship("k1")).toBe(true);
    expect(await graph.deleteRelationship("k1")).toBe(false);
    expect(await graph.deleteRelationship("never")).toBe(false);
    expect(await graph.endEntity("p2", { at: 500 })).toBe(true);
    expect(await graph.endEntity("p2", { at: 600 })).toBe(false);
    await expectCode(graph.endEntity("never"), "NOT_FOUND");
    expect(await graph.deleteEntity("p3")).toBe(true);
  });

  it("validates options at construction", async () => {
    const store = await backend.open({ namespace: "graph" });
    for (const maxAttempts of [Number.NaN, 0, -1, 1.5, "3"]) {
      expect(() => new BitemporalGraph(store, { maxAttempts: maxAttempts as number })).toThrow(
        StorageError,
      );
    }
    expect(() => new BitemporalGraph(store, null as never)).toThrow(StorageError);
    expect(() => new BitemporalGraph(store)).not.toThrow();
  });
});
