import { forEachBackend, seededRandom } from "@mnemo/testing";
import { expect, it } from "vitest";
import { vectorEmbeddings } from "../../src/operations/vector.js";
import { runScenario } from "./harness.js";
import { expectAllRefused } from "./hostile.js";

const DIM = 8;

forEachBackend((backend) => {
  it("serves every vector operation from JSON to JSON on one reused store", async () => {
    const next = seededRandom(11);
    const vector = () => Array.from({ length: DIM }, () => next() * 2 - 1);
    const run = await runScenario(vectorEmbeddings, backend, async (api) => {
      expect(
        await api.call("vectorEmbeddings.createCollection", {
          name: "notes",
          dimension: DIM,
          metric: "cosine",
          M: 8,
          efConstruction: 64,
        }),
      ).toMatchObject({ name: "notes", dimension: DIM, metric: "cosine", M: 8 });
      await api.fails(
        "vectorEmbeddings.createCollection",
        { name: "notes", dimension: DIM + 1, metric: "cosine" },
        "FAILED_PRECONDITION",
      );
      await api.call("vectorEmbeddings.createCollection", {
        name: "other",
        dimension: 2,
        metric: "l2",
      });
      expect(await api.call("vectorEmbeddings.getCollection", { name: "notes" })).toMatchObject({
        dimension: DIM,
      });
      await api.fails("vectorEmbeddings.getCollection", { name: "nope" }, "NOT_FOUND");
      const names = await api.call("vectorEmbeddings.listCollections", { limit: 1 });
      expect(names.items.map((c: { name: string }) => c.name)).toStrictEqual(["notes"]);
      const rest = await api.call("vectorEmbeddings.listCollections", { cursor: names.nextCursor });
      expect(rest.items.map((c: { name: string }) => c.name)).toStrictEqual(["other"]);

      const target = vector();
      await api.call("vectorEmbeddings.upsert", {
        name: "notes",
        id: "n1",
        vector: target,
        metadata: { lang: "en", topic: "cats" },
      });
      const items = Array.from({ length: 150 }, (_, i) => ({
        id: `v${String(i).padStart(3, "0")}`,
        vector: vector(),
        metadata: i % 2 === 0 ? { lang: "fr" } : null,
      }));
      expect(await api.call("vectorEmbeddings.upsertMany", { name: "notes", items })).toStrictEqual(
        { count: 150 },
      );
      expect(await api.call("vectorEmbeddings.count", { name: "notes" })).toStrictEqual({
        count: 151,
      });
      const stored = await api.call("vectorEmbeddings.get", { name: "notes", id: "n1" });
      expect(stored.metadata).toStrictEqual({ lang: "en", topic: "cats" });
      expect(stored.vector).toHaveLength(DIM);
      await api.fails("vectorEmbeddings.get", { name: "notes", id: "nope" }, "NOT_FOUND");
      const hits = await api.call("vectorEmbeddings.search", {
        name: "notes",
        vector: target,
        k: 3,
      });
      expect(hits.items[0].id).toBe("n1");
      const exact = await api.call("vectorEmbeddings.search", {
        name: "notes",
        vector: target,
        k: 5,
        exact: true,
        filter: { lang: { in: ["fr", "de"] } },
        consistency: "local",
      });
      expect(exact.items).toHaveLength(5);
      for (const hit of exact.items) expect(hit.metadata).toStrictEqual({ lang: "fr" });
      const tuned = await api.call("vectorEmbeddings.search", {
        name: "notes",
        vector: target,
        k: 2,
        ef: 50,
        targetRecall: 0.9,
        filter: { topic: "cats" },
      });
      expect(tuned.items.map((h: { id: string }) => h.id)).toStrictEqual(["n1"]);
      const page = await api.call("vectorEmbeddings.list", { name: "notes", limit: 2 });
      expect(page.items.map((v: { id: string }) => v.id)).toStrictEqual(["n1", "v000"]);
      const calibrated = await api.call("vectorEmbeddings.calibrate", {
        name: "notes",
        force: true,
      });
      expect(calibrated.calibration?.count ?? 151).toBe(151);
      expect(
        await api.call("vectorEmbeddings.delete", { name: "notes", id: "v000" }),
      ).toStrictEqual({ deleted: true });
      expect(
        await api.call("vectorEmbeddings.delete", { name: "notes", id: "v000" }),
      ).toStrictEqual({ deleted: false });
      const fraction = await api.call("vectorEmbeddings.deletedFraction", { name: "notes" });
      expect(fraction.fraction).toBeGreaterThan(0);
      expect(
        await api.call("vectorEmbeddings.compact", { name: "notes", force: true }),
      ).toStrictEqual({ rebuilt: true });
      expect((await api.call("vectorEmbeddings.snapshot", { name: "notes" })).written).toBeTypeOf(
        "boolean",
      );
      expect(await api.call("vectorEmbeddings.dropCollection", { name: "other" })).toStrictEqual({
        deleted: true,
      });
      expect(await api.call("vectorEmbeddings.dropCollection", { name: "other" })).toStrictEqual({
        deleted: false,
      });
      await vectorEmbeddings.close?.(api.component as never);
    });
    for (const op of vectorEmbeddings.operations) expectAllRefused(op, run.samples.get(op.name));
  });
});
