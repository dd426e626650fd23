/**
 * Copies the current state of some keys from one backend to another, so that however
 * several writers interleave, the copy ends equal to the source.
 *
 * Every writer of the copy follows one rule: write what the source holds, then read the
 * source again, and write again while it changed. The last write to the copy was made by a
 * writer that saw, after its write, the source state it wrote; any later change of the
 * source has a writer of its own whose copy write comes later still. So the copy converges
 * to the source with no lock, across processes too (a PostgreSQL source shared by several).
 */
import {
  describe,
  type StorageBackend,
  StorageError,
  type VersionedEntry,
  type WriteOp,
} from "@mnemo/core";

/** Rounds before giving up: only a key rewritten faster than one round trip gets there. */
const MAX_ROUNDS = 64;
/** Keys read or written per call, under every backend's commit limit. */
const CHUNK = 500;

const versionOf = (entry: VersionedEntry | undefined) => entry?.version;

/**
 * Makes `keys` on `target` hold what they hold on `source` (absent keys are deleted), then
 * re-reads `source` until it did not change under the copy. Throws `CONFLICT` when a key
 * never settles.
 */
export async function mirrorKeys(
  source: StorageBackend,
  target: StorageBackend,
  keys: Iterable<string>,
): Promise<void> {
  const unique = [...new Set(keys)];
  for (let i = 0; i < unique.length; i += CHUNK) {
    await mirrorChunk(source, target, unique.slice(i, i + CHUNK));
  }
}

async function mirrorChunk(
  source: StorageBackend,
  target: StorageBackend,
  keys: readonly string[],
): Promise<void> {
  let pending = keys;
  let seen = await source.getEntries(pending);
  for (let round = 0; round < MAX_ROUNDS; round++) {
    await target.write(toOps(pending, seen));
    const again = await source.getEntries(pending);
    pending = pending.filter((key) => versionOf(again.get(key)) !== versionOf(seen.get(key)));
    if (pending.length === 0) return;
    seen = again;
  }
  throw new StorageError(
    "CONFLICT",
    `mirror: key ${describe(pending[0])} kept changing over ${MAX_ROUNDS} copies`,
    { details: { keys: pending.slice(0, 10) } },
  );
}

/** Puts for the keys present in `entries`, deletes for the others. */
export function toOps(keys: readonly string[], entries: Map<string, VersionedEntry>): WriteOp[] {
  return keys.map((key) => {
    const entry = entries.get(key);
    return entry === undefined ? { type: "del", key } : { type: "put", key, value: entry.value };
  });
}
