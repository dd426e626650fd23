/**
 * The copy of one tenant's keys from the old backend to the new, in key order and batches,
 * while dual writes run. Two rules keep it from losing or inventing anything:
 *
 * - No overwrite: a key goes to the target by a checked commit that requires it absent
 *   there, so a value a dual write put after the copy read the key is never replaced.
 * - No resurrection: after the write, the source is read again; a key whose version moved
 *   since the copy read it (updated or deleted meanwhile) is copied again by `mirrorKeys`,
 *   which converges to the source. This happens before the batch's checkpoint, so a killed
 *   copier redoes the batch, and readers (served by the old backend until verify) never see
 *   the moment between.
 */
import {
  type CommitCheck,
  MAX_COMMIT_CHECKS,
  type Mutation,
  type StorageBackend,
  type VersionedScanEntry,
} from "@mnemo/core";
import { mirrorKeys } from "./mirror.js";

export interface BatchRead {
  readonly entries: readonly VersionedScanEntry[];
  /** The last key read, where the next batch starts (after it); `undefined` if none. */
  readonly lastKey: string | undefined;
}

export interface BatchWritten {
  readonly copied: number;
  readonly skipped: number;
  readonly bytes: number;
}

/** Commits of one batch sent at once (PostgreSQL pools hold several connections). */
const COMMITS_IN_FLIGHT = 4;

/** Puts the entries the target does not hold by one absent-checked commit, retried without the taken keys. */
export async function putAbsent<E extends readonly [string, Uint8Array, ...unknown[]]>(
  target: StorageBackend,
  entries: E[],
): Promise<{ written: E[]; taken: number }> {
  let chunk = entries;
  let taken = 0;
  while (chunk.length > 0) {
    const checks: CommitCheck[] = chunk.map(([key]) => ({ key, version: null }));
    const puts: Mutation[] = chunk.map(([key, value]) => ({ type: "put", key, value }));
    const result = await target.commit(checks, puts);
    if (result.ok) return { written: chunk, taken };
    // A dual write created these meanwhile: theirs is newer, leave it.
    const failed = new Set(result.failed);
    taken += failed.size;
    chunk = chunk.filter(([key]) => !failed.has(key));
  }
  return { written: [], taken };
}

/** Reads the next batch of the source after `after` (from the start when undefined). */
export async function readBatch(
  source: StorageBackend,
  after: string | undefined,
  limit: number,
): Promise<BatchRead> {
  const entries: VersionedScanEntry[] = [];
  const scan = source.scan({
    versions: true,
    limit,
    ...(after === undefined ? {} : { gt: after }),
  });
  for await (const entry of scan) entries.push(entry);
  return { entries, lastKey: entries.at(-1)?.[0] };
}

/** Writes a batch read by `readBatch` to `target`, by the two rules of this module. */
export async function writeBatch(
  source: StorageBackend,
  target: StorageBackend,
  batch: BatchRead,
): Promise<BatchWritten> {
  const { entries } = batch;
  if (entries.length === 0) return { copied: 0, skipped: 0, bytes: 0 };
  const present = await target.getEntries(entries.map(([key]) => key));
  const pending = entries.filter(([key]) => !present.has(key));
  let skipped = entries.length - pending.length;
  // Checked commits hold at most MAX_COMMIT_CHECKS keys: send a few at once.
  const chunks: VersionedScanEntry[][] = [];
  for (let i = 0; i < pending.length; i += MAX_COMMIT_CHECKS) {
    chunks.push(pending.slice(i, i + MAX_COMMIT_CHECKS));
  }
  const written: VersionedScanEntry[] = [];
  for (let i = 0; i < chunks.length; i += COMMITS_IN_FLIGHT) {
    const results = await Promise.all(
      chunks.slice(i, i + COMMITS_IN_FLIGHT).map((chunk) => putAbsent(target, chunk)),
    );
    for (const result of results) {
      written.push(...result.written);
      skipped += result.taken;
    }
  }
  const now = await source.getEntries(written.map(([key]) => key));
  const moved = written.filter(([key, , version]) => now.get(key)?.version !== version);
  if (moved.length > 0)
    await mirrorKeys(
      source,
      target,
      moved.map(([key]) => key),
    );
  let bytes = 0;
  for (const [key, value] of written) bytes += Buffer.byteLength(key) + value.byteLength;
  return { copied: written.length, skipped, bytes };
}
