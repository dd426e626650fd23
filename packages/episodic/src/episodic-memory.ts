/**
 * Episodic memory: conversation turns per session, read in time order and searched by BM25
 * over an inverted index kept in the same backend. A turn, its indexes and its postings are
 * written in one atomic `write()`.
 */
import { randomUUID } from "node:crypto";
import {
  type Clock,
  compareKeys,
  decodeTuple,
  describe,
  invalidArgument,
  type ScanOptions,
  type StorageBackend,
  systemClock,
  tupleBetween,
  tupleRange,
  type WriteOp,
} from "@mnemo/core";
import { decodeCursor, encodeCursor } from "./cursor.js";
import {
  AGE_PREFIX,
  ageKey,
  EMPTY,
  type Posting,
  pointerCodec,
  pointerKey,
  postingCodec,
  postingKey,
  STATS_PREFIX,
  sessionPrefix,
  statsCodec,
  statsKey,
  type TurnPointer,
  termPrefix,
  turnCodec,
  turnKey,
  type WriterStats,
} from "./keyspace.js";
import { Mutex } from "./mutex.js";
import { termFrequencies, tokenize } from "./tokenizer.js";
import {
  assertEpochMs,
  assertLimit,
  assertRole,
  assertSessionId,
  assertTimeRange,
  type Role,
  type Turn,
  type TurnInput,
  validateTurnInput,
} from "./turn.js";
import { newTurnId } from "./turn-id.js";

export interface EpisodicMemoryOptions {
  /** Default: `Date`. */
  readonly clock?: Clock;
  /** BM25 term-frequency saturation; default 1.2. */
  readonly k1?: number;
  /** BM25 length normalisation; default 0.75. */
  readonly b?: number;
  /** How long a delete that died half-way keeps others from the turns it claimed; default 30 s. */
  readonly deleteLeaseMs?: number;
}

export interface ReadOptions {
  /** Default "asc" (oldest first). */
  readonly order?: "asc" | "desc";
  /** Epoch ms, inclusive. */
  readonly from?: number;
  /** Epoch ms, exclusive. */
  readonly to?: number;
  /** Only turns with one of these roles. */
  readonly roles?: readonly Role[];
  /** Default 100. */
  readonly limit?: number;
  /** From the previous page. */
  readonly cursor?: string;
}

export interface TurnPage {
  readonly turns: Turn[];
  /** Present when the page is full: pass it back for the next page (which may be empty). */
  readonly cursor?: string;
}

export interface SearchOptions {
  readonly sessionId?: string;
  /** Epoch ms, inclusive. */
  readonly from?: number;
  /** Epoch ms, exclusive. */
  readonly to?: number;
  /** Default 10. */
  readonly limit?: number;
}

export interface SearchHit {
  readonly turn: Turn;
  /** BM25; higher is better. */
  readonly score: number;
}

export interface CorpusStats {
  /** Turns indexed. */
  readonly documents: number;
  /** Sum of their lengths in terms. */
  readonly totalLength: number;
}

const DEFAULT_READ_LIMIT = 100;
const DEFAULT_SEARCH_LIMIT = 10;
/** Turns a delete claims and removes per write. */
const DELETE_CHUNK = 256;

export class EpisodicMemory {
  readonly #store: StorageBackend;
  readonly #clock: Clock;
  readonly #k1: number;
  readonly #b: number;
  readonly #leaseMs: number;
  /**
   * Corpus statistics are sharded by writer: this instance owns the key `("stats", writerId)`
   * and is its only writer, so it updates it inside each turn's atomic write without a
   * read-modify-write race; readers sum the shards.
   */
  readonly #writerId = randomUUID();
  /** This writer's shard as stored; `undefined` after a failed write, until it is read back. */
  #shard: WriterStats | undefined = { documents: 0, length: 0 };
  readonly #shardLock = new Mutex();

