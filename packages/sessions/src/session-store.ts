/**
 * Sessions with a fixed or sliding TTL. The session record is the truth; an expiry index in
 * key order lets `sweepExpired` read only what has expired.
 *
 * Changes to a live session are compare-and-swaps on its record, so a touch and a sweep (or
 * two sweeps, from any number of processes) never both win. The backend cannot combine a
 * compare-and-swap with other keys in one atomic write, so index entries are ordered around
 * it instead: the entry for a new expiry time is written *before* the record moves to it and
 * the old entry removed after. Every record is therefore always covered by an index entry; an
 * extra entry left by a lost race or a crash is harmless, and the sweeper drops it.
 */
import { randomBytes, randomUUID } from "node:crypto";
import {
  assertBlake3Hex,
  type Clock,
  decodeTuple,
  encodeTuple,
  invalidArgument,
  prefixUpperBound,
  type ScanOptions,
  type StorageBackend,
  StorageError,
  systemClock,
  tupleRange,
  type WriteOp,
} from "@mnemo/core";
import {
  artifactCodec,
  artifactKey,
  artifactPrefix,
  EMPTY,
  EXPIRY_PREFIX,
  expiryKey,
  type SessionRecord,
  sessionCodec,
  sessionKey,
  snapshotCodec,
  snapshotKey,
  snapshotPrefix,
} from "./keyspace.js";
import {
  type ArtifactLink,
  assertEpochMs,
  assertExpiryMode,
  assertId,
  assertLabel,
  assertTtl,
  type CreateSessionInput,
  jsonCopy,
  type Session,
  type Snapshot,
} from "./session.js";

export interface SessionStoreOptions {
  /** Default: `Date`. */
  readonly clock?: Clock;
  /**
   * How long a removal that died half-way keeps others from finishing it; default 30 s.
   * Longer than any removal takes, so a slow remover is never doubled.
   */
  readonly removalLeaseMs?: number;
}

/** Expiry index entries the sweeper reads per round trip. */
const SWEEP_CHUNK = 256;
/** Attempts of a compare-and-swap update before giving up with CONFLICT. */
const MAX_ATTEMPTS = 16;

const isLive = (record: SessionRecord, now: number) =>
  record.removing === undefined && now < record.expiresAt;

function publicView(record: SessionRecord): Session {
  const { removing: _, ...session } = record;
  return session;
}

function notFound(id: string): StorageError {
  return new StorageError(
    "NOT_FOUND",
    `session ${JSON.stringify(id)} does not exist or has expired`,
    {
      details: { sessionId: id },
    },
  );
}

/** Snapshot ids sort by creation time, then by a random tail. */
function newSnapshotId(now: number): string {
  return now.toString(36).padStart(11, "0") + randomBytes(6).toString("hex");
}

export class SessionStore {
  readonly #store: StorageBackend;
  readonly #clock: Clock;
  readonly #leaseMs: number;

