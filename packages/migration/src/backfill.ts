/**
 * The copy of one tenant's keys from the old backend to the new, in key order and batches,
 * while dual writes run. Two rules keep it from losing or inventing anything:
 *
 * - No overwrite: a batch goes to the target by `putAbsent`, which leaves every key the target
 *   holds alone, so a value a dual write put after the copy read the key is never replaced.
 * - No resurrection: after the write, the source is read again; a key whose version moved
 *   since the copy read it (updated or deleted meanwhile) is copied again by `mirrorKeys`,
 *   which converges to the source. This happens before the batch's checkpoint, so a killed
 *   copier redoes the batch, and readers (served by the old backend until verify) never see
 *   the moment between.
 * - A copier killed between a batch's write and its re-read leaves keys the resumed copier no
 *   longer finds in the source (deleted meanwhile). So a tenant's backfill starts by
 *   `reconcileAfter` its checkpoint: every target key past it (the killed batches' and the
 *   dual writes', few) that the source lacks is mirrored away.
 *
 * Per batch: one source scan (read ahead while the batch before is written, see
 * `BatchReader`), one `putAbsent` per MAX_COMMIT_MUTATIONS keys (`putBatch`), one source
 * re-read (`settleBatch`, which may overlap the next batch's put: the batches share no key).
 */
import {
  type Entry,
  MAX_COMMIT_MUTATIONS,
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

/**
 * Puts the entries the target does not hold (`putAbsent`, one call per MAX_COMMIT_MUTATIONS
 * entries, sent at once); `taken`: how many it held already (theirs is newer: left alone).
 */
export async function putAbsent<E extends readonly [string, Uint8Array, ...unknown[]]>(
  target: StorageBackend,
  entries: readonly E[],
): Promise<{ written: E[]; taken: number }> {
  const chunks: (readonly E[])[] = [];
  for (let i = 0; i < entries.length; i += MAX_COMMIT_MUTATIONS) {
    chunks.push(entries.slice(i, i + MAX_COMMIT_MUTATIONS));
  }
  const results = await Promise.all(
    chunks.map(async (chunk) => {
      const pairs = chunk.map(([key, value]): Entry => [key, value]);
      const written = new Set((await target.putAbsent(pairs)).written);
      return written.size === chunk.length ? chunk : chunk.filter(([key]) => written.has(key));
    }),
  );
  const written = results.flat();
  return { written, taken: entries.length - written.length };
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

/**
 * `readBatch` with one batch of read-ahead: once a full batch is handed out, the next one is
 * read while the caller writes this one. A read for another position (a retry, a resume)
 * reads afresh; a failed read-ahead is dropped, so a retry reads again.
 */
export class BatchReader {
  readonly #source: StorageBackend;
  readonly #limit: number;
  #ahead: { readonly after: string | undefined; readonly read: Promise<BatchRead> } | undefined;

  constructor(source: StorageBackend, limit: number) {
    this.#source = source;
    this.#limit = limit;
  }

  async read(after: string | undefined): Promise<BatchRead> {
    const ahead = this.#ahead;
    this.#ahead = undefined;
    const batch = await (ahead !== undefined && ahead.after === after
      ? ahead.read
      : readBatch(this.#source, after, this.#limit));
    if (batch.entries.length === this.#limit) {
      const read = readBatch(this.#source, batch.lastKey, this.#limit);
      read.catch(() => {}); // seen by the read() that takes it, or never wanted
      this.#ahead = { after: batch.lastKey, read };
    }
    return batch;
  }
}

/** A batch after its `putAbsent`: what was written, still to be checked against the source. */
export interface BatchPut {
  readonly written: readonly VersionedScanEntry[];
  readonly taken: number;
}

/** The first half of `writeBatch`: the no-overwrite write. */
export function putBatch(target: StorageBackend, batch: BatchRead): Promise<BatchPut> {
  return putAbsent(target, batch.entries);
}

/**
 * The second half of `writeBatch`: re-reads the source for the keys written and re-copies
 * those that moved meanwhile (no resurrection). Touches only the batch's keys, so it may run
 * while the next batch is put.
 */
export async function settleBatch(
  source: StorageBackend,
  target: StorageBackend,
  { written, taken }: BatchPut,
): Promise<BatchWritten> {
  if (written.length === 0) return { copied: 0, skipped: taken, bytes: 0 };
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
  return { copied: written.length, skipped: taken, bytes };
}

/**
 * Mirrors away the keys past `after` that the target holds and the source does not: what a
 * copier killed before its re-read may have brought back. Keys only past the checkpoint, so
 * what a resumed backfill pays is the uncheckpointed batches plus the dual writes past it.
 */
export async function reconcileAfter(
  source: StorageBackend,
  target: StorageBackend,
  after: string | undefined,
  pageSize: number,
): Promise<number> {
  let mirrored = 0;
  let from = after;
  for (;;) {
    const page = await readBatch(target, from, pageSize);
    if (page.entries.length === 0) return mirrored;
    const keys = page.entries.map(([key]) => key);
    const present = await source.getEntries(keys);
    const gone = keys.filter((key) => !present.has(key));
    if (gone.length > 0) await mirrorKeys(source, target, gone);
    mirrored += gone.length;
    if (page.entries.length < pageSize) return mirrored;
    from = page.lastKey;
  }
}

/** Writes a batch read by `readBatch` to `target`, by the two rules of this module. */
export async function writeBatch(
  source: StorageBackend,
  target: StorageBackend,
  batch: BatchRead,
): Promise<BatchWritten> {
  return settleBatch(source, target, await putBatch(target, batch));
}