  constructor(store: StorageBackend, options: EpisodicMemoryOptions = {}) {
    this.#store = store;
    this.#clock = options.clock ?? systemClock;
    this.#k1 = options.k1 ?? 1.2;
    this.#b = options.b ?? 0.75;
    this.#leaseMs = options.deleteLeaseMs ?? 30_000;
    if (!(this.#k1 >= 0) || !(this.#b >= 0 && this.#b <= 1) || !(this.#leaseMs >= 0)) {
      throw invalidArgument("options", "needs k1 >= 0, 0 <= b <= 1 and deleteLeaseMs >= 0");
    }
  }

  /** Appends one turn and returns it with its id and timestamp. */
  async append(input: TurnInput): Promise<Turn> {
    const [turn] = await this.#appendAll([input], false);
    return turn!;
  }

  /** Appends turns in one atomic write: all or none. */
  async appendBatch(inputs: readonly TurnInput[]): Promise<Turn[]> {
    if (!Array.isArray(inputs))
      throw invalidArgument("turns", `must be an array, got ${describe(inputs)}`);
    return this.#appendAll(inputs, true);
  }

  async #appendAll(inputs: readonly TurnInput[], batch: boolean): Promise<Turn[]> {
    const now = this.#clock.now();
    const turns = inputs.map((input, i): Turn => {
      const fields = validateTurnInput(input, batch ? i : -1, now);
      return { id: newTurnId(fields.timestamp), ...fields };
    });
    if (turns.length === 0) return [];
    const ops: WriteOp[] = [];
    let documents = 0;
    let length = 0;
    for (const turn of turns) {
      const { frequencies, length: dl } = termFrequencies(turn.content);
      const pointer: TurnPointer = {
        sessionId: turn.sessionId,
        timestamp: turn.timestamp,
        length: dl,
        terms: [...frequencies.keys()],
      };
      ops.push(
        {
          type: "put",
          key: turnKey(turn.sessionId, turn.timestamp, turn.id),
          value: turnCodec.encode(turn),
        },
        { type: "put", key: pointerKey(turn.id), value: pointerCodec.encode(pointer) },
        { type: "put", key: ageKey(turn.timestamp, turn.sessionId, turn.id), value: EMPTY },
      );
      for (const [term, tf] of frequencies) {
        const posting: Posting = [turn.sessionId, turn.timestamp, tf, dl];
        ops.push({
          type: "put",
          key: postingKey(term, turn.id),
          value: postingCodec.encode(posting),
        });
      }
      documents += 1;
      length += dl;
    }
    await this.#writeWithStats(ops, documents, length);
    return turns;
  }