  constructor(store: StorageBackend, options: SessionStoreOptions = {}) {
    this.#store = store;
    this.#clock = options.clock ?? systemClock;
    this.#leaseMs = options.removalLeaseMs ?? 30_000;
    if (!(this.#leaseMs >= 0)) throw invalidArgument("removalLeaseMs", "must be >= 0");
  }

  async create(input: CreateSessionInput): Promise<Session> {
    if (typeof input !== "object" || input === null)
      throw invalidArgument("session", "must be an object");
    const id = input.id ?? randomUUID();
    assertId(id, "id");
    assertTtl(input.ttlMs);
    const expiry = input.expiry ?? "fixed";
    assertExpiryMode(expiry);
    const data = jsonCopy(input.data ?? {}, "data");
    const now = this.#clock.now();
    const record: SessionRecord = {
      id,
      data,
      expiry,
      ttlMs: input.ttlMs,
      createdAt: now,
      updatedAt: now,
      expiresAt: now + input.ttlMs,
    };
    const k = sessionKey(id);
    const existing = await this.#store.get(k);
    if (existing !== undefined) {
      const old = sessionCodec.decode(existing, k);
      // An expired session not yet swept gives its id up now; a live one keeps it.
      if (isLive(old, now) || !(await this.#remove(id, existing, old, now))) throw conflict(id);
    }
    await this.#store.set(expiryKey(record.expiresAt, id), EMPTY);
    if (!(await this.#store.compareAndSwap(k, undefined, sessionCodec.encode(record)))) {
      throw conflict(id);
    }
    return publicView(record);
  }

  /** The session, or `undefined` when it does not exist or has expired (swept or not). */
  async get(id: string): Promise<Session | undefined> {
    assertId(id, "id");
    const k = sessionKey(id);
    const bytes = await this.#store.get(k);
    if (bytes === undefined) return undefined;
    const record = sessionCodec.decode(bytes, k);
    return isLive(record, this.#clock.now()) ? publicView(record) : undefined;
  }

  /** Extends a sliding session by its TTL from now; a fixed one is returned unchanged. */
  async touch(id: string): Promise<Session> {
    assertId(id, "id");
    return this.#update(id, (record, now) =>
      record.expiry === "sliding" ? { ...record, expiresAt: now + record.ttlMs } : undefined,
    );
  }

  /** Replaces the session's data (and extends a sliding session). */
  async update(id: string, data: unknown): Promise<Session> {
    assertId(id, "id");
    const copy = jsonCopy(data, "data");
    return this.#update(id, (record, now) => this.#withData(record, copy, now));
  }

  /** Ends a session now: it and its snapshots and links are removed. False if it was not live. */
  async end(id: string): Promise<boolean> {
    assertId(id, "id");
    const k = sessionKey(id);
    const now = this.#clock.now();
    for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
      const bytes = await this.#store.get(k);
      if (bytes === undefined) return false;
      const record = sessionCodec.decode(bytes, k);
      if (!isLive(record, now)) return false;
      if (await this.#remove(id, bytes, record, now)) return true;
    }
    throw conflict(id);
  }

  /**
   * Removes every session expired at `now` (default: the clock), reading only the expired
   * part of the expiry index. Returns how many this call removed: safe to run from several
   * processes at once, and each session is counted by exactly one of them.
   */
  async sweepExpired(now: number = this.#clock.now()): Promise<number> {
    assertEpochMs(now, "now");
    const lt = prefixUpperBound(encodeTuple([...EXPIRY_PREFIX, now]))!;
    let swept = 0;
    let after: string | undefined;
    for (;;) {
      const range: ScanOptions =
        after === undefined
          ? { ...tupleRange(EXPIRY_PREFIX), lt, limit: SWEEP_CHUNK }
          : { gt: after, lt, limit: SWEEP_CHUNK };
      const entries: { key: string; expiresAt: number; id: string }[] = [];
      for await (const [k] of this.#store.scan(range)) {
        const [, expiresAt, id] = decodeTuple(k) as [string, number, string];
        entries.push({ key: k, expiresAt, id });
        after = k;
      }
      if (entries.length === 0) return swept;
      const records = await this.#store.getBatch(entries.map((e) => sessionKey(e.id)));
      const stale: WriteOp[] = [];
      for (const entry of entries) {
        const bytes = records.get(sessionKey(entry.id));
        const record = bytes === undefined ? undefined : sessionCodec.decode(bytes, entry.key);
        if (record === undefined || record.expiresAt !== entry.expiresAt) {
          // The session moved on (touched) or is gone: this entry points at nothing.
          stale.push({ type: "del", key: entry.key });
        } else if (await this.#remove(entry.id, bytes!, record, now)) {
          swept++;
        }
      }
      if (stale.length > 0) await this.#store.write(stale);
      if (entries.length < SWEEP_CHUNK) return swept;
    }
  }

  /** Saves a copy of the session's current data. */
  async saveSnapshot(sessionId: string, options: { label?: string } = {}): Promise<Snapshot> {
    assertId(sessionId, "sessionId");
    assertLabel(options.label);
    return this.#addOwned(sessionId, (record, now) => {
      const snapshot: Snapshot = {
        id: newSnapshotId(now),
        sessionId,
        createdAt: now,
        ...(options.label === undefined ? {} : { label: options.label }),
        data: record.data,
      };
      return [snapshotKey(sessionId, snapshot.id), snapshotCodec.encode(snapshot), snapshot];
    });
  }

  /** The session's snapshots, oldest first. */
  async listSnapshots(sessionId: string): Promise<Snapshot[]> {
    assertId(sessionId, "sessionId");
    if ((await this.get(sessionId)) === undefined) return [];
    const out: Snapshot[] = [];
    for await (const [k, v] of this.#store.scan(tupleRange(snapshotPrefix(sessionId)))) {
      out.push(snapshotCodec.decode(v, k));
    }
    return out;
  }

  /** Sets the session's data back to a snapshot's. */
  async restoreSnapshot(sessionId: string, snapshotId: string): Promise<Session> {
    assertId(sessionId, "sessionId");
    assertId(snapshotId, "snapshotId");
    const k = snapshotKey(sessionId, snapshotId);
    const bytes = await this.#store.get(k);
    if (bytes === undefined) {
      throw new StorageError(
        "NOT_FOUND",
        `snapshot ${JSON.stringify(snapshotId)} of session ${JSON.stringify(sessionId)} does not exist`,
        {
          details: { sessionId, snapshotId },
        },
      );
    }
    const { data } = snapshotCodec.decode(bytes, k);
    return this.#update(sessionId, (record, now) => this.#withData(record, data, now));
  }

  /** Links an artifact by its blake3 hash; linking it again replaces the label. */
  async linkArtifact(
    sessionId: string,
    hash: string,
    options: { label?: string } = {},
  ): Promise<ArtifactLink> {
    assertId(sessionId, "sessionId");
    assertBlake3Hex(hash, "hash");
    assertLabel(options.label);
    return this.#addOwned(sessionId, (_record, now) => {
      const link: ArtifactLink = {
        hash,
        linkedAt: now,
        ...(options.label === undefined ? {} : { label: options.label }),
      };
      return [artifactKey(sessionId, hash), artifactCodec.encode(link), link];
    });
  }

  /** False when the link was not there. */
  async unlinkArtifact(sessionId: string, hash: string): Promise<boolean> {
    assertId(sessionId, "sessionId");
    assertBlake3Hex(hash, "hash");
    const k = artifactKey(sessionId, hash);
    if (!(await this.#store.exists(k))) return false;
    await this.#store.delete(k);
    return true;
  }

  /** The session's artifact links, by hash. */
  async listArtifacts(sessionId: string): Promise<ArtifactLink[]> {
    assertId(sessionId, "sessionId");
    if ((await this.get(sessionId)) === undefined) return [];
    const out: ArtifactLink[] = [];
    for await (const [k, v] of this.#store.scan(tupleRange(artifactPrefix(sessionId)))) {
      out.push(artifactCodec.decode(v, k));
    }
    return out;
  }

  #withData(record: SessionRecord, data: unknown, now: number): SessionRecord {
    return {
      ...record,
      data,
      updatedAt: now,
      ...(record.expiry === "sliding" ? { expiresAt: now + record.ttlMs } : {}),
    };
  }

  /**
   * Compare-and-swap update of a live session; `change` returning `undefined` means nothing
   * to write. Retries when another writer got there first.
   */
  async #update(
    id: string,
    change: (record: SessionRecord, now: number) => SessionRecord | undefined,
  ): Promise<Session> {
    const k = sessionKey(id);
    for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
      const now = this.#clock.now();
      const bytes = await this.#store.get(k);
      if (bytes === undefined) throw notFound(id);
      const record = sessionCodec.decode(bytes, k);
      if (!isLive(record, now)) throw notFound(id);
      const next = change(record, now);
      if (next === undefined) return publicView(record);
      const moved = next.expiresAt !== record.expiresAt;
      if (moved) await this.#store.set(expiryKey(next.expiresAt, id), EMPTY);
      if (await this.#store.compareAndSwap(k, bytes, sessionCodec.encode(next))) {
        if (moved) await this.#store.delete(expiryKey(record.expiresAt, id));
        return publicView(next);
      }
    }
    throw conflict(id);
  }

