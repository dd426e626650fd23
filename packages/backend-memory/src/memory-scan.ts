import { type Entry, type KeyRange, StorageError } from "@mnemo/core";
import type { Partition } from "./partition.js";
import { fromSortable, toSortable } from "./sortable-key.js";

/** Entries a scan collects synchronously before handing them out. */
const SCAN_CHUNK = 256;

type Bound = { readonly key: string; readonly inclusive: boolean } | undefined;

const DONE: IteratorResult<Entry> = { done: true, value: undefined };

/**
 * A scan over one partition. Not an async generator: every chunk is read synchronously, so
 * `next()` hands out an already-resolved promise with no generator machinery per entry.
 * Writes may land between chunks, so each chunk re-seeks from the last key it returned
 * (read-committed, like the other backends).
 */
export class MemoryScan implements AsyncIterator<Entry> {
  readonly #partition: () => Partition | undefined;
  readonly #isClosed: () => boolean;
  readonly #reverse: boolean;
  readonly #lower: Bound;
  readonly #upper: Bound;
  #remaining: number;
  #resume: string | undefined;
  #chunk: Entry[] = [];
  #index = 0;
  #finished = false;

  constructor(range: KeyRange, partition: () => Partition | undefined, isClosed: () => boolean) {
    this.#partition = partition;
    this.#isClosed = isClosed;
    this.#reverse = range.reverse;
    this.#remaining = range.limit;
    this.#lower = range.lower && {
      key: toSortable(range.lower.key),
      inclusive: range.lower.inclusive,
    };
    this.#upper = range.upper && {
      key: toSortable(range.upper.key),
      inclusive: range.upper.inclusive,
    };
  }

  next(): Promise<IteratorResult<Entry>> {
    if (this.#index === this.#chunk.length) {
      if (this.#finished) return Promise.resolve(DONE);
      // A scan cut short by close() must fail, not look like the end of the range.
      if (this.#isClosed()) {
        this.#finished = true;
        return Promise.reject(new StorageError("CLOSED", "memory backend closed during a scan"));
      }
      this.#fill();
      if (this.#chunk.length === 0) return Promise.resolve(DONE);
    }
    return Promise.resolve({ done: false, value: this.#chunk[this.#index++]! });
  }

  return(): Promise<IteratorResult<Entry>> {
    this.#finished = true;
    this.#chunk = [];
    this.#index = 0;
    return Promise.resolve(DONE);
  }

  #fill(): void {
    const chunk: Entry[] = [];
    this.#chunk = chunk;
    this.#index = 0;
    const partition = this.#partition();
    const want = Math.min(this.#remaining, SCAN_CHUNK);
    if (partition === undefined || want <= 0) {
      this.#finished = true;
      return;
    }
    const { tree, slab } = partition;
    const lower = this.#lower;
    const upper = this.#upper;
    if (!this.#reverse) {
      const start = this.#resume ?? lower?.key;
      const skipStart = this.#resume !== undefined || (lower !== undefined && !lower.inclusive);
      for (const [k, v] of tree.entries(start)) {
        if (skipStart && k === start) continue;
        if (upper !== undefined && (k > upper.key || (k === upper.key && !upper.inclusive))) break;
        chunk.push([fromSortable(k), slab.copy(v)]);
        if (chunk.length === want) break;
      }
    } else {
      const start = this.#resume ?? upper?.key;
      const skipStart = this.#resume !== undefined || (upper !== undefined && !upper.inclusive);
      for (const [k, v] of tree.entriesReversed(start, undefined, skipStart)) {
        if (lower !== undefined && (k < lower.key || (k === lower.key && !lower.inclusive))) break;
        chunk.push([fromSortable(k), slab.copy(v)]);
        if (chunk.length === want) break;
      }
    }
    this.#remaining -= chunk.length;
    if (chunk.length < want || this.#remaining === 0) this.#finished = true;
    else this.#resume = toSortable(chunk[chunk.length - 1]![0]);
  }
}
