import { type Entry, type KeyRange, StorageError, type VersionedScanEntry } from "@mnemo/core";
import type { MemoryStore } from "./memory-store.js";
import type { Partition, StoredEntry } from "./partition.js";
import { toSortable } from "./sortable-key.js";
import type { ValueSlab } from "./value-slab.js";

/**
 * Entries a page holds: small first, so a scan that stops after a few entries reads few,
 * then larger, so a long scan re-seeks the tree rarely.
 */
const FIRST_PAGE = 32;
const MAX_PAGE = 1024;

type Bound = { readonly key: string; readonly inclusive: boolean } | undefined;
type ScanEntry = Entry | VersionedScanEntry;

const DONE: IteratorResult<ScanEntry> = { done: true, value: undefined };

/**
 * A scan over one partition. Not an async generator: a page of entries is read from the tree
 * synchronously, then `next()` hands them out one by one with an already-resolved promise
 * (no generator machinery per entry). The page holds the stored entry objects, which are
 * never changed in place, and each value is copied out only when `next()` hands it over; the
 * page is also bounded by `scanReadAheadBytes` of values (at least one entry), so it never
 * keeps much more than that alive. Writes may land between pages, so each page re-seeks
 * from the last key read (read-committed, like the other backends).
 */
export class MemoryScan implements AsyncIterator<ScanEntry> {
  readonly #store: MemoryStore;
  readonly #partition: () => Partition | undefined;
  readonly #isClosed: () => boolean;
  readonly #reverse: boolean;
  readonly #versions: boolean;
  readonly #lower: Bound;
  readonly #upper: Bound;
  #remaining: number;
  /** The sortable key of the last entry read; the next page starts after it. */
  #resume: string | undefined;
  #page: StoredEntry[] = [];
  #index = 0;
  #pageSize = FIRST_PAGE;
  #slab: ValueSlab | undefined;
  #finished = false;

  constructor(
    range: KeyRange,
    store: MemoryStore,
    partition: () => Partition | undefined,
    isClosed: () => boolean,
  ) {
    this.#store = store;
    this.#partition = partition;
    this.#isClosed = isClosed;
    this.#reverse = range.reverse;
    this.#versions = range.versions;
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

  next(): Promise<IteratorResult<ScanEntry>> {
    // A scan cut short by close() must fail, not look like the end of the range.
    if (this.#isClosed()) return this.#failClosed();
    if (this.#index === this.#page.length) {
      if (this.#finished) return Promise.resolve(DONE);
      this.#fill();
      if (this.#page.length === 0) return Promise.resolve(DONE);
    }
    const stored = this.#page[this.#index++]!;
    const value = this.#slab!.copy(stored.value);
    return Promise.resolve({
      done: false,
      value: this.#versions
        ? [stored.key, value, this.#store.version(stored.commit)]
        : [stored.key, value],
    });
  }

  return(): Promise<IteratorResult<ScanEntry>> {
    this.#finished = true;
    this.#page = [];
    this.#index = 0;
    return Promise.resolve(DONE);
  }

  #failClosed(): Promise<IteratorResult<ScanEntry>> {
    const wasFinished = this.#finished && this.#index === this.#page.length;
    this.return();
    return wasFinished
      ? Promise.resolve(DONE)
      : Promise.reject(new StorageError("CLOSED", "memory backend closed during a scan"));
  }

  #fill(): void {
    const page: StoredEntry[] = [];
    this.#page = page;
    this.#index = 0;
    const partition = this.#partition();
    const want = Math.min(this.#remaining, this.#pageSize);
    if (partition === undefined || want <= 0) {
      this.#finished = true;
      return;
    }
    this.#slab = partition.slab;
    this.#pageSize = Math.min(this.#pageSize * 4, MAX_PAGE);
    const budget = this.#store.limits.scanReadAheadBytes;
    let bytes = 0;
    let exhausted = true;
    let last: string | undefined;
    const { tree } = partition;
    const reused: [string, StoredEntry] = ["", undefined!];
    if (!this.#reverse) {
      const upper = this.#upper;
      const start = this.#resume ?? this.#lower?.key;
      let skip =
        this.#resume !== undefined || (this.#lower !== undefined && !this.#lower.inclusive);
      for (const pair of tree.entries(start, reused)) {
        const k = pair[0];
        if (skip) {
          skip = false;
          if (k === start) continue;
        }
        if (upper !== undefined && (k > upper.key || (k === upper.key && !upper.inclusive))) break;
        const entry = pair[1];
        bytes += entry.value.byteLength;
        if (bytes > budget && page.length > 0) {
          exhausted = false;
          break;
        }
        page.push(entry);
        last = k;
        if (page.length === want) {
          exhausted = false;
          break;
        }
      }
    } else {
      const lower = this.#lower;
      const start = this.#resume ?? this.#upper?.key;
      const skip =
        this.#resume !== undefined || (this.#upper !== undefined && !this.#upper.inclusive);
      for (const pair of tree.entriesReversed(start, reused, skip)) {
        const k = pair[0];
        if (lower !== undefined && (k < lower.key || (k === lower.key && !lower.inclusive))) break;
        const entry = pair[1];
        bytes += entry.value.byteLength;
        if (bytes > budget && page.length > 0) {
          exhausted = false;
          break;
        }
        page.push(entry);
        last = k;
        if (page.length === want) {
          exhausted = false;
          break;
        }
      }
    }
    this.#remaining -= page.length;
    if (exhausted || this.#remaining === 0) this.#finished = true;
    else this.#resume = last;
  }
}
