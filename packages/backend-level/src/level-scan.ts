import type { ClassicLevel } from "classic-level";

/** Entries a scan reads per round trip to LevelDB's thread pool. */
const SCAN_CHUNK = 1000;

export interface LevelRange {
  gt?: string;
  gte?: string;
  lt?: string;
  lte?: string;
  reverse: boolean;
  /** `Infinity` when unlimited. */
  limit: number;
  /** The scan's read-ahead bound, `limits.scanReadAheadBytes`. */
  readAheadBytes: number;
}

/**
 * LevelDB fills a chunk until its keys and values exceed `highWaterMarkBytes`, so a chunk
 * holds that much plus the entry that crossed it. Half the read-ahead (and at most 1 MiB,
 * plenty to amortise a round trip) keeps a chunk within the read-ahead whenever no single
 * entry is larger than the other half.
 */
export function chunkBytes(readAheadBytes: number): number {
  return Math.max(1, Math.min(1024 * 1024, Math.floor(readAheadBytes / 2)));
}

/**
 * Streams a LevelDB range in chunks of `nextv`, never the whole range. A plain iterator
 * rather than an async generator: an entry already in the chunk costs one resolved promise.
 * The LevelDB iterator reads from the snapshot taken when the scan starts. `toEntry` checks
 * each entry (its envelope) as it is yielded; a failed check ends the scan with its error.
 */
export class LevelScan<Entry> implements AsyncIterator<Entry>, AsyncIterable<Entry> {
  readonly #iterator: {
    nextv(size: number): Promise<[string, Uint8Array][]>;
    close(): Promise<void>;
  };
  readonly #toEntry: (key: string, value: Uint8Array) => Entry;
  readonly #onError: (error: unknown) => Error;
  #chunk: [string, Uint8Array][] = [];
  #index = 0;
  #remaining: number;
  #done = false;

  constructor(
    db: ClassicLevel<string, Uint8Array>,
    range: LevelRange,
    toEntry: (key: string, value: Uint8Array) => Entry,
    onError: (error: unknown) => Error,
  ) {
    const { limit, readAheadBytes, ...bounds } = range;
    this.#iterator = db.iterator<string, Uint8Array>({
      ...bounds,
      highWaterMarkBytes: chunkBytes(readAheadBytes),
    });
    this.#remaining = limit;
    this.#toEntry = toEntry;
    this.#onError = onError;
  }

  [Symbol.asyncIterator](): this {
    return this;
  }

  next(): Promise<IteratorResult<Entry>> {
    if (this.#index < this.#chunk.length) {
      const [key, value] = this.#chunk[this.#index++]!;
      let entry: Entry;
      try {
        entry = this.#toEntry(key, value);
      } catch (error) {
        return this.return().then(() => Promise.reject(error));
      }
      return Promise.resolve({ value: entry, done: false });
    }
    return this.#nextChunk();
  }

  async #nextChunk(): Promise<IteratorResult<Entry>> {
    if (this.#done || this.#remaining <= 0) return this.return();
    try {
      this.#chunk = await this.#iterator.nextv(Math.min(this.#remaining, SCAN_CHUNK));
    } catch (error) {
      await this.return();
      throw this.#onError(error);
    }
    this.#index = 0;
    this.#remaining -= this.#chunk.length;
    if (this.#chunk.length === 0) return this.return();
    return this.next();
  }

  async return(): Promise<IteratorResult<Entry>> {
    if (!this.#done) {
      this.#done = true;
      this.#chunk = [];
      await this.#iterator.close().catch(() => {});
    }
    return { value: undefined, done: true };
  }
}
