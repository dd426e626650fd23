/**
 * The staged index: a batch writes its postings as at most 64 staged chunks instead of a
 * block per term; a flush moves them into blocks so that every posting is in exactly one
 * place, searches see the same results before and after, a search a flush overtakes runs
 * again, and flushes racing deletes or failing midway lose and resurrect nothing.
 */
import { decodeTuple, type StorageBackend, type Tuple, tupleRange } from "@mnemo/core";
import { forEachBackend, manualClock } from "@mnemo/testing";
import { describe, expect, it } from "vitest";
import { EpisodicMemory, type Turn } from "../src/index.js";
import { blockPrefix, chunkOf, STAGE_CHUNKS, stagePrefix } from "../src/keyspace.js";
import { FLUSH_SEGMENTS } from "../src/staging.js";
import { blocksOf, flushCommit, raceFirst } from "./fixtures/postings.js";

/** Keys under `prefix`, flush markers (`(tag, x, null)`) left out. */
async function keysUnder(store: StorageBackend, prefix: Tuple) {
  let n = 0;
  for await (const [k] of store.scan(tupleRange(prefix))) if (decodeTuple(k)[2] !== null) n++;
  return n;
}

/** 80 turns with 88 distinct terms: more than `STAGE_CHUNKS`, so the batch is staged. */
const batch = (tag: string, at: number) =>
  Array.from({ length: 80 }, (_, i) => ({
    sessionId: `s${i % 4}`,
    role: "user" as const,
    content: `common ${tag}x${i} ${tag}y${i % 7}`,
    timestamp: at + i,
  }));
const TAGS = "abcdefghijklmnop".split("");

/** `store`, except that the first scan starting at `gte` first waits for `meanwhile`. */
function delayScan(store: StorageBackend, gte: string, meanwhile: () => Promise<unknown>) {
  let fired = false;
  return new Proxy(store, {
    get(target, name) {
      const value = Reflect.get(target, name, target);
      if (name !== "scan") return typeof value === "function" ? value.bind(target) : value;
      return (options: Parameters<StorageBackend["scan"]>[0]) => {
        if (fired || options?.gte !== gte) return target.scan(options as never);
        fired = true;
        return (async function* () {
          await meanwhile();
          yield* target.scan(options as never);
        })();
      };
    },
  });
}

const ranked = async (memory: EpisodicMemory, query: string) =>
  (await memory.search(query, { limit: 1000 })).map((h) => [h.turn.content, h.score] as const);

