/** What the parts of the session store share: the handle, the clock and the limits. */
import {
  type Clock,
  clockNow,
  decodeCursor,
  describe,
  type StorageBackend,
  StorageError,
  type VersionedEntry,
} from "@mnemo/core";
import { type SessionRecord, sessionCodec, sessionKey } from "./keyspace.js";
import type { Session } from "./session.js";

export interface Context {
  readonly store: StorageBackend;
  /** The clock's time, checked to be in core's range. */
  now(): number;
  readonly leaseMs: number;
  readonly maxAttempts: number;
}

export const clockReader = (clock: Clock) => () => clockNow(clock);

export const isLive = (record: SessionRecord, now: number) =>
  record.removing === undefined && now < record.expiresAt;

export function publicView(record: SessionRecord): Session {
  const { removing: _, ...session } = record;
  return session;
}

export function notFound(id: string): StorageError {
  return new StorageError("NOT_FOUND", `session ${describe(id)} does not exist or has expired`, {
    details: { sessionId: id },
  });
}

export function contended(id: string, attempts: number): StorageError {
  return new StorageError(
    "CONFLICT",
    `session ${describe(id)} is being changed concurrently (${attempts} attempts)`,
    { details: { sessionId: id, attempts } },
  );
}

/** The record and its version, or undefined when absent. */
export async function readSession(
  store: StorageBackend,
  id: string,
): Promise<{ entry: VersionedEntry; record: SessionRecord } | undefined> {
  const k = sessionKey(id);
  const entry = await store.getEntry(k);
  return entry === undefined ? undefined : { entry, record: sessionCodec.decode(entry.value, k) };
}

/** A cursor of listing `tag`: `[tag, ...fixed, last]`, the last element a string. */
export function readCursor(
  cursor: unknown,
  tag: string,
  fixed: readonly string[],
  source: string,
): string {
  return decodeCursor(cursor, source, (parts) => {
    if (parts.length !== fixed.length + 2 || parts[0] !== tag) return undefined;
    for (let i = 0; i < fixed.length; i++) if (parts[i + 1] !== fixed[i]) return undefined;
    const last = parts[parts.length - 1];
    return typeof last === "string" && last !== "" ? last : undefined;
  });
}
