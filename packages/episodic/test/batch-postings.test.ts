/**
 * An append call's flat postings (`batch-postings.ts`) write, for every term, exactly the
 * block value that building the term's `PostingBlock` (`encodeBlock`, postings in turn order)
 * and encoding it writes, alone and inside a staged chunk.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { BatchPostings } from "../src/batch-postings.js";
import { encodeBlockValue } from "../src/block-codec.js";
import type { PostingBlock } from "../src/keyspace.js";
import { type BlockPosting, encodeBlock } from "../src/posting-block.js";
import { encodeChunk, writeChunk } from "../src/stage-codec.js";

interface Turn {
  readonly id: string;
  readonly sessionId: string;
  readonly timestamp: number;
  readonly length: number;
  readonly frequencies: Map<string, number>;
}

const turn: fc.Arbitrary<Turn> = fc.record({
  id: fc.stringMatching(/^[0-9a-z]{1,23}$/),
  sessionId: fc.constantFrom("s1", "s2", "é-ü", "𝄞 chat", "s5", "s6"),
  // Far apart and out of order: deltas negative and past 2^31.
  timestamp: fc.oneof(fc.integer({ min: 0, max: 2 ** 45 }), fc.integer({ min: 0, max: 100 })),
  length: fc.integer({ min: 1, max: 100_000 }),
  frequencies: fc
    .uniqueArray(
      fc.tuple(fc.constantFrom("ka", "lo", "mi", "nu", "ünï", "日本", "pe"), fc.nat(300)),
      { selector: ([term]) => term, maxLength: 7 },
    )
    .map((entries) => new Map(entries.map(([term, tf]) => [term, tf + 1]))),
});

/** The reference: each term's postings in turn order, terms first seen first. */
function referenceBlocks(turns: readonly Turn[]): [string, PostingBlock][] {
  const byTerm = new Map<string, BlockPosting[]>();
  for (const { id, sessionId, timestamp, length, frequencies } of turns) {
    for (const [term, tf] of frequencies) {
      const list = byTerm.get(term) ?? [];
      list.push({ id, sessionId, timestamp, tf, length });
      byTerm.set(term, list);
    }
  }
  return [...byTerm].map(([term, postings]) => [term, encodeBlock(postings)]);
}

function batchOf(turns: readonly Turn[]): BatchPostings {
  const batch = new BatchPostings();
  for (const t of turns) batch.add(t, t.frequencies, t.length);
  return batch;
}

describe("an append call's postings", () => {
  it("write each term's block as encoding its PostingBlock does", () => {
    fc.assert(
      fc.property(fc.array(turn, { maxLength: 40 }), (turns) => {
        const batch = batchOf(turns);
        const reference = referenceBlocks(turns);
        expect(batch.terms).toEqual(reference.map(([term]) => term));
        reference.forEach(([, block], t) => {
          expect(batch.count(t)).toBe(block[2].length);
          expect(Buffer.from(batch.encodeTerm(t))).toEqual(Buffer.from(encodeBlockValue(block)));
        });
      }),
      { numRuns: 300 },
    );
  });

  it("write a staged chunk as encodeChunk does, for any subset of its terms", () => {
    fc.assert(
      fc.property(
        fc.array(turn, { minLength: 1, maxLength: 40 }),
        fc.array(fc.boolean(), { minLength: 7, maxLength: 7 }),
        (turns, pick) => {
          const batch = batchOf(turns);
          const reference = referenceBlocks(turns);
          const chosen = reference.map((_, t) => t).filter((t) => pick[t]);
          const chunk = writeChunk(
            chosen.map((t) => batch.terms[t]!),
            (w, i) => batch.writeTerm(w, chosen[i]!),
            // A small first guess: the writer grows.
            1,
          );
          const expected = encodeChunk(chosen.map((t) => reference[t]!));
          expect(Buffer.from(chunk)).toEqual(Buffer.from(expected));
        },
      ),
      { numRuns: 200 },
    );
  });

  it("grow past their first buffers (long ids, thousands of postings)", () => {
    const turns: Turn[] = Array.from({ length: 2000 }, (_, i) => ({
      id: `${"x".repeat(60)}${i}`,
      sessionId: `session-${i % 7}`,
      timestamp: 1_700_000_000_000 + i,
      length: 30,
      frequencies: new Map(Array.from({ length: 5 }, (_, j) => [`t${(i + j) % 11}`, j + 1])),
    }));
    const batch = batchOf(turns);
    referenceBlocks(turns).forEach(([, block], t) => {
      // Buffer.equals: a deep comparison of ~100 KB buffers takes seconds.
      expect(Buffer.from(batch.encodeTerm(t)).equals(encodeBlockValue(block))).toBe(true);
    });
  });

  it("refuse an id a block cannot hold, before adding anything", () => {
    const batch = new BatchPostings();
    for (const id of ["a,b", "é", "", "a b"]) {
      expect(() =>
        batch.add({ id, sessionId: "s", timestamp: 1 }, new Map([["ka", 1]]), 1),
      ).toThrow(RangeError);
    }
    expect(batch.terms).toEqual([]);
  });
});
