/** Every key the episodic component writes; the README's keyspace table mirrors this file. */
import { crc32 } from "node:zlib";
import { jsonRecordCodec, key, type RecordCodec, type Tuple, tupleRange } from "@mnemo/core";
import { BLOCK_FORMAT, decodeBlockValue, encodeBlockValue } from "./block-codec.js";
import type { Turn } from "./turn.js";
import { timestampPrefix } from "./turn-id.js";

/** ("turn", sessionId, timestamp, id) → the turn: a session's turns in time order. */
export const turnKey = (sessionId: string, timestamp: number, id: string) =>
  key("turn", sessionId, timestamp, id);
export const sessionPrefix = (sessionId: string): Tuple => ["turn", sessionId];

/**
 * ("id", id) → where the turn lives and what it indexed, so it can be found and unindexed.
 * Ids start with their timestamp (`turn-id.ts`), so these keys are also every turn by time:
 * retention reads the pointers below `idsBefore(cutoff)`.
 */
export const pointerKey = (id: string) => key("id", id);
export const POINTER_PREFIX: Tuple = ["id"];
/** The first pointer key of a turn stamped `timestamp` or later. */
export const idsBefore = (timestamp: number) => key("id", timestampPrefix(timestamp));

/**
 * 0.1's retention index: ("age", timestamp, sessionId, id) → empty. No longer written (the
 * pointers sort by time); retention still walks it and deletes remove it, for older turns.
 */
export const ageKey = (timestamp: number, sessionId: string, id: string) =>
  key("age", timestamp, sessionId, id);
export const AGE_PREFIX: Tuple = ["age"];

/**
 * ("block", term, blockId) → posting block: the postings of one term for the turns one append
 * call wrote (up to 500), in one value. `blockId` is the first turn id of that call, so a
 * term's blocks are in time order and never shared between two appends.
 */
export const blockKey = (term: string, blockId: string) => key("block", term, blockId);
export const blockPrefix = (term: string): Tuple => ["block", term];
/**
 * ("block", term, null) → empty, rewritten by every flush commit that writes a block of `term`
 * (`staging.ts`), so its version changes. It sorts before the term's blocks, so a search reads it in the same scan as
 * them: a flush committed after that scan changes it, and the search reads it again at the end.
 */
export const flushesKey = (term: string) => key("block", term, null);
/** The scan range of a term's blocks, its flush counter left out. */
export const blockRange = (term: string) => {
  const range = tupleRange(blockPrefix(term));
  return { gt: flushesKey(term), ...(range.lt === undefined ? {} : { lt: range.lt }) };
};

/**
 * ("stage", chunk, segmentId) → staged chunk (`stage-codec.ts`): the posting blocks one append
 * call wrote for the terms of `chunk` (`chunkOf`), until a flush moves them to
 * ("block", term, segmentId) (`staging.ts`). A batch writes one value per chunk (at most 64)
 * instead of one per distinct term (~2,700 for 500 turns of a 3,000-word vocabulary).
 */
export const STAGE_CHUNKS = 64;
/** The chunk of a term: fixed by the stored format, never change it. */
export const chunkOf = (term: string): number => crc32(term) % STAGE_CHUNKS;
export const stageKey = (chunk: number, segment: string) => key("stage", chunk, segment);
/**
 * ("stage", chunk, null) → empty, rewritten by every flush commit that takes chunks of `chunk`
 * (a new version each time); sorts before them, so a search reads it in the same scan.
 */
export const chunkFlushesKey = (chunk: number) => key("stage", chunk, null);
export const stagePrefix = (chunk: number): Tuple => ["stage", chunk];
export const STAGE_PREFIX: Tuple = ["stage"];

/** 0.1's layout: ("post", term, id) → one posting per key. Read and deleted, never written. */
export const legacyPostingKey = (term: string, id: string) => key("post", term, id);
export const legacyTermPrefix = (term: string): Tuple => ["post", term];
export const LEGACY_POSTING_PREFIX: Tuple = ["post"];

/** ("session", sessionId) → counter: the session's turns (`count`, `listSessions`). */
export const sessionKey = (sessionId: string) => key("session", sessionId);
export const SESSION_PREFIX: Tuple = ["session"];

