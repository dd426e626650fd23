/**
 * Sessions with a fixed or sliding TTL. The session record is the truth; an expiry index in
 * key order lets `sweepExpired` read only what has expired. Every change of a record and
 * its index entries is one checked commit guarded by the record's version, so a touch and
 * a sweep (or two sweeps, from any number of processes) never both win, and no index entry
 * is ever left stale.
 */
import { randomUUID } from "node:crypto";
import {
  assertBlake3Hex,
  describe,
  encodeCursor,
  invalidArgument,
  optional,
  type Page,
  page,
  requireClock,
  requireDuration,
  requireId,
  requireLimit,
  requireOptions,
  requirePositiveInteger,
  requireTimestamp,
  type ScanOptions,
  type StorageBackend,
  StorageError,
  transact,
  tupleRange,
} from "@mnemo/core";
import {
  type Context,
  clockReader,
  contended,
  isLive,
  notFound,
  publicView,
  readCursor,
  readSession,
} from "./context.js";
import {
  artifactCodec,
  artifactKey,
  artifactPrefix,
  EMPTY,
  expiryKey,
  requireFits,
  SESSION_PREFIX,
  type SessionRecord,
  sessionCodec,
  sessionKey,
  snapshotCodec,
  snapshotKey,
  snapshotPrefix,
} from "./keyspace.js";
import {
  addOwned,
  DEFAULT_LIST_LIMIT,
  deleteIfPresent,
  listOwned,
  MAX_LIST_LIMIT,
  newSnapshotId,
  SNAPSHOT_ID,
  snapshotNotFound,
} from "./owned.js";
import { removeSession } from "./removal.js";
import {
  type ArtifactLink,
  type CreateSessionInput,
  checkCreate,
  checkLabel,
  expiryAfter,
  jsonCopy,
  type LabelOptions,
  type ListOptions,
  type Session,
  type Snapshot,
} from "./session.js";
import { sweep } from "./sweep.js";

export interface SessionStoreOptions {
  /** Default: the system clock. Every time the store uses comes from it. */
  readonly clock?: { now(): number };
  /**
   * How long a removal that died half-way keeps others from finishing it, in ms; default
   * 30 s. Longer than any removal takes, so a slow remover is never doubled.
   */
  readonly removalLeaseMs?: number;
  /** Commit attempts of one change before `CONFLICT`. Default 100. */
  readonly maxAttempts?: number;
}

const SESSIONS_TAG = "sessions";
const SNAPSHOTS_TAG = "snapshots";
const ARTIFACTS_TAG = "artifacts";

export class SessionStore {
  readonly #ctx: Context;