forEachBackend((backend) => {
  describe("staged index", () => {
    const open = () => backend.open({ namespace: "episodic" });

    it("writes a batch's postings as at most 64 staged chunks, not a block per term", async () => {
      const store = await open();
      const memory = new EpisodicMemory(store, { clock: manualClock(1_000) });
      await memory.appendBatch(batch("a", 1_000));
      expect(await keysUnder(store, ["block"])).toBe(0);
      const staged = await keysUnder(store, ["stage"]);
      expect(staged).toBeGreaterThan(0);
      expect(staged).toBeLessThanOrEqual(STAGE_CHUNKS);
      expect((await memory.search("ax17")).map((h) => h.turn.content)).toEqual(["common ax17 ay3"]);
      expect(await memory.search("common", { limit: 100 })).toHaveLength(80);
    });

    it("flushes every few batches into blocks, searching exactly as before", async () => {
      const flushing = await open();
      const staying = await backend.open({ namespace: "episodic_staying" });
      const memory = new EpisodicMemory(flushing, { clock: manualClock(1_000) });
      for (const [b, tag] of TAGS.slice(0, FLUSH_SEGMENTS).entries()) {
        await memory.appendBatch(batch(tag, 1_000 + b * 100));
        // A fresh instance per batch never writes enough segments to flush.
        await new EpisodicMemory(staying).appendBatch(batch(tag, 1_000 + b * 100));
      }
      expect(await keysUnder(flushing, ["stage"])).toBe(0);
      expect(await keysUnder(staying, ["stage"])).toBeGreaterThan(0);
      const common = await blocksOf(flushing, "common");
      expect(common).toMatchObject({ blocks: 1, staged: 0 });
      expect(new Set(common.ids).size).toBe(80 * FLUSH_SEGMENTS);
      const reference = new EpisodicMemory(staying);
      for (const query of ["common", "cx3 cy5", "ay2 hy2 common", "dx79"]) {
        expect(await ranked(memory, query)).toEqual(await ranked(reference, query));
      }
    });

    for (const [what, delayed] of [
      ["twice", (term: string) => tupleRange(blockPrefix(term)).gte],
      ["not at all", (term: string) => tupleRange(stagePrefix(chunkOf(term))).gte],
    ] as const) {
      it(`runs a search again when a flush between its reads would count postings ${what}`, async () => {
        const store = await open();
        const writer = new EpisodicMemory(store, { clock: manualClock(1_000) });
        for (let b = 0; b < FLUSH_SEGMENTS - 1; b++) {
          await writer.appendBatch(batch(TAGS[b]!, 1_000 + b * 100));
        }
        // The last batch of the round, and its flush, land between the search's two reads.
        const last = () => writer.appendBatch(batch("z", 2_000));
        const searcher = new EpisodicMemory(delayScan(store, delayed("common"), last));
        const raced = await ranked(searcher, "common");
        expect(await keysUnder(store, ["stage"])).toBe(0);
        expect(raced).toHaveLength(80 * FLUSH_SEGMENTS);
        expect(raced).toEqual(await ranked(searcher, "common"));
      });
    }

    it("retries a flush a delete raced between its reads and its commit, resurrecting nothing", async () => {
      const store = await open();
      const clock = manualClock(1_000);
      const turns: Turn[] = [];
      const deleter = new EpisodicMemory(store, { clock });
      const writer = new EpisodicMemory(
        raceFirst(store, flushCommit, () => deleter.delete(turns[2]!.id)),
        { clock },
      );
      for (let b = 0; b < FLUSH_SEGMENTS; b++) {
        turns.push(...(await writer.appendBatch(batch(TAGS[b]!, 1_000 + b * 100))));
      }
      const alive = turns.filter((_, i) => i !== 2).map((t) => t.id);
      // Flushed all the same, on the second try.
      expect(await blocksOf(store, "common")).toEqual({
        ids: [...alive].sort(),
        blocks: 1,
        staged: 0,
      });
      expect(await writer.search("ax2")).toEqual([]);
      expect((await writer.stats()).documents).toBe(alive.length);
    });

    it("keeps every posting staged and searched when a flush fails, for a later flush", async () => {
      const store = await open();
      const clock = manualClock(1_000);
      const failing = new Proxy(store, {
        get(target, name) {
          const value = Reflect.get(target, name, target);
          if (name !== "commit") return typeof value === "function" ? value.bind(target) : value;
          return async (...args: Parameters<StorageBackend["commit"]>) => {
            if (flushCommit([...args[0]])) throw new Error("connection lost");
            return target.commit(...args);
          };
        },
      });
      const writer = new EpisodicMemory(failing, { clock });
      const turns: Turn[] = [];
      for (let b = 0; b < FLUSH_SEGMENTS; b++) {
        turns.push(...(await writer.appendBatch(batch(TAGS[b]!, 1_000 + b * 100))));
      }
      expect(await blocksOf(store, "common")).toMatchObject({ blocks: 0 });
      expect(await writer.search("common", { limit: 1000 })).toHaveLength(turns.length);
      const other = new EpisodicMemory(store, { clock });
      for (let b = 0; b < FLUSH_SEGMENTS; b++) {
        turns.push(...(await other.appendBatch(batch(TAGS[8 + b]!, 2_000 + b * 100))));
      }
      expect(await keysUnder(store, ["stage"])).toBe(0);
      expect((await blocksOf(store, "common")).ids).toEqual(turns.map((t) => t.id).sort());
    });

    it("keeps a staged chunk exact when deleters of neighbours race", async () => {
      const store = await open();
      const clock = manualClock(5_000);
      const writer = new EpisodicMemory(store, { clock });
      const turns = await writer.appendBatch(batch("a", 1_000));
      const deleters = [0, 1, 2].map(() => new EpisodicMemory(store, { clock }));
      const doomed = turns.filter((_, i) => i % 2 === 0);
      await Promise.all(doomed.map((t, i) => deleters[i % 3]!.delete(t.id)));
      const survivors = turns.filter((_, i) => i % 2 === 1).map((t) => t.id);
      const hits = await writer.search("common", { limit: 100 });
      expect(hits.map((h) => h.turn.id).sort()).toEqual([...survivors].sort());
      // Exact df: "common" is in the 40 survivors only, each of the average length.
      const n = 40;
      expect(hits[0]!.score).toBeCloseTo(Math.log(1 + 0.5 / (n + 0.5)), 9);
      await Promise.all(survivors.map((id, i) => deleters[i % 3]!.delete(id)));
      expect(await writer.search("common")).toEqual([]);
      expect(await keysUnder(store, ["stage"])).toBe(0);
    });
  });
});
