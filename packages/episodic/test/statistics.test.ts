/**
 * The corpus statistics stay a fixed number of keys whatever the number of writers,
 * restarts and batches, and the counts stay exact. (0.1 wrote one shard per instance, never
 * merged: 20 instances left 20 keys every search summed.)
 */
import { jsonRecordCodec, key, tupleRange } from "@mnemo/core";
import { forEachBackend, manualClock, runScript } from "@mnemo/testing";
import { describe, expect, it } from "vitest";
import { EpisodicMemory, MAX_BATCH_TURNS, MAX_QUERY_TERMS, tokenize } from "../src/index.js";
import { deltaKey } from "../src/keyspace.js";
import { FLUSH_SEGMENTS } from "../src/staging.js";
import { blocksOf } from "./fixtures/postings.js";

async function keysUnder(store: import("@mnemo/core").StorageBackend, ...prefix: string[]) {
  let n = 0;
  for await (const _ of store.scan(tupleRange(prefix))) n++;
  return n;
}

/** Delta records not merged: where this version writes them and where earlier ones did. */
const deltasLeft = async (store: import("@mnemo/core").StorageBackend) =>
  (await keysUnder(store, "corpus", "delta")) + (await keysUnder(store, "stats"));

const batchChild = new URL("./fixtures/batch-child.ts", import.meta.url);

