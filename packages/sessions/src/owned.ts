/**
 * Snapshots and artifact links: keys a session owns. Each is written in one checked commit
 * with a check that the session record is still the live one read, so nothing is added to
 * a session a removal has claimed, and nothing outlives its session.
 */
import { randomBytes } from "node:crypto";
import {
  describe,
  encodeCursor,
  encodeTuple,
  type Page,
  page,
  requireLimit,
  type StorageBackend,
  StorageError,
  type Tuple,
  transact,
  tupleRange,
} from "@mnemo/core";
import { type Context, isLive, notFound, readCursor } from "./context.js";
import { sessionCodec, sessionKey } from "./keyspace.js";
import type { ListOptions } from "./session.js";

export const DEFAULT_LIST_LIMIT = 100;
export const MAX_LIST_LIMIT = 1000;

/** Snapshot ids: 11 base-36 digits of the creation time, then 12 random hex digits. */
export const SNAPSHOT_ID = /^[0-9a-z]{11}[0-9a-f]{12}$/;

export function newSnapshotId(now: number): string {
  return now.toString(36).padStart(11, "0") + randomBytes(6).toString("hex");
}

/**
 * Writes `ownedKey` while session `id` is live, in one commit checked against the session
 * record read. Retried on contention; `NOT_FOUND` once the session is gone or claimed.
 */
export async function addOwned<T>(
  ctx: Context,
  id: string,
  make: (data: unknown, now: number) => [string, Uint8Array, T],
): Promise<T> {
  const k = sessionKey(id);
  const { result } = await transact(
    ctx.store,
    async (tx) => {
      const bytes = await tx.get(k);
      const now = ctx.now();
      const record = bytes === undefined ? undefined : sessionCodec.decode(bytes, k);
      if (record === undefined || !isLive(record, now)) throw notFound(id);
      const [ownedKey, value, made] = make(record.data, now);
      tx.put(ownedKey, value);
      return made;
    },
    { maxAttempts: ctx.maxAttempts },
  );
  return result;
}

/** True when the session is live now (listings of a gone session are empty). */
async function live(ctx: Context, id: string): Promise<boolean> {
  const k = sessionKey(id);
  const bytes = await ctx.store.get(k);
  return bytes !== undefined && isLive(sessionCodec.decode(bytes, k), ctx.now());
}

/**
 * One page of a session's owned keys under `prefix`, in key order: `[tag, sessionId, last]`
 * cursors, where `last` is the final tuple element of the last key returned.
 */
export async function listOwned<T>(
  ctx: Context,
  sessionId: string,
  prefix: Tuple,
  tag: string,
  options: ListOptions,
  decode: (key: string, value: Uint8Array) => T,
  lastOf: (item: T) => string,
): Promise<Page<T>> {
  const limit = requireLimit(options.limit, DEFAULT_LIST_LIMIT, MAX_LIST_LIMIT);
  const after =
    options.cursor === undefined
      ? undefined
      : readCursor(options.cursor, tag, [sessionId], `session ${tag} listing`);
  if (!(await live(ctx, sessionId))) return page([], undefined);
  const items: T[] = [];
  const range = tupleRange(prefix);
  let more = false;
  const bounds =
    after === undefined
      ? range
      : {
          gt: encodeTuple([...prefix, after]),
          ...(range.lt === undefined ? {} : { lt: range.lt }),
        };
  for await (const [key, value] of ctx.store.scan({ ...bounds, limit: limit + 1 })) {
    if (items.length === limit) {
      more = true;
      break;
    }
    items.push(decode(key, value));
  }
  const last = items.at(-1);
  return page(
    items,
    more && last !== undefined ? encodeCursor([tag, sessionId, lastOf(last)]) : undefined,
  );
}

/** Deletes `key` if present, in a commit checked against what was read. */
export async function deleteIfPresent(
  store: StorageBackend,
  key: string,
  maxAttempts: number,
): Promise<boolean> {
  const { result } = await transact(
    store,
    async (tx) => {
      if ((await tx.get(key)) === undefined) return false;
      tx.delete(key);
      return true;
    },
    { maxAttempts },
  );
  return result;
}

export function snapshotNotFound(sessionId: string, snapshotId: string): StorageError {
  return new StorageError(
    "NOT_FOUND",
    `snapshot ${describe(snapshotId)} of session ${describe(sessionId)} does not exist`,
    { details: { sessionId, snapshotId } },
  );
}
