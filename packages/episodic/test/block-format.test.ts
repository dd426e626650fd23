/**
 * The write path's stored formats: posting blocks in format 2 (binary, checksummed) round-trip
 * every column and refuse a flipped byte; blocks in format 1 (JSON, written before) are still
 * searched and rewritten by deletes; turns no longer get age entries, and retention finds both
 * the new turns (by their time-prefixed ids) and older ones (by their age entries).
 */
import { StorageError, tupleRange } from "@mnemo/core";
import { forEachBackend, manualClock, seededRandom } from "@mnemo/testing";
import { describe, expect, it } from "vitest";
import {
  blockPostings,
  decodeBlockRuns,
  decodeBlockValue,
  encodeBlockValue,
  encodeRuns,
} from "../src/block-codec.js";
import { EpisodicMemory, tokenize } from "../src/index.js";
import {
  ageKey,
  blockKey,
  documentsKey,
  EMPTY,
  lengthKey,
  type PostingBlock,
  pointerCodec,
  pointerKey,
  sessionKey,
  turnCodec,
  turnKey,
} from "../src/keyspace.js";
import { concatBlocks } from "../src/posting-block.js";
import { decodeChunk, encodeChunk } from "../src/stage-codec.js";

const utf8 = new TextEncoder();

describe("posting block format 2", () => {
  it("round-trips every column, unicode sessions and far-apart timestamps included", () => {
    const random = seededRandom(3);
    const n = 300;
    const block: PostingBlock = [
      Array.from({ length: n }, (_, i) => `id${i.toString(36)}`).join(","),
      ["s", "séance 🎉", "x".repeat(256)],
      Array.from({ length: n }, () => Math.floor(random() * 3)),
      Array.from({ length: n }, () => Math.floor(random() * 253_402_300_799_999)),
      Array.from({ length: n }, () => 1 + Math.floor(random() * 900)),
      Array.from({ length: n }, () => Math.floor(random() * 300_000)),
    ];
    expect(decodeBlockValue(encodeBlockValue(block))).toEqual(block);
  });

  it("refuses every single flipped bit as CORRUPTED", () => {
    const block: PostingBlock = [
      "a1,b2,c3",
      ["s1", "s2"],
      [0, 1, 0],
      [10, 5, 1_700_000_000_000],
      [1, 2, 3],
      [9, 8, 7],
    ];
    const bytes = encodeBlockValue(block);
    for (let i = 0; i < bytes.length; i++) {
      for (let bit = 0; bit < 8; bit++) {
        const flipped = bytes.slice();
        flipped[i]! ^= 1 << bit;
        let error: unknown;
        try {
          decodeBlockValue(flipped, "k");
        } catch (e) {
          error = e;
        }
        expect(error, `byte ${i} bit ${bit}`).toBeInstanceOf(StorageError);
        expect((error as StorageError).code).toBe("CORRUPTED");
      }
    }
  });
});

const expectCorrupted = (decode: (bytes: Uint8Array) => unknown, bytes: Uint8Array) => {
  for (let i = 0; i < bytes.length; i++) {
    for (let bit = 0; bit < 8; bit++) {
      const flipped = bytes.slice();
      flipped[i]! ^= 1 << bit;
      let error: unknown;
      try {
        decode(flipped);
      } catch (e) {
        error = e;
      }
      expect(error, `byte ${i} bit ${bit}`).toBeInstanceOf(StorageError);
      expect((error as StorageError).code).toBe("CORRUPTED");
    }
  }
};

