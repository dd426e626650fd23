/**
 * Read-modify-write of one record by compareAndSwap, the pattern behind every counter,
 * reference count and state transition in Mnemo: read, decode, compute the next value, swap
 * against the bytes read, and start again if another writer got there first.
 */
import type { StorageBackend } from "./backend.js";
import { describe, StorageError } from "./errors.js";
import type { RecordCodec } from "./record-codec.js";

/** Returned by a change function to stop without writing anything. */
export const UNCHANGED: unique symbol = Symbol("mnemo.unchanged");

export interface CasUpdate<T> {
  /** The record the successful attempt read (`undefined`: absent). */
  readonly previous: T | undefined;
  /** The record written (`undefined`: deleted or absent). Equals `previous` when unchanged. */
  readonly next: T | undefined;
  /** False when the change function returned `UNCHANGED`. */
  readonly changed: boolean;
}

export interface CasUpdateOptions {
  /** Attempts before giving up with `CONFLICT`. Default 1000. */
  readonly maxAttempts?: number;
}

/**
 * Applies `change` to the record at `key` atomically. `change` gets the current record
 * (`undefined` when absent) and returns the next one, `undefined` to delete it, or
 * `UNCHANGED`; it may throw to refuse (nothing is written), and runs again on every retry,
 * so it must not have side effects. Throws `CONFLICT` after `maxAttempts` lost swaps.
 */
export async function casUpdate<T>(
  store: StorageBackend,
  key: string,
  codec: RecordCodec<T>,
  change: (current: T | undefined) => T | undefined | typeof UNCHANGED,
  options: CasUpdateOptions = {},
): Promise<CasUpdate<T>> {
  const maxAttempts = options.maxAttempts ?? 1000;
  for (let attempt = 0; attempt < maxAttempts; attempt++) {
    const raw = await store.get(key);
    const previous = raw === undefined ? undefined : codec.decode(raw, key);
    const next = change(previous);
    if (next === UNCHANGED) return { previous, next: previous, changed: false };
    const encoded = next === undefined ? undefined : codec.encode(next);
    if (raw === undefined && encoded === undefined) return { previous, next, changed: false };
    if (await store.compareAndSwap(key, raw, encoded)) return { previous, next, changed: true };
  }
  throw new StorageError(
    "CONFLICT",
    `record ${describe(key)} still contended after ${maxAttempts} attempts`,
    { details: { key, attempts: maxAttempts } },
  );
}