  constructor(store: StorageBackend, options?: SessionStoreOptions) {
    const opts = requireOptions(options);
    this.#ctx = {
      store,
      now: clockReader(requireClock(opts.clock)),
      leaseMs: optional(opts.removalLeaseMs, "removalLeaseMs", requireDuration) ?? 30_000,
      maxAttempts: requirePositiveInteger(opts.maxAttempts, "maxAttempts", 100),
    };
  }

  /**
   * A new session. A live session with the same id is `FAILED_PRECONDITION`; an expired one
   * not yet swept is removed (with its snapshots and links) and its id reused.
   */
  async create(input: CreateSessionInput): Promise<Session> {
    const checked = checkCreate(input);
    const id = checked.id ?? randomUUID();
    const { store, maxAttempts } = this.#ctx;
    const k = sessionKey(id);
    for (let attempt = 0; attempt < maxAttempts; attempt++) {
      const now = this.#ctx.now();
      const record: SessionRecord = {
        id,
        data: checked.data,
        expiry: checked.expiry,
        ttlMs: checked.ttlMs,
        createdAt: now,
        updatedAt: now,
        expiresAt: expiryAfter(now, checked.ttlMs),
      };
      const encoded = requireFits(store, sessionCodec.encode(record), "session");
      const existing = await readSession(store, id);
      if (existing !== undefined) {
        if (isLive(existing.record, now)) {
          throw new StorageError("FAILED_PRECONDITION", `session ${describe(id)} exists`, {
            details: { sessionId: id },
          });
        }
        // An expired session not yet swept gives its id up now (a claimed one once its
        // remover is done or its lease ran out).
        await removeSession(this.#ctx, id, existing.entry, existing.record, now);
        continue;
      }
      const result = await store.commit(
        [{ key: k, version: null }],
        [
          { type: "put", key: k, value: encoded },
          { type: "put", key: expiryKey(record.expiresAt, id), value: EMPTY },
        ],
      );
      if (result.ok) return publicView(record);
    }
    throw contended(id, maxAttempts);
  }

  /** The session, or `undefined` when it does not exist or has expired (swept or not). */
  async get(id: string): Promise<Session | undefined> {
    requireId(id, "id");
    const found = await readSession(this.#ctx.store, id);
    return found !== undefined && isLive(found.record, this.#ctx.now())
      ? publicView(found.record)
      : undefined;
  }

  /** Live sessions in id order, a page at a time. */
  async listSessions(options?: ListOptions): Promise<Page<Session>> {
    const opts = requireOptions(options);
    const limit = requireLimit(opts.limit, DEFAULT_LIST_LIMIT, MAX_LIST_LIMIT);
    const after =
      opts.cursor === undefined
        ? undefined
        : readCursor(opts.cursor, SESSIONS_TAG, [], "session listing");
    const range = tupleRange(SESSION_PREFIX);
    const bounds: ScanOptions =
      after === undefined
        ? range
        : { gt: sessionKey(after), ...(range.lt ? { lt: range.lt } : {}) };
    const now = this.#ctx.now();
    const items: Session[] = [];
    let scanned = 0;
    let lastId: string | undefined;
    // A page reads at most `limit` records; expired ones are skipped, so it may hold fewer.
    for await (const [key, value] of this.#ctx.store.scan({ ...bounds, limit: limit + 1 })) {
      if (scanned === limit) return page(items, encodeCursor([SESSIONS_TAG, lastId!]));
      scanned++;
      const record = sessionCodec.decode(value, key);
      lastId = record.id;
      if (isLive(record, now)) items.push(publicView(record));
    }
    return page(items, undefined);
  }

  /** Extends a sliding session by its TTL from now; a fixed one is returned unchanged. */
  async touch(id: string): Promise<Session> {
    requireId(id, "id");
    // A fixed session has nothing to write: one read, no commit.
    const found = await readSession(this.#ctx.store, id);
    if (found === undefined || !isLive(found.record, this.#ctx.now())) throw notFound(id);
    if (found.record.expiry === "fixed") return publicView(found.record);
    return this.#update(id, (record, now) =>
      record.expiry === "sliding"
        ? { ...record, expiresAt: expiryAfter(now, record.ttlMs) }
        : undefined,
    );
  }

  /** Replaces the session's data (and extends a sliding session). */
  async update(id: string, data: unknown): Promise<Session> {
    requireId(id, "id");
    const copy = jsonCopy(data, "data");
    return this.#update(id, (record, now) => withData(record, copy, now));
  }

  /** Ends a session now: it and its snapshots and links are removed. False if it was not live. */
  async end(id: string): Promise<boolean> {
    requireId(id, "id");
    for (let attempt = 0; attempt < this.#ctx.maxAttempts; attempt++) {
      const now = this.#ctx.now();
      const found = await readSession(this.#ctx.store, id);
      if (found === undefined || !isLive(found.record, now)) return false;
      if (await removeSession(this.#ctx, id, found.entry, found.record, now)) return true;
    }
    throw contended(id, this.#ctx.maxAttempts);
  }

  /**
   * Removes every session expired at `now` — the clock's time; an explicit `now` may only be
   * earlier (a caller cannot sweep live sessions by naming a future instant). Reads only the
   * expired part of the expiry index. Returns how many this call removed: safe to run from
   * several processes at once, and each session is counted by exactly one of them.
   */
  async sweepExpired(now?: number): Promise<number> {
    const clockNow = this.#ctx.now();
    const at = optional(now, "now", requireTimestamp) ?? clockNow;
    if (at > clockNow) {
      throw invalidArgument("now", `(${at}) must not be later than the clock (${clockNow})`);
    }
    return sweep(this.#ctx, at, clockNow);
  }

  /** Saves a copy of the session's current data. */
  async saveSnapshot(sessionId: string, options?: LabelOptions): Promise<Snapshot> {
    requireId(sessionId, "sessionId");
    const label = optional(requireOptions(options).label, "label", checkLabel);
    return addOwned(this.#ctx, sessionId, (data, now) => {
      const snapshot: Snapshot = {
        id: newSnapshotId(now),
        sessionId,
        createdAt: now,
        ...(label === undefined ? {} : { label }),
        data,
      };
      const value = requireFits(this.#ctx.store, snapshotCodec.encode(snapshot), "snapshot");
      return [snapshotKey(sessionId, snapshot.id), value, snapshot];
    });
  }

  /** The session's snapshots, oldest first, a page at a time. */
  async listSnapshots(sessionId: string, options?: ListOptions): Promise<Page<Snapshot>> {
    requireId(sessionId, "sessionId");
    return listOwned(
      this.#ctx,
      sessionId,
      snapshotPrefix(sessionId),
      SNAPSHOTS_TAG,
      requireOptions(options),
      (k, v) => snapshotCodec.decode(v, k),
      (s) => s.id,
    );
  }

  /** Sets the session's data back to a snapshot's. */
  async restoreSnapshot(sessionId: string, snapshotId: string): Promise<Session> {
    requireId(sessionId, "sessionId");
    requireId(snapshotId, "snapshotId");
    if (!SNAPSHOT_ID.test(snapshotId)) throw snapshotNotFound(sessionId, snapshotId);
    const k = snapshotKey(sessionId, snapshotId);
    return this.#update(sessionId, async (record, now, read) => {
      const bytes = await read(k);
      if (bytes === undefined) throw snapshotNotFound(sessionId, snapshotId);
      return withData(record, snapshotCodec.decode(bytes, k).data, now);
    });
  }

  /** Links an artifact by its blake3 hash; linking it again replaces the label. */
  async linkArtifact(
    sessionId: string,
    hash: string,
    options?: LabelOptions,
  ): Promise<ArtifactLink> {
    requireId(sessionId, "sessionId");
    assertBlake3Hex(hash, "hash");
    const label = optional(requireOptions(options).label, "label", checkLabel);
    return addOwned(this.#ctx, sessionId, (_data, now) => {
      const link: ArtifactLink = {
        hash,
        linkedAt: now,
        ...(label === undefined ? {} : { label }),
      };
      return [artifactKey(sessionId, hash), artifactCodec.encode(link), link];
    });
  }

  /** False when the link was not there. */
  async unlinkArtifact(sessionId: string, hash: string): Promise<boolean> {
    requireId(sessionId, "sessionId");
    assertBlake3Hex(hash, "hash");
    return deleteIfPresent(this.#ctx.store, artifactKey(sessionId, hash), this.#ctx.maxAttempts);
  }

  /** The session's artifact links, by hash, a page at a time. */
  async listArtifacts(sessionId: string, options?: ListOptions): Promise<Page<ArtifactLink>> {
    requireId(sessionId, "sessionId");
    return listOwned(
      this.#ctx,
      sessionId,
      artifactPrefix(sessionId),
      ARTIFACTS_TAG,
      requireOptions(options),
      (k, v) => artifactCodec.decode(v, k),
      (l) => l.hash,
    );
  }

  /**
   * Changes a live session in one checked commit: the record and, when its expiry moves,
   * both expiry entries. `change` returning `undefined` means nothing to write.
   */
  async #update(
    id: string,
    change: (
      record: SessionRecord,
      now: number,
      read: (key: string) => Promise<Uint8Array | undefined>,
    ) => SessionRecord | undefined | Promise<SessionRecord | undefined>,
  ): Promise<Session> {
    const k = sessionKey(id);
    const { result } = await transact(
      this.#ctx.store,
      async (tx) => {
        const bytes = await tx.get(k);
        const now = this.#ctx.now();
        if (bytes === undefined) throw notFound(id);
        const record = sessionCodec.decode(bytes, k);
        if (!isLive(record, now)) throw notFound(id);
        const next = await change(record, now, (key) => tx.get(key));
        if (next === undefined) return publicView(record);
        tx.put(k, requireFits(this.#ctx.store, sessionCodec.encode(next), "session"));
        if (next.expiresAt !== record.expiresAt) {
          tx.delete(expiryKey(record.expiresAt, id));
          tx.put(expiryKey(next.expiresAt, id), EMPTY);
        }
        return publicView(next);
      },
      { maxAttempts: this.#ctx.maxAttempts },
    );
    return result;
  }
}

function withData(record: SessionRecord, data: unknown, now: number): SessionRecord {
  return {
    ...record,
    data,
    updatedAt: now,
    ...(record.expiry === "sliding" ? { expiresAt: expiryAfter(now, record.ttlMs) } : {}),
  };
}