describe("posting block format 3 (runs) and staged chunks", () => {
  const a: PostingBlock = ["a1,b2", ["s1", "s2"], [0, 1], [10, 5], [1, 2], [9, 8]];
  const b: PostingBlock = ["c3", ["séance"], [0], [1_700_000_000_000], [3], [7]];

  it("reads runs as they were written, and as one block", () => {
    const runs = encodeRuns([encodeBlockValue(a), encodeBlockValue(b)]);
    expect(decodeBlockRuns(runs)).toEqual([a, b]);
    expect(decodeBlockValue(runs)).toEqual(concatBlocks([a, b]));
    expect(decodeBlockRuns(encodeBlockValue(a))).toEqual([a]);
  });

  it("counts a value's postings from its headers, and never throws on bytes that are not one", () => {
    const big: PostingBlock = [
      Array.from({ length: 300 }, (_, i) => `t${i}`).join(","),
      ["s"],
      new Array(300).fill(0),
      Array.from({ length: 300 }, (_, i) => i),
      new Array(300).fill(1),
      new Array(300).fill(4),
    ];
    expect(blockPostings(encodeBlockValue(a))).toBe(2);
    expect(blockPostings(encodeBlockValue(big))).toBe(300);
    expect(
      blockPostings(encodeRuns([encodeBlockValue(a), encodeBlockValue(big), encodeBlockValue(b)])),
    ).toBe(303);
    for (const junk of [
      new Uint8Array(),
      Uint8Array.of(2),
      Uint8Array.of(3, 0xff),
      Uint8Array.of(9, 1),
    ]) {
      expect(blockPostings(junk)).toBeGreaterThanOrEqual(0);
    }
  });

  it("reads a chunk's blocks by term", () => {
    const chunk = encodeChunk([
      ["alpha", a],
      ["bêta", b],
    ]);
    const blocks = decodeChunk(chunk);
    expect([...blocks.keys()]).toEqual(["alpha", "bêta"]);
    expect(decodeBlockValue(blocks.get("bêta")!)).toEqual(b);
  });

  it("refuses every single flipped bit as CORRUPTED", () => {
    expectCorrupted(
      (bytes) => decodeBlockRuns(bytes, "k"),
      encodeRuns([encodeBlockValue(a), encodeBlockValue(b)]),
    );
    expectCorrupted(
      (bytes) => decodeChunk(bytes, "k"),
      encodeChunk([
        ["alpha", a],
        ["beta", b],
      ]),
    );
  });
});

forEachBackend((backend) => {
  describe("stores written before format 2", () => {
    it("search and delete format 1 blocks, and retention finds turns by age entry or id", async () => {
      const store = await backend.open({ namespace: "episodic" });
      // Two turns as the previous version wrote them: one JSON block, age entries.
      const ids = ["0000000000a0001aaaaaaaa", "0000000000b0002bbbbbbbb"];
      const contents = ["router reset", "router lights"];
      const block: PostingBlock = [ids.join(","), ["s"], [0, 0], [10, 11], [1, 1], [2, 2]];
      const json = utf8.encode(JSON.stringify(block));
      const v1 = new Uint8Array(json.length + 1);
      v1[0] = 1;
      v1.set(json, 1);
      const ops = ids.flatMap((id, i) => {
        const timestamp = 10 + i;
        const terms = tokenize(contents[i]!);
        const turn = {
          id,
          sessionId: "s",
          role: "user" as const,
          content: contents[i]!,
          timestamp,
        };
        return [
          { type: "put" as const, key: turnKey("s", timestamp, id), value: turnCodec.encode(turn) },
          {
            type: "put" as const,
            key: pointerKey(id),
            value: pointerCodec.encode({
              sessionId: "s",
              timestamp,
              length: 2,
              terms,
              block: ids[0]!,
            }),
          },
          { type: "put" as const, key: ageKey(timestamp, "s", id), value: EMPTY },
        ];
      });
      ops.push({ type: "put", key: blockKey("router", ids[0]!), value: v1 });
      ops.push({ type: "put", key: blockKey("reset", ids[0]!), value: v1.slice() });
      await store.write(ops);
      await store.commit(
        [],
        [
          { type: "sum", key: documentsKey(0), delta: 2n },
          { type: "sum", key: lengthKey(0), delta: 4n },
          { type: "sum", key: sessionKey("s"), delta: 2n },
        ],
      );
      const memory = new EpisodicMemory(store, { clock: manualClock(1_000) });
      const fresh = await memory.appendBatch([
        { sessionId: "s", role: "user", content: "router manual", timestamp: 20 },
        { sessionId: "s", role: "user", content: "router again", timestamp: 30 },
      ]);
      expect((await memory.search("router", { limit: 10 })).map((h) => h.turn.id).sort()).toEqual(
        [...ids, ...fresh.map((t) => t.id)].sort(),
      );
      // The new turns have no age entries; the two old ones still do.
      let ages = 0;
      for await (const _ of store.scan(tupleRange(["age"]))) ages++;
      expect(ages).toBe(2);
      // A delete rewrites the format 1 block (in format 2).
      expect(await memory.delete(ids[1]!)).toBe(true);
      const rewritten = await store.get(blockKey("router", ids[0]!));
      expect(rewritten?.[0]).toBe(2);
      // Retention: the old turn by its age entry, the first new one by its id; 30 stays.
      expect(await memory.deleteOlderThan(30)).toBe(2);
      expect((await memory.search("router")).map((h) => h.turn.id)).toEqual([fresh[1]!.id]);
      for await (const _ of store.scan(tupleRange(["age"]))) expect.fail(`age entry ${_[0]} left`);
      expect(await memory.stats()).toEqual({ documents: 1, totalLength: 2 });
    });
  });
});
