import { type Entry, type KeyRange, StorageError, type VersionedScanEntry } from "@mnemo/core";
import type { MemoryStore } from "./memory-store.js";
import type { Partition, StoredValue } from "./partition.js";
import { fromSortable, toSortable } from "./sortable-key.js";

/**
 * Entries a page holds: few first, so a scan that stops after a few entries reads few, then
 * more, so a long scan re-seeks the tree rarely.
 */
const FIRST_PAGE = 32;
const MAX_PAGE = 1024;

type Bound = { readonly key: string; readonly inclusive: boolean } | undefined;
type ScanEntry = Entry | VersionedScanEntry;

const DONE: IteratorResult<ScanEntry> = { done: true, value: undefined };
const BREAK = { break: true } as const;

/**
 * A scan over one partition. Not an async generator: a page of entries is read from the tree
 * synchronously, then `next()` hands them out one by one with an already-resolved promise
 * (no generator machinery per entry).
 *
 * A page's values are copied out in the same tight loop that walks the tree: the values of
 * a range are scattered in memory, and copying them back to back lets the CPU overlap their
 * cache misses (copying one per `next()`, between promise jobs, was slower in every run
 * here). So a page is bounded by `scanReadAheadBytes` of values (at least one entry) as well as by
 * entries: that is all the memory a scan holds ahead of its consumer. Writes may land
 * between pages, so each page re-seeks from the last key read (read-committed, like the
 * other backends); whether the handle was closed is checked per page.
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
  #resumeKey: string | undefined;
  /** The page: the entries to hand out, values already copied. */
  #page: ScanEntry[] = [];
  #index = 0;
  #pageSize = FIRST_PAGE;
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
    let index = this.#index;
    if (index === this.#page.length) {
      if (this.#finished) return Promise.resolve(DONE);
      // A scan cut short by close() must fail, not look like the end of the range.
      if (this.#isClosed()) {
        this.return();
        return Promise.reject(new StorageError("CLOSED", "memory backend closed during a scan"));
      }
      this.#fill();
      if (this.#page.length === 0) return Promise.resolve(DONE);
      index = 0;
    }
    this.#index = index + 1;
    return Promise.resolve({ done: false, value: this.#page[index]! });
  }

  return(): Promise<IteratorResult<ScanEntry>> {
    this.#finished = true;
    this.#page = [];
    this.#index = 0;
    return Promise.resolve(DONE);
  }

  /** Reads the next page from the tree; sets #finished when the range holds no more. */
  #fill(): void {
    const page: ScanEntry[] = [];
    this.#page = page;
    this.#index = 0;
    const partition = this.#partition();
    const want = Math.min(this.#remaining, this.#pageSize);
    if (partition === undefined || want <= 0) {
      this.#finished = true;
      return;
    }
    const { slab } = partition;
    const versions = this.#versions;
    const permuted = partition.permutedKeys;
    const store = this.#store;
    let lastKey: string | undefined;
    this.#pageSize = Math.min(this.#pageSize * 4, MAX_PAGE);
    const budget = this.#store.limits.scanReadAheadBytes;
    let bytes = 0;
    let full = false;
    // Adds one entry; false once the page is full (by entries or bytes).
    const take = (k: string, v: StoredValue): boolean => {
      bytes += v.byteLength;
      if (bytes > budget && page.length > 0) {
        full = true;
        return false;
      }
      const key = permuted ? fromSortable(k) : k;
      lastKey = k;
      page.push(versions ? [key, slab.copy(v), store.version(v.commit)] : [key, slab.copy(v)]);
      if (page.length === want) {
        full = true;
        return false;
      }
      return true;
    };
    const { tree } = partition;
    const resume = this.#resumeKey;
    if (!this.#reverse) {
      // forRange calls back per entry with no iterator object in between.
      const upper = this.#upper;
      const low = resume ?? this.#lower?.key ?? "";
      const skipLow = resume !== undefined || (this.#lower !== undefined && !this.#lower.inclusive);
      const high = upper?.key ?? tree.maxKey();
      if (high !== undefined) {
        tree.forRange(low, high, upper === undefined || upper.inclusive, (k, v) =>
          (skipLow && k === low) || take(k, v) ? undefined : BREAK,
        );
      }
    } else {
      const lower = this.#lower;
      const start = resume ?? this.#upper?.key;
      const skip = resume !== undefined || (this.#upper !== undefined && !this.#upper.inclusive);
      const reused: [string, StoredValue] = ["", undefined!];
      for (const [k, v] of tree.entriesReversed(start, reused, skip)) {
        if (lower !== undefined && (k < lower.key || (k === lower.key && !lower.inclusive))) break;
        if (!take(k, v)) break;
      }
    }
    this.#remaining -= page.length;
    if (!full || this.#remaining === 0) this.#finished = true;
    else this.#resumeKey = lastKey;
  }
}
