/**
 * The byte-level merge of posting blocks (`block-merge.ts`) writes exactly what decoding,
 * concatenating and encoding the same values writes, for any blocks in formats 1, 2 and 3;
 * it refuses what a decode refuses, and merges nothing past its posting limit.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { decodeBlockValue, encodeBlockValue, encodeRuns } from "../src/block-codec.js";
import { mergeBlockValues } from "../src/block-merge.js";
import type { PostingBlock } from "../src/keyspace.js";
import { concatBlocks, encodeBlock } from "../src/posting-block.js";

const posting: fc.Arbitrary<Posting> = fc.record({
  id: fc.stringMatching(/^[0-9a-z]{1,23}$/),
  session: fc.constantFrom("s1", "s2", "é-ü", "𝄞 chat", "s5"),
  // Far apart and out of order: deltas negative and past 2^31.
  timestamp: fc.oneof(fc.integer({ min: 0, max: 2 ** 45 }), fc.integer({ min: 0, max: 100 })),
  tf: fc.integer({ min: 1, max: 300 }),
  length: fc.integer({ min: 1, max: 100_000 }),
});

interface Posting {
  readonly id: string;
  readonly session: string;
  readonly timestamp: number;
  readonly tf: number;
  readonly length: number;
}

const blockOf = (postings: readonly Posting[]): PostingBlock =>
  encodeBlock(postings.map(({ session, ...p }) => ({ ...p, sessionId: session })));

/** A stored value of one to three blocks: format 2, format 3 (runs) or format 1 (JSON). */
const stored = fc
  .tuple(
    fc.array(fc.array(posting, { minLength: 1, maxLength: 12 }), { minLength: 1, maxLength: 3 }),
    fc.constantFrom("binary", "runs", "json"),
  )
  .map(([blocks, form]) => {
    const encoded = blocks.map((b) => encodeBlockValue(blockOf(b)));
    if (form === "runs") return encodeRuns(encoded);
    if (form === "json" || encoded.length > 1) {
      const block = concatBlocks(encoded.map((v) => decodeBlockValue(v)));
      if (form === "binary") return encodeBlockValue(block);
      return Uint8Array.of(JSON_FORMAT, ...new TextEncoder().encode(JSON.stringify(block)));
    }
    return encoded[0]!;
  });

/** Format 1: the block's columns as JSON, as blocks were written before 0.2. */
const JSON_FORMAT = 1;

const reference = (values: readonly Uint8Array[]) =>
  encodeBlockValue(concatBlocks(values.map((v) => decodeBlockValue(v))));

describe("byte-level block merge", () => {
  it("writes what decode, concatenate and encode write, for any stored blocks", () => {
    fc.assert(
      fc.property(fc.array(stored, { minLength: 1, maxLength: 8 }), (values) => {
        const merged = mergeBlockValues(values, "k", 1_000_000);
        expect(Buffer.from(merged!)).toEqual(Buffer.from(reference(values)));
      }),
      { numRuns: 300 },
    );
  });

  it("merges nothing past the posting limit", () => {
    const value = encodeBlockValue(
      blockOf([{ id: "a", session: "s", timestamp: 1, tf: 1, length: 1 }]),
    );
    expect(mergeBlockValues([value, value, value], "k", 3)).toBeDefined();
    expect(mergeBlockValues([value, value, value], "k", 2)).toBeUndefined();
  });

  it("refuses a flipped byte anywhere and a truncated run, as a decode does", () => {
    const a = encodeBlockValue(
      blockOf([
        { id: "a1", session: "s1", timestamp: 5, tf: 2, length: 10 },
        { id: "a2", session: "s2", timestamp: 3, tf: 1, length: 7 },
      ]),
    );
    const b = encodeRuns([a, a]);
    for (const value of [a, b]) {
      for (let i = 0; i < value.length; i++) {
        const flipped = Uint8Array.from(value);
        flipped[i]! ^= 0x10;
        let decodeRefused = false;
        try {
          decodeBlockValue(flipped, "k");
        } catch {
          decodeRefused = true;
        }
        const merge = () => mergeBlockValues([a, flipped], "k", 100);
        if (decodeRefused)
          expect(merge, `byte ${i}`).toThrow(expect.objectContaining({ code: "CORRUPTED" }));
      }
    }
    expect(() => mergeBlockValues([a, b.subarray(0, b.length - 1)], "k", 100)).toThrow(
      expect.objectContaining({ code: "CORRUPTED" }),
    );
  });
});