/**
 * ("corpus", shard, "documents" | "length") → counters summed by search: the corpus
 * statistics BM25 needs, spread over a fixed number of shards so concurrent writers on
 * PostgreSQL do not all wait for one row's lock.
 */
export const CORPUS_SHARDS = 8;
export const documentsKey = (shard: number) => key("corpus", shard, "documents");
export const lengthKey = (shard: number) => key("corpus", shard, "length");

/**
 * ("deletes", shard) → counter: bumped (`sum`, on a random shard) by every delete commit, so
 * a merge of posting blocks checks these 8 keys instead of each block it read: a delete that
 * rewrote any block since the merge read them changes one, and the merge commit fails.
 */
export const DELETE_SHARDS = 8;
export const deletesKey = (shard: number) => key("deletes", shard);
export const DELETES_KEYS: readonly string[] = Array.from({ length: DELETE_SHARDS }, (_, i) =>
  deletesKey(i),
);

/**
 * ("corpus", "delta", name) → a statistics delta not yet added to the corpus counters:
 * written in the same atomic write as a batch too large for one checked commit, then merged
 * into the counters by a checked commit that deletes it (so it is added once). Under the
 * counters' prefix, so one scan of `CORPUS_PREFIX` reads the counters and the deltas.
 */
export const deltaKey = (name: string) => key("corpus", "delta", name);
export const DELTA_PREFIX: Tuple = ["corpus", "delta"];
export const CORPUS_PREFIX: Tuple = ["corpus"];
/**
 * Where earlier versions wrote deltas: ("stats", name), with 0.1's per-writer shards of the same
 * shape. Read and merged the same way, never written.
 */
export const LEGACY_DELTA_PREFIX: Tuple = ["stats"];

export interface TurnPointer {
  readonly sessionId: string;
  readonly timestamp: number;
  /** Document length in terms. */
  readonly length: number;
  /** Distinct terms, whose postings a delete removes. */
  readonly terms: readonly string[];
  /** The block id of those postings; absent for a turn indexed by 0.1 (one key a posting). */
  readonly block?: string;
}

/** 0.1's posting: [sessionId, timestamp, term frequency, document length] */
export type Posting = readonly [string, number, number, number];

/**
 * A posting block, column by column: turn ids joined by "," (ids are base-36), the distinct
 * session ids, then per posting the index of its session, its timestamp, term frequency and
 * document length. Columns of numbers parse far faster than one object per posting.
 */
export type PostingBlock = readonly [
  ids: string,
  sessions: readonly string[],
  session: readonly number[],
  timestamps: readonly number[],
  tfs: readonly number[],
  lengths: readonly number[],
];

export interface StatsDelta {
  readonly documents: number;
  readonly length: number;
  /** Turns added per session. */
  readonly sessions?: Readonly<Record<string, number>>;
}

const utf8 = new TextEncoder();

/**
 * `jsonRecordCodec`'s format (a version byte, then JSON) for values this component builds from
 * input it validated already: encoding skips the JSON walk (a third of an append's time).
 */
function validatedRecordCodec<T>(version: number): RecordCodec<T> {
  const codec = jsonRecordCodec<T>(version);
  return {
    version,
    decode: codec.decode,
    encode(value: T): Uint8Array {
      const json = JSON.stringify(value);
      const out = new Uint8Array(Buffer.byteLength(json) + 1);
      out[0] = version;
      utf8.encodeInto(json, out.subarray(1));
      return out;
    },
  };
}

export const turnCodec = validatedRecordCodec<Turn>(1);
export const pointerCodec = validatedRecordCodec<TurnPointer>(1);
export const postingCodec = jsonRecordCodec<Posting>(1);
/** Binary and checksummed (`block-codec.ts`); format 1 (JSON) blocks are still read. */
export const blockCodec: RecordCodec<PostingBlock> = {
  version: BLOCK_FORMAT,
  encode: encodeBlockValue,
  decode: decodeBlockValue,
};
export const deltaCodec = jsonRecordCodec<StatsDelta>(1);
export const EMPTY = new Uint8Array(0);
