/**
 * Posting blocks merged by the instance that wrote them: a term written by 70 single appends
 * ends in one block and a few staged chunks, deletes still find each turn's postings in the merged blocks, and
 * merges racing deletes never leave a posting of a deleted turn nor lose one of a live turn.
 */
import { forEachBackend, manualClock } from "@mnemo/testing";
import { describe, expect, it } from "vitest";
import { FANOUT } from "../src/compaction.js";
import { EpisodicMemory, type Turn } from "../src/index.js";
import { blockRange } from "../src/keyspace.js";
import { blocksOf, mergeCommit, raceFirst } from "./fixtures/postings.js";

forEachBackend((backend) => {
  describe("posting block merges", () => {
    it("keep a term written by 70 appends in a few blocks, and deletes exact", async () => {
      const store = await backend.open({ namespace: "episodic" });
      const memory = new EpisodicMemory(store, { clock: manualClock(1_000) });
      const turns = [];
      for (let i = 0; i < 70; i++) {
        turns.push(await memory.append({ sessionId: "s", role: "user", content: `xylo u${i}` }));
      }
      const before = await blocksOf(store, "xylo");
      expect(before.ids).toEqual(turns.map((t) => t.id).sort());
      // A single append writes blocks (never staged): 70 = 1 × 8² + 6, one tier-2 block and
      // six unmerged ones.
      expect(before).toMatchObject({ blocks: 1 + (70 % FANOUT), staged: 0 });
      // Another instance (no knowledge of the merges) deletes every fifth turn.
      const other = new EpisodicMemory(store, { clock: manualClock(1_000) });
      const doomed = turns.filter((_, i) => i % 5 === 0);
      for (const t of doomed) expect(await other.delete(t.id)).toBe(true);
      const alive = turns.filter((_, i) => i % 5 !== 0).map((t) => t.id);
      expect((await blocksOf(store, "xylo")).ids).toEqual([...alive].sort());
      const hits = await memory.search("xylo", { limit: 100 });
      expect(hits.map((h) => h.turn.id).sort()).toEqual([...alive].sort());
      for (const t of doomed)
        expect((await blocksOf(store, `u${turns.indexOf(t)}`)).blocks).toBe(0);
    });

    it("merge blocks of like size: single appends never rewrite a large block", async () => {
      const store = await backend.open({ namespace: "episodic" });
      const memory = new EpisodicMemory(store, { clock: manualClock(1_000) });
      // One batch of under 64 terms writes one shared block per term: 200 postings of "vexo".
      const batch = await memory.appendBatch(
        Array.from({ length: 200 }, () => ({
          sessionId: "s",
          role: "user" as const,
          content: "vexo",
        })),
      );
      const versions = async () => {
        const out: string[] = [];
        for await (const [, , version] of store.scan({ ...blockRange("vexo"), versions: true }))
          out.push(version);
        return out;
      };
      const [large] = await versions();
      const singles = [];
      for (let i = 0; i < 2 * FANOUT; i++) {
        singles.push(await memory.append({ sessionId: "s", role: "user", content: `vexo w${i}` }));
      }
      // The singles merged among themselves, 8 at a time; the batch's block left as it was.
      const after = await versions();
      expect(after).toHaveLength(3);
      expect(after[0]).toBe(large);
      const all = [...batch, ...singles].map((t) => t.id).sort();
      expect((await blocksOf(store, "vexo")).ids).toEqual(all);
    });

    it("never lose or resurrect a posting when merges race deletes", async () => {
      const store = await backend.open({ namespace: "episodic" });
      const clock = manualClock(1_000);
      const writer = new EpisodicMemory(store, { clock });
      const deleter = new EpisodicMemory(store, { clock });
      const first = [];
      for (let i = 0; i < 20; i++) {
        first.push(await writer.append({ sessionId: "s", role: "user", content: `raxo a${i}` }));
      }
      // More appends (each may merge) while the other instance deletes the first ones.
      const more = Promise.all(
        Array.from({ length: 44 }, (_, i) =>
          writer.append({ sessionId: "s", role: "user", content: `raxo b${i}` }),
        ),
      );
      const deletes = Promise.all(
        first.filter((_, i) => i % 2 === 0).map((t) => deleter.delete(t.id)),
      );
      const [added] = await Promise.all([more, deletes]);
      const alive = [...first.filter((_, i) => i % 2 === 1), ...added].map((t) => t.id).sort();
      expect((await blocksOf(store, "raxo")).ids).toEqual(alive);
      expect((await writer.stats()).documents).toBe(alive.length);
    });

    it("retry a merge a delete raced between its reads and its commit, resurrecting nothing", async () => {
      const store = await backend.open({ namespace: "episodic" });
      const clock = manualClock(1_000);
      const turns: Turn[] = [];
      const deleter = new EpisodicMemory(store, { clock });
      const writer = new EpisodicMemory(
        raceFirst(store, mergeCommit, () => deleter.delete(turns[2]!.id)),
        { clock },
      );
      for (let i = 0; i < FANOUT; i++) {
        turns.push(await writer.append({ sessionId: "s", role: "user", content: `zemo v${i}` }));
      }
      const alive = turns.filter((_, i) => i !== 2).map((t) => t.id);
      const after = await blocksOf(store, "zemo");
      expect(after.ids).toEqual([...alive].sort());
      // Merged all the same, on the second try.
      expect(after.blocks).toBe(1);
      const hits = await writer.search("zemo", { limit: 100 });
      expect(hits.map((h) => h.turn.id).sort()).toEqual([...alive].sort());
    });
  });
});