  /** Applies `ops` together with this writer's statistics shard moved by the deltas. */
  #writeWithStats(ops: WriteOp[], documents: number, length: number): Promise<void> {
    return this.#shardLock.run(async () => {
      const k = statsKey(this.#writerId);
      // A write that failed may still have committed (a dropped connection): only the store
      // knows, and as the shard's only writer this instance can read it back safely.
      if (this.#shard === undefined) {
        const stored = await this.#store.get(k);
        this.#shard =
          stored === undefined ? { documents: 0, length: 0 } : statsCodec.decode(stored, k);
      }
      const next = {
        documents: this.#shard.documents + documents,
        length: this.#shard.length + length,
      };
      try {
        await this.#store.write([...ops, { type: "put", key: k, value: statsCodec.encode(next) }]);
      } catch (error) {
        this.#shard = undefined;
        throw error;
      }
      this.#shard = next;
    });
  }

  /** One turn by id, or `undefined`. */
  async get(id: string): Promise<Turn | undefined> {
    assertTurnId(id);
    const bytes = await this.#store.get(pointerKey(id));
    if (bytes === undefined) return undefined;
    const pointer = pointerCodec.decode(bytes, pointerKey(id));
    const k = turnKey(pointer.sessionId, pointer.timestamp, id);
    const turn = await this.#store.get(k);
    return turn === undefined ? undefined : turnCodec.decode(turn, k);
  }

  /** A page of a session's turns, in time order (or reverse), filtered by time and role. */
  async list(sessionId: string, options: ReadOptions = {}): Promise<TurnPage> {
    assertSessionId(sessionId);
    const { order = "asc", from, to, roles, limit = DEFAULT_READ_LIMIT, cursor } = options;
    if (order !== "asc" && order !== "desc") {
      throw invalidArgument("order", `must be "asc" or "desc", got ${describe(order)}`);
    }
    assertTimeRange(from, to);
    assertLimit(limit);
    let roleSet: ReadonlySet<Role> | undefined;
    if (roles !== undefined) {
      if (!Array.isArray(roles))
        throw invalidArgument("roles", `must be an array, got ${describe(roles)}`);
      for (const [i, role] of roles.entries()) assertRole(role, `roles[${i}]`);
      roleSet = new Set(roles);
    }
    const position = cursor === undefined ? undefined : decodeCursor(cursor);
    if (limit === 0) return { turns: [] };

    const reverse = order === "desc";
    const range = tupleBetween(sessionPrefix(sessionId), from, to);
    const scan: { -readonly [K in keyof ScanOptions]: ScanOptions[K] } = { ...range, reverse };
    if (position !== undefined) {
      const after = turnKey(sessionId, position.timestamp, position.id);
      if (reverse) {
        if (range.lt === undefined || compareKeys(after, range.lt) < 0) scan.lt = after;
      } else if (compareKeys(after, range.gte) >= 0) {
        delete scan.gte;
        scan.gt = after;
      }
    }
    if (roleSet === undefined) scan.limit = limit;

    const turns: Turn[] = [];
    for await (const [k, v] of this.#store.scan(scan)) {
      const turn = turnCodec.decode(v, k);
      if (roleSet !== undefined && !roleSet.has(turn.role)) continue;
      turns.push(turn);
      if (turns.length >= limit) break;
    }
    const last = turns.at(-1);
    return turns.length === limit && last !== undefined
      ? { turns, cursor: encodeCursor(last) }
      : { turns };
  }

  /** The last `n` turns of a session, oldest first. */
  async recent(sessionId: string, n: number): Promise<Turn[]> {
    assertLimit(n, "n");
    const page = await this.list(sessionId, { order: "desc", limit: n });
    return page.turns.reverse();
  }

  /** Number of turns in a session. */
  async count(sessionId: string): Promise<number> {
    assertSessionId(sessionId);
    let n = 0;
    for await (const _ of this.#store.scan(tupleRange(sessionPrefix(sessionId)))) n++;
    return n;
  }

  /** BM25 over turn content; best first. A deleted turn is never returned. */
  async search(query: string, options: SearchOptions = {}): Promise<SearchHit[]> {
    if (typeof query !== "string" || !query.isWellFormed()) {
      throw invalidArgument("query", `must be a well-formed string, got ${describe(query)}`);
    }
    const { sessionId, from, to, limit = DEFAULT_SEARCH_LIMIT } = options;
    if (sessionId !== undefined) assertSessionId(sessionId);
    assertTimeRange(from, to);
    assertLimit(limit);
    const terms = [...new Set(tokenize(query))];
    if (terms.length === 0 || limit === 0) return [];

    const { documents, totalLength } = await this.stats();
    if (documents <= 0) return [];
    const averageLength = Math.max(totalLength / documents, 1);
    const scores = new Map<string, { score: number; sessionId: string; timestamp: number }>();
    for (const term of terms) {
      let df = 0;
      const matches: [id: string, posting: Posting][] = [];
      const range = tupleRange(termPrefix(term));
      for await (const [k, v] of this.#store.scan(range)) {
        df++;
        const posting = postingCodec.decode(v, k);
        const [s, ts] = posting;
        if (sessionId !== undefined && s !== sessionId) continue;
        if ((from !== undefined && ts < from) || (to !== undefined && ts >= to)) continue;
        // Ids are base-36, so the key ends with the plain id between its tag and terminator.
        matches.push([k.slice(range.gte.length + 1, -1), posting]);
      }
      const idf = Math.log(1 + (documents - df + 0.5) / (df + 0.5));
      for (const [id, [s, ts, tf, dl]] of matches) {
        const norm = tf + this.#k1 * (1 - this.#b + (this.#b * dl) / averageLength);
        const score = (idf * tf * (this.#k1 + 1)) / norm;
        const entry = scores.get(id);
        if (entry === undefined) scores.set(id, { score, sessionId: s, timestamp: ts });
        else entry.score += score;
      }
    }
    const best = [...scores]
      .sort(([idA, a], [idB, b]) => b.score - a.score || (idA < idB ? 1 : -1))
      .slice(0, limit);
    const keys = best.map(([id, hit]) => turnKey(hit.sessionId, hit.timestamp, id));
    const found = await this.#store.getBatch(keys);
    const hits: SearchHit[] = [];
    best.forEach(([, hit], i) => {
      const bytes = found.get(keys[i]!);
      if (bytes !== undefined)
        hits.push({ turn: turnCodec.decode(bytes, keys[i]), score: hit.score });
    });
    return hits;
  }

  /** The corpus statistics search ranks with, summed over every writer's shard. */
  async stats(): Promise<CorpusStats> {
    let documents = 0;
    let totalLength = 0;
    for await (const [k, v] of this.#store.scan(tupleRange(STATS_PREFIX))) {
      const shard = statsCodec.decode(v, k);
      documents += shard.documents;
      totalLength += shard.length;
    }
    return { documents, totalLength };
  }

  /** Deletes one turn; false when there was none. */
  async delete(id: string): Promise<boolean> {
    assertTurnId(id);
    return (await this.#removeTurns([id])) === 1;
  }

  /** Deletes every turn of a session; returns how many this call removed. */
  async deleteSession(sessionId: string): Promise<number> {
    assertSessionId(sessionId);
    return this.#removeRange(tupleRange(sessionPrefix(sessionId)), (k) => decodeTuple(k)[3]);
  }

  /** Retention: deletes every turn older than `before` (epoch ms), across all sessions. */
  async deleteOlderThan(before: number): Promise<number> {
    assertEpochMs(before, "before");
    const range = tupleBetween(AGE_PREFIX, undefined, before);
    return this.#removeRange(range, (k) => decodeTuple(k)[3]);
  }

  /** Walks a key range in chunks, removing the turn each key names. */
  async #removeRange(
    range: { gte: string; lt?: string },
    idOf: (key: string) => unknown,
  ): Promise<number> {
    let removed = 0;
    let after: string | undefined;
    for (;;) {
      const scan: ScanOptions =
        after === undefined
          ? { ...range, limit: DELETE_CHUNK }
          : { gt: after, ...(range.lt === undefined ? {} : { lt: range.lt }), limit: DELETE_CHUNK };
      const ids: string[] = [];
      for await (const [k] of this.#store.scan(scan)) {
        ids.push(idOf(k) as string);
        after = k;
      }
      if (ids.length === 0) return removed;
      removed += await this.#removeTurns(ids);
      if (ids.length < DELETE_CHUNK) return removed;
    }
  }

  /**
   * Removes turns with their indexes and postings. Each turn is first claimed with a
   * compare-and-swap on its pointer, so two processes deleting the same turn (two retention
   * jobs, say) remove and count it once and never subtract its statistics twice.
   */
  async #removeTurns(ids: readonly string[]): Promise<number> {
    const found = await this.#store.getBatch(ids.map(pointerKey));
    const now = this.#clock.now();
    const claimed: { id: string; pointer: TurnPointer; before: Uint8Array; marked: Uint8Array }[] =
      [];
    // Claims are independent: send them together rather than one round trip at a time.
    await Promise.all(
      [...new Set(ids)].map(async (id) => {
        const k = pointerKey(id);
        const bytes = found.get(k);
        if (bytes === undefined) return;
        const pointer = pointerCodec.decode(bytes, k);
        if (pointer.deleting !== undefined && now - pointer.deleting.at < this.#leaseMs) return;
        const deleting = { by: this.#writerId, at: now };
        const marked = pointerCodec.encode({ ...pointer, deleting });
        if (await this.#store.compareAndSwap(k, bytes, marked)) {
          claimed.push({ id, pointer, before: bytes, marked });
        }
      }),
    );
    if (claimed.length === 0) return 0;

    const ops: WriteOp[] = [];
    let length = 0;
    for (const { id, pointer } of claimed) {
      ops.push(
        { type: "del", key: turnKey(pointer.sessionId, pointer.timestamp, id) },
        { type: "del", key: pointerKey(id) },
        { type: "del", key: ageKey(pointer.timestamp, pointer.sessionId, id) },
      );
      for (const term of pointer.terms) ops.push({ type: "del", key: postingKey(term, id) });
      length += pointer.length;
    }
    try {
      await this.#writeWithStats(ops, -claimed.length, -length);
    } catch (error) {
      // Give the turns back rather than leave them blocked until the lease runs out.
      for (const c of claimed) {
        await this.#store.compareAndSwap(pointerKey(c.id), c.marked, c.before).catch(() => {});
      }
      throw error;
    }
    return claimed.length;
  }
}

function assertTurnId(id: unknown): asserts id is string {
  if (typeof id !== "string" || id.length === 0 || id.length > 64 || !id.isWellFormed()) {
    throw invalidArgument("id", `must be a turn id, got ${describe(id)}`);
  }
}
