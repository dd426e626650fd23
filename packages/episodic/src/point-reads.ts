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

export async function readKeys(
  store: StorageBackend,
  keys: readonly string[],
): Promise<Map<string, Uint8Array>> {
  const us = store.characteristics().avgReadLatencyUs;
  if (!(us * keys.length <= POINT_READS_MAX_US)) return store.getBatch(keys);
  const values = await Promise.all(keys.map((key) => store.get(key)));
  const found = new Map<string, Uint8Array>();
  values.forEach((value, i) => {
    if (value !== undefined) found.set(keys[i]!, value);
  });
  return found;
}

/** `readKeys` with versions: one `getEntries`, or one `getEntry` each when that is cheaper. */
export async function readEntries(
  store: StorageBackend,
  keys: readonly string[],
): Promise<Map<string, VersionedEntry>> {
  const us = store.characteristics().avgReadLatencyUs;
  if (!(us * keys.length <= POINT_READS_MAX_US)) return store.getEntries(keys);
  const entries = await Promise.all(keys.map((key) => store.getEntry(key)));
  const found = new Map<string, VersionedEntry>();
  entries.forEach((entry, i) => {
    if (entry !== undefined) found.set(keys[i]!, entry);
  });
  return found;
}