forEachBackend((backend) => {
  const open = async () => {
    const store = await backend.open({ namespace: "episodic" });
    return { store, clock: manualClock() };
  };

  describe("corpus statistics", () => {
    it("stay a bounded number of keys over 20 instances (restarts), exact", async () => {
      const { store, clock } = await open();
      for (let i = 0; i < 20; i++) {
        const memory = new EpisodicMemory(store, { clock });
        await memory.append({ sessionId: `s${i % 3}`, role: "user", content: `word${i} shared` });
      }
      expect(await deltasLeft(store)).toBe(0);
      expect(await keysUnder(store, "corpus")).toBeLessThanOrEqual(16);
      const memory = new EpisodicMemory(store, { clock });
      expect(await memory.stats()).toEqual({ documents: 20, totalLength: 40 });
      expect(await memory.count("s0")).toBe(7);
    });

    it("merges 0.1's per-writer shards by checked commit, once", async () => {
      const { store, clock } = await open();
      const memory = new EpisodicMemory(store, { clock });
      await memory.append({ sessionId: "s", role: "user", content: "one two three" });
      const legacy = jsonRecordCodec<{ documents: number; length: number }>(1);
      for (let i = 0; i < 5; i++) {
        await store.set(key("stats", `writer-${i}`), legacy.encode({ documents: 2, length: 10 }));
      }
      // Searches count unmerged shards; stats() merges them, from two instances at once.
      expect((await memory.search("one")).length).toBe(1);
      const other = new EpisodicMemory(store, { clock });
      const [a, b] = await Promise.all([memory.stats(), other.stats()]);
      expect(a).toEqual({ documents: 11, totalLength: 53 });
      expect(b).toEqual(a);
      expect(await deltasLeft(store)).toBe(0);
      expect(await memory.stats()).toEqual({ documents: 11, totalLength: 53 });
    });

    it("keeps a batch too large for one commit atomic and its counts exact", async () => {
      const { store, clock } = await open();
      const memory = new EpisodicMemory(store, { clock });
      const turns = Array.from({ length: MAX_BATCH_TURNS }, (_, i) => ({
        sessionId: `s${i % 10}`,
        role: "user" as const,
        content: `alpha beta gamma delta${i} epsilon${i % 7}`,
        timestamp: 1_000 + i,
      }));
      const stored = await memory.appendBatch(turns);
      expect(stored).toHaveLength(MAX_BATCH_TURNS);
      expect(await deltasLeft(store)).toBe(0);
      expect(await memory.stats()).toEqual({ documents: 500, totalLength: 2500 });
      expect(await memory.count("s3")).toBe(50);
      expect((await memory.search("gamma", { limit: 1000 })).length).toBe(500);
      expect(await memory.deleteOlderThan(1_250)).toBe(250);
      expect(await memory.stats()).toEqual({ documents: 250, totalLength: 1250 });
    });

    for (const [where, at] of [
      ["", deltaKey("batch-x")],
      [" where earlier versions wrote it", key("stats", "batch-x")],
    ] as const) {
      it(`counts a delta a crash left unmerged${where}, and stats() merges it`, async () => {
        const { store, clock } = await open();
        const memory = new EpisodicMemory(store, { clock });
        await memory.append({ sessionId: "s", role: "user", content: "one two" });
        const codec = jsonRecordCodec<object>(1);
        await store.set(at, codec.encode({ documents: 3, length: 9, sessions: { s: 3 } }));
        // BM25 with N = 4 turns and an average length of 11 / 4: the delta is counted.
        const [hit] = await memory.search("one");
        const idf = Math.log(1 + (4 - 1 + 0.5) / (1 + 0.5));
        expect(hit?.score).toBeCloseTo(
          (idf * 2.2) / (1 + 1.2 * (0.25 + (0.75 * 2) / (11 / 4))),
          10,
        );
        expect(await memory.stats()).toEqual({ documents: 4, totalLength: 11 });
        expect(await store.get(at)).toBeUndefined();
        expect(await memory.count("s")).toBe(4);
      });
    }

    it("reads the counters and the unmerged deltas of a search in one scan", async () => {
      const { store, clock } = await open();
      const memory = new EpisodicMemory(store, { clock });
      await memory.append({ sessionId: "s", role: "user", content: "one two" });
      await memory.search("one");
      const reads: string[] = [];
      const counting = new Proxy(store, {
        get(target, name, receiver) {
          const value = Reflect.get(target, name, receiver);
          if (typeof value !== "function") return value;
          return (...args: unknown[]) => {
            if (["get", "getBatch", "getEntry", "getEntries", "scan"].includes(String(name))) {
              reads.push(`${String(name)} ${JSON.stringify(args[0])}`);
            }
            return value.apply(target, args);
          };
        },
      });
      const again = new EpisodicMemory(counting, { clock });
      await again.search("one");
      reads.length = 0;
      await again.search("one");
      const statistics = reads.filter((r) => /corpus|stats/.test(r));
      expect(statistics).toHaveLength(1);
      expect(statistics[0]).toMatch(/^scan /);
    });
  });

  describe("tokens and query terms", () => {
    it("appends and finds a long word holding an astral character (was INVALID_KEY)", async () => {
      const { clock, store } = await open();
      const memory = new EpisodicMemory(store, { clock });
      const word = `${"a".repeat(63)}\u{20000}rest`;
      const turn = await memory.append({
        sessionId: "s",
        role: "user",
        content: `${word} 🚀 launch`,
      });
      expect((await memory.search(word)).map((h) => h.turn.id)).toEqual([turn.id]);
      expect((await memory.search("🚀 launch")).map((h) => h.turn.id)).toEqual([turn.id]);
      expect(await memory.delete(turn.id)).toBe(true);
    });

    it(`searches up to ${MAX_QUERY_TERMS} distinct terms and refuses more`, async () => {
      const { clock, store } = await open();
      const memory = new EpisodicMemory(store, { clock });
      await memory.append({ sessionId: "s", role: "user", content: "w1 w2" });
      const words = (n: number) => Array.from({ length: n }, (_, i) => `w${i}`).join(" ");
      expect(await memory.search(words(MAX_QUERY_TERMS))).toHaveLength(1);
      for (const query of [words(MAX_QUERY_TERMS + 1), words(15_000)]) {
        await expect(memory.search(query)).rejects.toMatchObject({
          code: "INVALID_ARGUMENT",
          details: { field: "query" },
        });
      }
    });
  });

  it("stays exact with two processes appending large batches, flushing and merging at once", async () => {
    const { store, clock } = await open();
    if (!store.characteristics().multiProcess) return;
    const spec = JSON.stringify(backend.spec(store));
    // Nine staged batches each: both processes flush every staged chunk (theirs and the
    // other's) once, at the same time.
    const outputs = await Promise.all(
      ["p1", "p2"].map((tag) => runScript(batchChild, [spec, tag, String(FLUSH_SEGMENTS + 1)])),
    );
    const turns = 200 * (FLUSH_SEGMENTS + 1);
    expect(outputs.map(Number)).toEqual([turns, turns]);
    const memory = new EpisodicMemory(store, { clock });
    // "batch B turn I of T with several distinct words here": 9 terms after stop words.
    expect(await memory.stats()).toEqual({ documents: 2 * turns, totalLength: 2 * turns * 9 });
    expect(await deltasLeft(store)).toBe(0);
    expect(await memory.count("p1-0")).toBe(turns / 5);
    expect((await memory.listSessions()).items).toHaveLength(10);
    // Every turn's posting of a word all of them hold, exactly once.
    const [term] = tokenize("several");
    const { ids } = await blocksOf(store, term!);
    expect(ids).toHaveLength(2 * turns);
    expect(new Set(ids).size).toBe(2 * turns);
  }, 180_000);
});
