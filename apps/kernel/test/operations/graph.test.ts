import { forEachBackend } from "@mnemo/testing";
import { expect, it } from "vitest";
import { graph } from "../../src/operations/graph.js";
import { clockPast } from "../helpers.js";
import { runScenario } from "./harness.js";
import { expectAllRefused } from "./hostile.js";

const JAN = Date.UTC(2024, 0, 1);
const FEB = Date.UTC(2024, 1, 1);
const APR = Date.UTC(2024, 3, 1);
const ids = (page: { items: { id: string }[] }) => page.items.map((f) => f.id);

forEachBackend((backend) => {
  it("serves every graph operation from JSON to JSON", async () => {
    const run = await runScenario(graph, backend, async (api) => {
      const ada = await api.call("graph.assertEntity", {
        id: "ada",
        type: "person",
        name: "Ada",
        properties: { born: 1815 },
        validFrom: JAN,
      });
      expect(ada).toMatchObject({ id: "ada", validFrom: JAN, validTo: null, txTo: null });
      expect(
        await api.call("graph.importFacts", {
          entities: [
            { id: "acme", type: "org", name: "Acme" },
            { id: "bob", type: "person", name: "Bob" },
          ],
          relationships: [{ id: "bob-acme", from: "bob", to: "acme", type: "works_at" }],
          validFrom: JAN,
        }),
      ).toStrictEqual({ entities: 2, relationships: 1 });
      const job = await api.call("graph.assertRelationship", {
        id: "ada-acme",
        from: "ada",
        to: "acme",
        type: "works_at",
        properties: { role: "engineer" },
        validFrom: JAN,
        validTo: null,
      });
      expect(job).toMatchObject({ from: "ada", to: "acme", properties: { role: "engineer" } });
      const believedAt = job.txFrom;
      await clockPast(believedAt);
      await api.call("graph.correctRelationship", {
        id: "ada-acme",
        from: "ada",
        to: "acme",
        type: "works_at",
        properties: { role: "intern" },
        validFrom: JAN,
        validTo: FEB,
      });
      await api.call("graph.correctEntity", {
        id: "ada",
        type: "person",
        name: "Ada Lovelace",
        validFrom: JAN,
      });
      const inJanuary = { validAt: JAN + 1 };
      expect(
        await api.call("graph.getRelationship", { id: "ada-acme", ...inJanuary }),
      ).toMatchObject({
        properties: { role: "intern" },
      });
      expect(
        await api.call("graph.getRelationship", {
          id: "ada-acme",
          ...inJanuary,
          knownAt: believedAt,
        }),
      ).toMatchObject({ properties: { role: "engineer" } });
      expect(await api.call("graph.getEntity", { id: "ada" })).toMatchObject({
        name: "Ada Lovelace",
      });
      await api.fails("graph.getEntity", { id: "ada", validAt: JAN - 1 }, "NOT_FOUND");

      expect(ids(await api.call("graph.listEntities", { type: "person", limit: 1 }))).toStrictEqual(
        ["ada"],
      );
      expect(ids(await api.call("graph.listRelationships", { type: "works_at" }))).toStrictEqual([
        "ada-acme",
        "bob-acme",
      ]);
      expect(ids(await api.call("graph.outgoing", { id: "ada", type: "works_at" }))).toStrictEqual([
        "ada-acme",
      ]);
      expect(ids(await api.call("graph.incoming", { id: "acme", validAt: APR }))).toStrictEqual([
        "ada-acme",
        "bob-acme",
      ]);
      const walk = await api.call("graph.traverse", {
        id: "ada",
        depth: 2,
        direction: "both",
        relationshipTypes: ["works_at"],
        maxNodes: 10,
        validAt: APR,
      });
      expect(
        walk.nodes.map(
          (n: { entity: { id: string }; depth: number }) => `${n.entity.id}@${n.depth}`,
        ),
      ).toStrictEqual(["ada@0", "acme@1", "bob@2"]);
      expect(walk.truncated).toBe(false);
      expect(await api.call("graph.endRelationship", { id: "bob-acme", at: APR })).toStrictEqual({
        changed: true,
      });
      expect(ids(await api.call("graph.incoming", { id: "acme", validAt: APR }))).toStrictEqual([
        "ada-acme",
      ]);
      expect(await api.call("graph.endEntity", { id: "bob", at: APR, until: null })).toStrictEqual({
        changed: true,
      });
      await api.fails("graph.endEntity", { id: "nobody" }, "NOT_FOUND");
      const history = await api.call("graph.relationshipHistory", { id: "ada-acme" });
      expect(history.items.length).toBeGreaterThanOrEqual(2);
      expect(
        (await api.call("graph.entityHistory", { id: "ada", limit: 1 })).nextCursor,
      ).toBeTypeOf("string");
      expect(await api.call("graph.deleteRelationship", { id: "ada-acme" })).toStrictEqual({
        deleted: true,
      });
      expect(await api.call("graph.deleteEntity", { id: "bob" })).toStrictEqual({ deleted: true });
      expect(await api.call("graph.deleteEntity", { id: "nobody" })).toStrictEqual({
        deleted: false,
      });
    });
    for (const op of graph.operations) expectAllRefused(op, run.samples.get(op.name));
  });
});
