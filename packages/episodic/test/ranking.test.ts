/**
 * Search over posting blocks ranks exactly as a straightforward BM25 over the same tokens
 * (k1 1.2, b 0.75, idf ln(1 + (N - df + 0.5) / (df + 0.5))): top-10 overlap is 100% whenever
 * the 10th and 11th reference scores are untied. The corpus mixes batches (shared blocks),
 * single appends and deletes that rewrite shared blocks. A store written by 0.1 (one key per
 * posting) stays searchable and deletable.
 */
import { decodeTuple, tupleRange } from "@mnemo/core";
import { forEachBackend, manualClock, seededRandom } from "@mnemo/testing";
import { describe, expect, it } from "vitest";
import { EpisodicMemory, type Turn, tokenize } from "../src/index.js";
import {
  ageKey,
  documentsKey,
  EMPTY,
  legacyPostingKey,
  lengthKey,
  pointerCodec,
  pointerKey,
  postingCodec,
  sessionKey,
  turnCodec,
  turnKey,
} from "../src/keyspace.js";

const WORDS = Array.from({ length: 150 }, (_, i) => `w${i.toString(36)}x`);

function corpus(n: number, random: () => number): string[] {
  // Rank-skewed words: w0x is in most turns, the tail in a few.
  const word = () => WORDS[Math.floor(WORDS.length * random() * random())]!;
  return Array.from({ length: n }, () =>
    Array.from({ length: 4 + Math.floor(random() * 36) }, word).join(" "),
  );
}

/** BM25 the textbook way: every live turn tokenised, every query term counted. */
interface Doc {
  readonly id: string;
  readonly terms: readonly string[];
}

function referenceBm25(docs: readonly Doc[], query: string, k1 = 1.2, b = 0.75) {
  const n = docs.length;
  const avg = Math.max(docs.reduce((s, d) => s + d.terms.length, 0) / n, 1);
  const scores = new Map<string, number>();
  for (const term of new Set(tokenize(query))) {
    const df = docs.filter((d) => d.terms.includes(term)).length;
    const idf = Math.log(1 + (n - df + 0.5) / (df + 0.5));
    for (const d of docs) {
      const tf = d.terms.filter((t) => t === term).length;
      if (tf === 0) continue;
      const s = (idf * tf * (k1 + 1)) / (tf + k1 * (1 - b + (b * d.terms.length) / avg));
      scores.set(d.id, (scores.get(d.id) ?? 0) + s);
    }
  }
  return [...scores].sort((x, y) => y[1] - x[1]);
}

