/**
 * The copy of one tenant's keys from the old backend to the new, in key order and batches,
 * while dual writes run. Two rules keep it from losing or inventing anything:
 *
 * - No overwrite: a batch goes to the target by `putAbsent`, which leaves every key the target
 *   holds alone, so a value a dual write put after the copy read the key is never replaced.
 *   An update needs nothing more: the dual write copies the value it wrote to the target
 *   unconditionally (`mirrorKeys`) after writing the source, so whichever of that copy and
 *   the batch's `putAbsent` comes last, the target ends with the newer value.
 * - No resurrection: a delete is different, its copy deletes a key the batch may put after.
 *   Every delete through the dual writes is logged (`DeletionLog`) before it is applied, so
 *   a delete whose copy came before the batch's put was logged before the put too: after the
 *   put, the batch reads the log, and each key it wrote that the log names is copied again
 *   by `mirrorKeys`, which converges to the source. When the log cannot tell (a `clear` is
 *   logged, it names more keys than the batch wrote) or there is none, the source is read
 *   again instead, and every key whose version moved since the copy read it is copied
 *   again. Either happens before the batch's checkpoint, so a killed copier redoes the
 *   batch, and readers (served by the old backend until verify) never see the moment
 *   between.
 * - A copier killed between a batch's write and its settle leaves keys the resumed copier no
 *   longer finds in the source (deleted meanwhile). So a tenant's backfill starts by
 *   settling the logged deletes past its checkpoint (`reconcileAfter` after a `clear`).
 *
 * Per batch: one source scan (read ahead while the batch before is written, see
 * `BatchReader`), one `putAbsent` per MAX_COMMIT_MUTATIONS keys (`putBatch`), and a share of
 * a settle: one read of the deletion log (or a source re-read) for all the batches a
 * checkpoint covers (`settleBatches`). Batches share no key, so several may be put at once
 * (tenant-copy.ts).
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

/** Where `settleBatch` learns the deletes made through the dual writes (the deletion log). */
export interface DeleteWitness {
  /** The keys logged as deleted, or `undefined` when the log cannot name them cheaply. */
  deletedKeys(limit: number): Promise<ReadonlySet<string> | undefined>;
}

/**
 * The second half of `writeBatch`: re-copies the keys written that a delete may have reached
 * before the put (no resurrection): those `deletes` names, or without it (or when it cannot
 * tell) those whose version moved in the source. Touches only the batch's keys, so it may
 * run while other batches are put.
 */
export async function settleBatch(
  source: StorageBackend,
  target: StorageBackend,
  put: BatchPut,
  deletes?: DeleteWitness,
): Promise<BatchWritten> {
  await settleBatches(source, target, [put], deletes);
  return countWritten(put);
}

/**
 * `settleBatch` for several batches put, with one read of the deletion log for all of them:
 * it comes after every one of their puts, which is all the rule asks.
 */
export async function settleBatches(
  source: StorageBackend,
  target: StorageBackend,
  puts: readonly BatchPut[],
  deletes?: DeleteWitness,
): Promise<void> {
  const written = puts.length === 1 ? puts[0]!.written : puts.flatMap((put) => put.written);
  if (written.length === 0) return;
  // As many log records as keys written: past that, re-reading the source costs no more.
  const logged = await deletes?.deletedKeys(written.length);
  const moved =
    logged === undefined
      ? await movedKeys(source, written)
      : written.filter(([key]) => logged.has(key)).map(([key]) => key);
  if (moved.length > 0) await mirrorKeys(source, target, moved);
}

/** What a put copied: keys written, keys left alone, bytes of the keys and values written. */
export function countWritten({ written, taken }: BatchPut): BatchWritten {
  let bytes = 0;
  for (const [key, value] of written) bytes += Buffer.byteLength(key) + value.byteLength;
  return { copied: written.length, skipped: taken, bytes };
}

const NO_VALUE = new Uint8Array(0);

/** `put` with its values dropped: a settle reads only keys and versions. */
export function withoutValues({ written, taken }: BatchPut): BatchPut {
  return { written: written.map(([key, , version]) => [key, NO_VALUE, version]), taken };
}

/** The keys of `entries` whose version in `source` is no longer the one read. */
async function movedKeys(
  source: StorageBackend,
  entries: readonly VersionedScanEntry[],
): Promise<string[]> {
  const moved: string[] = [];
  for (let i = 0; i < entries.length; i += MAX_COMMIT_MUTATIONS) {
    const chunk = entries.slice(i, i + MAX_COMMIT_MUTATIONS);
    const now = await source.getEntries(chunk.map(([key]) => key));
    for (const [key, , version] of chunk) if (now.get(key)?.version !== version) moved.push(key);
  }
  return moved;
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

/** Writes a batch read by `readBatch` to `target`, by the rules of this module. */
export async function writeBatch(
  source: StorageBackend,
  target: StorageBackend,
  batch: BatchRead,
  deletes?: DeleteWitness,
): Promise<BatchWritten> {
  return settleBatch(source, target, await putBatch(target, batch), deletes);
}