  /**
   * Writes a key the session owns (snapshot, link) while it is live. If a removal claimed
   * the session meanwhile, the key is taken back out so nothing outlives its session.
   */
  async #addOwned<T>(
    id: string,
    make: (record: SessionRecord, now: number) => [string, Uint8Array, T],
  ): Promise<T> {
    const k = sessionKey(id);
    const now = this.#clock.now();
    const bytes = await this.#store.get(k);
    const record = bytes === undefined ? undefined : sessionCodec.decode(bytes, k);
    if (record === undefined || !isLive(record, now)) throw notFound(id);
    const [ownedKey, value, result] = make(record, now);
    await this.#store.set(ownedKey, value);
    const after = await this.#store.get(k);
    if (after === undefined || sessionCodec.decode(after, k).removing !== undefined) {
      await this.#store.delete(ownedKey);
      throw notFound(id);
    }
    return result;
  }

  /**
   * Removes a session seen as `bytes`: claims it with a compare-and-swap (so a concurrent
   * touch or another remover makes this one back off), then deletes the record, its index
   * entry, snapshots and links in one write. True only for the caller that removed it.
   */
  async #remove(
    id: string,
    bytes: Uint8Array,
    record: SessionRecord,
    now: number,
  ): Promise<boolean> {
    if (record.removing !== undefined && now - record.removing.at < this.#leaseMs) return false;
    const k = sessionKey(id);
    const claim = sessionCodec.encode({ ...record, removing: { at: now } });
    if (!(await this.#store.compareAndSwap(k, bytes, claim))) return false;
    const ops: WriteOp[] = [
      { type: "del", key: k },
      { type: "del", key: expiryKey(record.expiresAt, id) },
    ];
    for (const prefix of [snapshotPrefix(id), artifactPrefix(id)]) {
      for await (const [owned] of this.#store.scan(tupleRange(prefix))) {
        ops.push({ type: "del", key: owned });
      }
    }
    await this.#store.write(ops);
    return true;
  }
}

function conflict(id: string): StorageError {
  return new StorageError(
    "CONFLICT",
    `session ${JSON.stringify(id)} exists or is being changed concurrently`,
    {
      details: { sessionId: id },
    },
  );
}