forEachBackend((backend) => {
  describe("BM25 over posting blocks", () => {
    it("matches a reference BM25's top 10 on every untied query (overlap reported)", async () => {
      const store = await backend.open({ namespace: "episodic" });
      const memory = new EpisodicMemory(store, { clock: manualClock(1_000) });
      const random = seededRandom(11);
      const texts = corpus(700, random);
      const input = (content: string, i: number) => ({
        sessionId: `s${i % 7}`,
        role: "user" as const,
        content,
        timestamp: 1_000 + i,
      });
      const live: Turn[] = [];
      // Ten batches: eight staged and flushed into blocks, two still staged.
      for (let b = 0; b < 660; b += 66) {
        live.push(
          ...(await memory.appendBatch(texts.slice(b, b + 66).map((t, i) => input(t, b + i)))),
        );
      }
      for (let i = 660; i < texts.length; i++) live.push(await memory.append(input(texts[i]!, i)));
      // Both layouts searched at once: staged chunks and flushed blocks.
      for (const tag of ["stage", "block"]) {
        let found = 0;
        for await (const [k] of store.scan(tupleRange([tag])))
          if (decodeTuple(k)[2] !== null) found++;
        expect(found, tag).toBeGreaterThan(0);
      }
      // Deletes rewrite blocks and staged chunks: every 15th turn of the batches, and a single.
      const doomed = live.filter((_, i) => i % 15 === 4 || i === 670);
      for (const t of doomed) await memory.delete(t.id);
      const alive = live
        .filter((t) => !doomed.includes(t))
        .map((t): Doc => ({ id: t.id, terms: tokenize(t.content) }));

      let compared = 0;
      let overlap = 0;
      for (let q = 0; q < 40; q++) {
        const words = 1 + Math.floor(random() * 3);
        const query = Array.from({ length: words }, () =>
          q % 4 === 0 ? WORDS[q % 3]! : WORDS[Math.floor(random() * WORDS.length)]!,
        ).join(" ");
        const expected = referenceBm25(alive, query);
        const hits = await memory.search(query, { limit: 10 });
        expect(hits.length).toBe(Math.min(10, expected.length));
        for (const [i, h] of hits.entries()) expect(h.score).toBeCloseTo(expected[i]![1], 9);
        const tenth = expected[9]?.[1];
        const eleventh = expected[10]?.[1];
        if (tenth !== undefined && eleventh !== undefined && tenth - eleventh < 1e-9) continue;
        if (expected.length === 0) continue;
        compared++;
        const want = new Set(expected.slice(0, 10).map(([id]) => id));
        overlap += hits.filter((h) => want.has(h.turn.id)).length / want.size;
      }
      console.log(`top-10 overlap with the reference BM25: ${overlap}/${compared} untied queries`);
      expect(compared).toBeGreaterThan(30);
      // Reported in the package README: 100% on every untied query.
      expect(overlap / compared).toBe(1);
    });

    it("orders equal scores by larger id first, so a shorter limit is a prefix", async () => {
      const store = await backend.open({ namespace: "episodic" });
      const memory = new EpisodicMemory(store, { clock: manualClock(1_000) });
      // Same content, so the same score: batches and singles, so the ties span blocks.
      const turn = (i: number) => ({
        sessionId: `s${i % 3}`,
        role: "user" as const,
        content: "tied word",
      });
      const ids = [
        ...(await memory.appendBatch(Array.from({ length: 12 }, (_, i) => turn(i)))),
        ...(await memory.appendBatch(Array.from({ length: 9 }, (_, i) => turn(i)))),
      ].map((t) => t.id);
      for (let i = 0; i < 5; i++) ids.push((await memory.append(turn(i))).id);
      const descending = [...ids].sort().reverse();
      const all = await memory.search("tied", { limit: 100 });
      expect(all.map((h) => h.turn.id)).toEqual(descending);
      expect(new Set(all.map((h) => h.score)).size).toBe(1);
      for (const limit of [1, 7, 10]) {
        const hits = await memory.search("tied word", { limit });
        expect(hits.map((h) => h.turn.id)).toEqual(descending.slice(0, limit));
      }
    });

    it("keeps each block exact when deleters of neighbours race", async () => {
      const store = await backend.open({ namespace: "episodic" });
      const clock = manualClock(5_000);
      const writer = new EpisodicMemory(store, { clock });
      const turns = await writer.appendBatch(
        Array.from({ length: 24 }, (_, i) => ({
          sessionId: "race",
          role: "user" as const,
          content: `shared word${i}`,
        })),
      );
      // Three instances (three processes' worth) delete different turns of one block at once.
      const deleters = [0, 1, 2].map(() => new EpisodicMemory(store, { clock }));
      const doomed = turns.filter((_, i) => i % 2 === 0);
      await Promise.all(doomed.map((t, i) => deleters[i % 3]!.delete(t.id)));
      const hits = await writer.search("shared", { limit: 100 });
      const survivors = turns.filter((_, i) => i % 2 === 1).map((t) => t.id);
      expect(hits.map((h) => h.turn.id).sort()).toEqual([...survivors].sort());
      // Exact df: the idf of "shared" counts the 12 survivors only.
      const n = 12;
      const idf = Math.log(1 + (n - n + 0.5) / (n + 0.5));
      expect(hits[0]!.score).toBeCloseTo((idf * 2.2) / (1 + 1.2), 9);
      await Promise.all(survivors.map((id, i) => deleters[i % 3]!.delete(id)));
      expect(await writer.search("shared")).toEqual([]);
      let blocks = 0;
      for await (const _ of store.scan(tupleRange(["block"]))) blocks++;
      expect(blocks).toBe(0);
    });
  });
});

forEachBackend((backend) => {
  describe("0.1's one-key postings", () => {
    it("are still searched and deleted beside posting blocks", async () => {
      const store = await backend.open({ namespace: "episodic" });
      // A turn as 0.1 wrote it: ("post", term, id) keys and a pointer without a block.
      const old = { id: "0000legacy0000000000000", sessionId: "s", role: "user" as const };
      const turn = { ...old, content: "router reset", timestamp: 10 };
      const terms = tokenize(turn.content);
      const ops = [
        { type: "put" as const, key: turnKey("s", 10, old.id), value: turnCodec.encode(turn) },
        {
          type: "put" as const,
          key: pointerKey(old.id),
          value: pointerCodec.encode({ sessionId: "s", timestamp: 10, length: 2, terms }),
        },
        { type: "put" as const, key: ageKey(10, "s", old.id), value: EMPTY },
        ...terms.map((t) => ({
          type: "put" as const,
          key: legacyPostingKey(t, old.id),
          value: postingCodec.encode(["s", 10, 1, 2]),
        })),
      ];
      await store.write(ops);
      await store.commit(
        [],
        [
          { type: "sum", key: documentsKey(0), delta: 1n },
          { type: "sum", key: lengthKey(0), delta: 2n },
          { type: "sum", key: sessionKey("s"), delta: 1n },
        ],
      );
      const memory = new EpisodicMemory(store, { clock: manualClock(100) });
      const fresh = await memory.append({ sessionId: "s", role: "user", content: "router" });
      const hits = await memory.search("router");
      expect(hits.map((h) => h.turn.id).sort()).toEqual([old.id, fresh.id].sort());
      expect(await memory.delete(old.id)).toBe(true);
      let legacy = 0;
      for await (const _ of store.scan(tupleRange(["post"]))) legacy++;
      expect(legacy).toBe(0);
      expect((await memory.search("router")).map((h) => h.turn.id)).toEqual([fresh.id]);
      expect(await memory.stats()).toEqual({ documents: 1, totalLength: 1 });
    });
  });
});
