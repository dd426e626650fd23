/** Every key the episodic component writes; the README's keyspace table mirrors this file. */
import { jsonRecordCodec, key, type Tuple } from "@mnemo/core";
import type { Turn } from "./turn.js";

/** ("turn", sessionId, timestamp, id) → the turn: a session's turns in time order. */
export const turnKey = (sessionId: string, timestamp: number, id: string) =>
  key("turn", sessionId, timestamp, id);
export const sessionPrefix = (sessionId: string): Tuple => ["turn", sessionId];

/** ("id", id) → where the turn lives and what it indexed, so it can be found and unindexed. */
export const pointerKey = (id: string) => key("id", id);

/** ("age", timestamp, sessionId, id) → empty: every turn by time, for retention. */
export const ageKey = (timestamp: number, sessionId: string, id: string) =>
  key("age", timestamp, sessionId, id);
export const AGE_PREFIX: Tuple = ["age"];

/** ("post", term, id) → posting: the inverted index for full-text search. */
export const postingKey = (term: string, id: string) => key("post", term, id);
export const termPrefix = (term: string): Tuple => ["post", term];

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
 * ("stats", name) → a statistics delta not yet added to the corpus counters: written in the
 * same atomic write as a batch too large for one checked commit, then merged into the
 * counters by a checked commit that deletes it (so it is added once). 0.1's per-writer
 * shards have the same shape and are merged the same way.
 */
export const deltaKey = (name: string) => key("stats", name);
export const DELTA_PREFIX: Tuple = ["stats"];

export interface TurnPointer {
  readonly sessionId: string;
  readonly timestamp: number;
  /** Document length in terms. */
  readonly length: number;
  /** Distinct terms, whose postings a delete removes. */
  readonly terms: readonly string[];
}

/** [sessionId, timestamp, term frequency, document length] */
export type Posting = readonly [string, number, number, number];

export interface StatsDelta {
  readonly documents: number;
  readonly length: number;
  /** Turns added per session. */
  readonly sessions?: Readonly<Record<string, number>>;
}

export const turnCodec = jsonRecordCodec<Turn>(1);
export const pointerCodec = jsonRecordCodec<TurnPointer>(1);
export const postingCodec = jsonRecordCodec<Posting>(1);
export const deltaCodec = jsonRecordCodec<StatsDelta>(1);
export const EMPTY = new Uint8Array(0);
