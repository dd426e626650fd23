/** Every key the sessions component writes; the README's keyspace table mirrors this file. */
import {
  DEFAULT_MAX_VALUE_BYTES,
  jsonRecordCodec,
  key,
  type StorageBackend,
  StorageError,
  type Tuple,
} from "@mnemo/core";
import type { ArtifactLink, Session, Snapshot } from "./session.js";

/** ("session", id) → the session record. */
export const sessionKey = (id: string) => key("session", id);
export const SESSION_PREFIX: Tuple = ["session"];

/** ("expiry", expiresAt, id) → empty: sessions by expiry time, for the sweeper. */
export const expiryKey = (expiresAt: number, id: string) => key("expiry", expiresAt, id);
export const EXPIRY_PREFIX: Tuple = ["expiry"];

/** ("snapshot", sessionId, snapshotId) → a saved copy of the session's data. */
export const snapshotKey = (sessionId: string, snapshotId: string) =>
  key("snapshot", sessionId, snapshotId);
export const snapshotPrefix = (sessionId: string): Tuple => ["snapshot", sessionId];

/** ("artifact", sessionId, hash) → a link to an artifact by its blake3 content hash. */
export const artifactKey = (sessionId: string, hash: string) => key("artifact", sessionId, hash);
export const artifactPrefix = (sessionId: string): Tuple => ["artifact", sessionId];

/** The stored session: the public fields, and a claim while it is being removed. */
export interface SessionRecord extends Session {
  /** Set by the sweeper or `end` that won the session; it is gone for everyone else. */
  readonly removing?: { readonly at: number };
}

export const sessionCodec = jsonRecordCodec<SessionRecord>(1);
export const snapshotCodec = jsonRecordCodec<Snapshot>(1);
export const artifactCodec = jsonRecordCodec<ArtifactLink>(1);
export const EMPTY = new Uint8Array(0);

/**
 * Refuses a value the store would refuse, before the first write of an operation that
 * writes more than once (create after removing an expired predecessor).
 */
export function requireFits(store: StorageBackend, value: Uint8Array, what: string): Uint8Array {
  const limit =
    (store as { limits?: { maxValueBytes?: number } }).limits?.maxValueBytes ??
    DEFAULT_MAX_VALUE_BYTES;
  if (value.byteLength > limit) {
    throw new StorageError(
      "VALUE_TOO_LARGE",
      `${what} is ${value.byteLength} bytes encoded; the store takes at most ${limit}`,
      { details: { field: what, bytes: value.byteLength, maxValueBytes: limit } },
    );
  }
  return value;
}
