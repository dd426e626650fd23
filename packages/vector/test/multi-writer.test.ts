/**
 * Several writers on one collection: two `VectorStore`s on one store, each with its own
 * in-memory index, write concurrently; every acknowledged write must be in the store, and
 * each instance's index must follow what the other wrote (a search sees every write
 * acknowledged before it began).
 */
import { forEachBackend } from "@mnemo/testing";
import { describe, expect, it } from "vitest";
import { VectorStore } from "../src/index.js";
import {
  changeSteps,
  contentProblems,
  insertSteps,
  SHARED_COLLECTION,
  SHARED_DIMENSION,
  type Step,
  sharedVector,
} from "./shared-writers.js";

type Collection = Awaited<ReturnType<VectorStore["collection"]>>;

async function run(collection: Collection, steps: readonly Step[]): Promise<void> {
  for (const step of steps) {
    if (step.kind === "upsert") {
      await collection.upsert(step.id, sharedVector(step.id, step.generation), {
        generation: step.generation,
      });
    } else {
      await collection.delete(step.id);
    }
  }
}

async function verifyContents(collection: Collection, count: number): Promise<void> {
  expect(await contentProblems(collection, count)).toEqual([]);
}

forEachBackend((backend) => {
  describe("two writers on one collection", () => {
    it("keeps every acknowledged write, and each index follows the other's", {
      timeout: 60_000,
    }, async () => {
      const handle = await backend.open({ namespace: "vector" });
      const options = { snapshotEvery: 60, snapshotOnClose: false };
      const first = new VectorStore(handle, options);
      const second = new VectorStore(handle, options);
      const settings = { dimension: SHARED_DIMENSION, metric: "cosine" } as const;
      const a = await first.createCollection(SHARED_COLLECTION, settings);
      const b = await second.createCollection(SHARED_COLLECTION, settings);
      const count = 120;
      await Promise.all([run(a, insertSteps("a", count)), run(b, insertSteps("b", count))]);
      // Each instance sees the other's inserts at once.
      expect((await a.search(sharedVector("b7", 0), { k: 1 }))[0]?.id).toBe("b7");
      expect((await b.search(sharedVector("a7", 0), { k: 1 }))[0]?.id).toBe("a7");
      await Promise.all([run(a, changeSteps("a", count)), run(b, changeSteps("b", count))]);
      await verifyContents(a, count);
      await verifyContents(b, count);
      // A third instance opening afterwards (snapshot written by either, plus the log).
      const third = new VectorStore(handle);
      await verifyContents(await third.collection(SHARED_COLLECTION), count);
    });
  });
});
