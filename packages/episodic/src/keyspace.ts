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

/** ("stats", writerId) → one writer's share of the corpus statistics BM25 needs. */
export const statsKey = (writerId: string) => key("stats", writerId);
export const STATS_PREFIX: Tuple = ["stats"];

export interface TurnPointer {
  readonly sessionId: string;
  readonly timestamp: number;
  /** Document length in terms. */
  readonly length: number;
  /** Distinct terms, whose postings a delete removes. */
  readonly terms: readonly string[];
  /** Set while a delete holds the turn: who, and since when (clock ms). */
  readonly deleting?: { readonly by: string; readonly at: number };
}

/** [sessionId, timestamp, term frequency, document length] */
export type Posting = readonly [string, number, number, number];

export interface WriterStats {
  readonly documents: number;
  readonly length: number;
}

export const turnCodec = jsonRecordCodec<Turn>(1);
export const pointerCodec = jsonRecordCodec<TurnPointer>(1);
export const postingCodec = jsonRecordCodec<Posting>(1);
export const statsCodec = jsonRecordCodec<WriterStats>(1);
export const EMPTY = new Uint8Array(0);
