/**
 * Episodic memory: conversation turns per session, read in time order and searched by BM25
 * over an inverted index kept in the same backend. Each concern has its module: `append`,
 * `removal`, `reading`, `search`, `corpus-stats` (the counters BM25 needs).
 */
import {
  decodeCounter,
  type Page,
  requireTimestamp,
  type StorageBackend,
  tupleBetween,
  tupleRange,
} from "@mnemo/core";
import { appendTurns, checkBatch } from "./append.js";
import { type CorpusStats, mergeDeltas, readStats } from "./corpus-stats.js";
import { AGE_PREFIX, idsBefore, POINTER_PREFIX, sessionKey, sessionPrefix } from "./keyspace.js";
import { type Context, type EpisodicMemoryOptions, readContext } from "./options.js";
import {
  countTurns,
  getTurn,
  listSessions,
  listTurns,
  type PageOptions,
  type ReadOptions,
  type SessionInfo,
} from "./reading.js";
import { removeRange, removeTurns } from "./removal.js";
import { type SearchHit, type SearchOptions, search } from "./search.js";
import { requireSessionId, requireTurnId, type Turn, type TurnInput } from "./turn.js";

export const DEFAULT_RECENT = 20;

export class EpisodicMemory {
  readonly #ctx: Context;

  constructor(store: StorageBackend, options?: EpisodicMemoryOptions) {
    this.#ctx = readContext(store, options);
  }

  /** Appends one turn and returns it with its id and timestamp. */
  async append(input: TurnInput): Promise<Turn> {
    const [turn] = await appendTurns(this.#ctx, [input], false);
    return turn!;
  }

  /** Appends up to 500 turns atomically: all or none. */
  appendBatch(inputs: readonly TurnInput[]): Promise<Turn[]> {
    return appendTurns(this.#ctx, checkBatch(inputs), true);
  }

  /** One turn by id, or `undefined`. */
  get(id: string): Promise<Turn | undefined> {
    return getTurn(this.#ctx, id);
  }

  /** A page of a session's turns, in time order (or reverse), filtered by time and role. */
  list(sessionId: string, options?: ReadOptions): Promise<Page<Turn>> {
    return listTurns(this.#ctx, sessionId, options);
  }

  /** The last `limit` turns of a session (default 20, at most 1000), oldest first. */
  async recent(sessionId: string, limit: number = DEFAULT_RECENT): Promise<Turn[]> {
    const page = await listTurns(this.#ctx, sessionId, { order: "desc", limit });
    return [...page.items].reverse();
  }

  /** Number of turns in a session (one counter read). */
  count(sessionId: string): Promise<number> {
    return countTurns(this.#ctx, sessionId);
  }

  /** A page of the sessions that hold turns, in session id order, with their turn counts. */
  listSessions(options?: PageOptions): Promise<Page<SessionInfo>> {
    return listSessions(this.#ctx, options);
  }

  /** BM25 over turn content; best first. A deleted turn is never returned. */
  search(query: string, options?: SearchOptions): Promise<SearchHit[]> {
    return search(this.#ctx, query, options);
  }

  /**
   * The corpus statistics search ranks with. Also merges statistics deltas left by a batch
   * whose process died before merging them (and 0.1's per-writer shards).
   */
  async stats(): Promise<CorpusStats> {
    await mergeDeltas(this.#ctx);
    return readStats(this.#ctx);
  }

  /** Deletes one turn; false when there was none. */
  async delete(id: string): Promise<boolean> {
    return (await removeTurns(this.#ctx, [requireTurnId(id)])) === 1;
  }

  /** Deletes every turn of a session; returns how many this call removed. */
  async deleteSession(sessionId: string): Promise<number> {
    const session = requireSessionId(sessionId);
    const removed = await removeRange(this.#ctx, tupleRange(sessionPrefix(session)));
    // Its counter, now zero unless a turn was appended meanwhile: dropped if it still is.
    const entry = await this.#ctx.store.getEntry(sessionKey(session));
    if (entry !== undefined && decodeCounter(entry.value) === 0n) {
      await this.#ctx.store.commit(
        [{ key: sessionKey(session), version: entry.version }],
        [{ type: "del", key: sessionKey(session) }],
      );
    }
    return removed;
  }

  /** Retention: deletes every turn older than `before` (epoch ms), across all sessions. */
  async deleteOlderThan(before: number): Promise<number> {
    const cutoff = requireTimestamp(before, "before");
    // Turns stored before 0.2 by their age entries; the rest by their time-prefixed ids.
    let removed = await removeRange(this.#ctx, tupleBetween(AGE_PREFIX, undefined, cutoff));
    const pointers = tupleRange(POINTER_PREFIX);
    removed += await removeRange(this.#ctx, { gte: pointers.gte, lt: idsBefore(cutoff) });
    await mergeDeltas(this.#ctx);
    return removed;
  }
}
