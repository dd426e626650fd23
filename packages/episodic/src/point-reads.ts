/**
 * Reading a few keys whose names are known: one `getBatch`, or one `get` each when the
 * backend's measured point read (`characteristics().avgReadLatencyUs`) is so short that all
 * of them cost less than a batch's round trip. LevelDB answers a `get` from its cache in a few
 * µs on the calling thread, where a `getBatch` waits for the thread pool; a PostgreSQL `get`
 * is a round trip each.
 */
import type { StorageBackend, VersionedEntry } from "@mnemo/core";

/** Point reads whose summed measured latency is at most this go one `get` each. */
export const POINT_READS_MAX_US = 100;

/** One `batch` call, or one `one` call per key when the summed point reads cost less. */
async function pointReads<T>(
  store: StorageBackend,
  keys: readonly string[],
  batch: (keys: readonly string[]) => Promise<Map<string, T>>,
  one: (key: string) => Promise<T | undefined>,
): Promise<Map<string, T>> {
  const us = store.characteristics().avgReadLatencyUs;
  if (!(us * keys.length <= POINT_READS_MAX_US)) return batch(keys);
  const values = await Promise.all(keys.map(one));
  const found = new Map<string, T>();
  values.forEach((value, i) => {
    if (value !== undefined) found.set(keys[i]!, value);
  });
  return found;
}

/** Versioned point reads: one `getEntries`, or one `getEntry` each when that is cheaper. */
export function readEntries(
  store: StorageBackend,
  keys: readonly string[],
): Promise<Map<string, VersionedEntry>> {
  return pointReads(
    store,
    keys,
    (k) => store.getEntries(k),
    (k) => store.getEntry(k),
  );
}
