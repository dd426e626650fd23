/**
 * One tenant's backfill as a pipeline. Batches are read in key order (one read ahead, see
 * `BatchReader`); up to `inFlight` of them are put at once, each on a pooled connection of
 * its own (they share no key, so they take no lock of each other's); and the checkpoint
 * follows the put prefix: every `checkpointEvery` batches put (in key order), one settle
 * for all of them (`settleBatches`: one read of the deletion log, after all their puts),
 * then the checkpoint naming the last one's last key, so a killed copier never skips a
 * batch it did not settle. One such commit at a time while the puts go on; one at the
 * tenant's end and on a stop (then exactly where the copy stopped). A copier killed in
 * between redoes the batches past it: `putAbsent` leaves what they wrote alone, and the
 * deletion log settles the deletes among them (see migration.ts).
 */
import type { StorageBackend } from "@mnemo/core";
import {
  type BatchPut,
  BatchReader,
  type BatchWritten,
  countWritten,
  type DeleteWitness,
  putBatch,
  settleBatches,
  withoutValues,
} from "./backfill.js";

/** Where a checkpoint puts the copy. */
export interface CopyPosition {
  /** The last key of the last batch covered (the start position for an empty last batch). */
  readonly lastKey: string | undefined;
  /** The tenant's last batch is covered: the tenant is copied to the end. */
  readonly finished: boolean;
}

export interface TenantCopyOptions {
  readonly batchSize: number;
  /** Batches put and settled at once. */
  readonly inFlight: number;
  /** Batches per checkpoint commit (and per settle). */
  readonly checkpointEvery: number;
  /** The deletion log, read by each settle (see `settleBatches`). */
  readonly deletes?: DeleteWitness | undefined;
  /** Checked before each batch is read: stop, with a checkpoint of every batch begun. */
  readonly signal?: AbortSignal | undefined;
  /** Runs a store call again while its store is away (`retryUnavailable`). */
  readonly retry: <T>(body: () => Promise<T>) => Promise<T>;
  /** Commits the checkpoint `at`; `written` sums the batches since the one before. */
  readonly checkpoint: (at: CopyPosition, written: BatchWritten) => Promise<void>;
}

const NOTHING: BatchWritten = { copied: 0, skipped: 0, bytes: 0 };

function plus(a: BatchWritten, b: BatchWritten): BatchWritten {
  return { copied: a.copied + b.copied, skipped: a.skipped + b.skipped, bytes: a.bytes + b.bytes };
}

/** A batch put: what it copied, and what its settle needs. */
interface Put {
  readonly put: BatchPut;
  readonly written: BatchWritten;
}

/** Settles `puts` and commits the checkpoint `at`. */
type Commit = (puts: readonly BatchPut[], at: CopyPosition, written: BatchWritten) => Promise<void>;

/**
 * The settles and checkpoint commits of one tenant, in order and one at a time: batches put
 * while a commit runs wait for the next one, which covers them all.
 */
class Checkpoints {
  readonly #every: number;
  readonly #commit: Commit;
  #pending = NOTHING;
  #puts: BatchPut[] = [];
  #batches = 0;
  #at: CopyPosition | undefined;
  #committing: Promise<void> | undefined;
  #failure: { readonly error: unknown } | undefined;

  constructor(every: number, commit: Commit) {
    this.#every = every;
    this.#commit = commit;
  }

  /** The next batch in key order is put. */
  put(at: CopyPosition, { put, written }: Put): void {
    this.#throwIfFailed();
    this.#pending = plus(this.#pending, written);
    this.#puts.push(put);
    this.#batches++;
    this.#at = at;
    if (this.#batches >= this.#every) this.#start();
  }

  /** Waits while the batches put and not yet checkpointed are twice the interval. */
  async throttle(): Promise<void> {
    while (this.#committing !== undefined && this.#batches >= 2 * this.#every) {
      await this.#committing;
    }
    this.#throwIfFailed();
  }

  /** Settles and commits every batch put, and waits for it. */
  async flush(): Promise<void> {
    await this.idle();
    this.#throwIfFailed();
    if (this.#batches === 0) return;
    this.#start();
    await this.idle();
    this.#throwIfFailed();
  }

  /** Waits for the commit under way, if any; never throws. */
  async idle(): Promise<void> {
    while (this.#committing !== undefined) await this.#committing;
  }

  #start(): void {
    if (this.#committing !== undefined || this.#failure !== undefined || this.#batches === 0) {
      return;
    }
    const at = this.#at!;
    const written = this.#pending;
    const puts = this.#puts;
    this.#pending = NOTHING;
    this.#puts = [];
    this.#batches = 0;
    this.#committing = this.#commit(puts, at, written).then(
      () => {
        this.#committing = undefined;
        if (this.#batches >= this.#every) this.#start();
      },
      (error: unknown) => {
        this.#committing = undefined;
        this.#failure = { error };
      },
    );
  }

  #throwIfFailed(): void {
    if (this.#failure !== undefined) throw this.#failure.error;
  }
}

/**
 * Copies the tenant's keys of `source` past `after` to `target`. True when copied to the
 * end, false when stopped by the signal. On a failure it waits for the batches in flight
 * (so no call of this copy runs after it) and throws the first error.
 */
export async function copyTenant(
  source: StorageBackend,
  target: StorageBackend,
  after: string | undefined,
  options: TenantCopyOptions,
): Promise<boolean> {
  const reader = new BatchReader(source, options.batchSize);
  const checkpoints = new Checkpoints(options.checkpointEvery, async (puts, at, written) => {
    await options.retry(() => settleBatches(source, target, puts, options.deletes));
    await options.checkpoint(at, written);
  });
  const window: { readonly done: Promise<Put>; readonly at: CopyPosition }[] = [];
  const takeOldest = async () => {
    const { done, at } = window.shift()!;
    checkpoints.put(at, await done);
  };
  let position = after;
  let finished = false;
  try {
    while (!finished && !options.signal?.aborted) {
      const batch = await options.retry(() => reader.read(position));
      finished = batch.entries.length < options.batchSize;
      const done = (async (): Promise<Put> => {
        let tries = 0;
        const put = await options.retry(() => {
          tries++;
          return putBatch(target, batch);
        });
        // A try that failed may have written (a connection lost after the commit): then the
        // keys the retry found taken may be the copy's own, so the settle covers them all.
        const settle = tries === 1 ? put : { written: batch.entries, taken: 0 };
        return { put: withoutValues(settle), written: countWritten(put) };
      })();
      done.catch(() => {}); // awaited in order by takeOldest, or on a failure below
      window.push({ done, at: { lastKey: batch.lastKey ?? position, finished } });
      position = batch.lastKey;
      while (window.length >= options.inFlight || (finished && window.length > 0)) {
        await takeOldest();
      }
      await checkpoints.throttle();
    }
    while (window.length > 0) await takeOldest();
    await checkpoints.flush();
    return finished;
  } catch (error) {
    await Promise.allSettled(window.map(({ done }) => done));
    await checkpoints.idle();
    throw error;
  }
}
