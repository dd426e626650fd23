/** The ordered key-value interface every Mnemo component is written against. */

export type BackendType = "memory" | "level" | "postgres" | (string & {});

/** What a backend can do. Tests and the kernel branch on these, never on `backendType()`. */
export interface BackendCharacteristics {
  /** Data survives a process restart. */
  readonly persistent: boolean;
  /** Batches and `write()` are applied all-or-nothing. */
  readonly transactional: boolean;
  /** `scan({ prefix })` costs O(log n + k), not a full scan. */
  readonly supportsPrefixScan: boolean;
  /** `compareAndSwap` is atomic, including across processes sharing the store. */
  readonly supportsAtomicOps: boolean;
  /** Several processes may open the same store at once (PostgreSQL yes, LevelDB no). */
  readonly multiProcess: boolean;
  /** Median single-get latency measured by the benchmark suite, in microseconds. */
  readonly avgReadLatencyUs: number;
  /** Median single-set latency measured by the benchmark suite, in microseconds. */
  readonly avgWriteLatencyUs: number;
}

export interface ScanOptions {
  /** Only keys that start with this string. Combined with the bounds below by intersection. */
  readonly prefix?: string;
  readonly gt?: string;
  readonly gte?: string;
  readonly lt?: string;
  readonly lte?: string;
  /** Largest key first. */
  readonly reverse?: boolean;
  /** At most this many entries; a non-negative integer. */
  readonly limit?: number;
}

export type WriteOp =
  | { readonly type: "put"; readonly key: string; readonly value: Uint8Array }
  | { readonly type: "del"; readonly key: string };

export type Entry = readonly [key: string, value: Uint8Array];

export interface StorageBackend {
  /** The component namespace this handle reads and writes. */
  readonly namespace: string;
  /** The tenant this handle reads and writes. */
  readonly tenant: string;

  get(key: string): Promise<Uint8Array | undefined>;
  set(key: string, value: Uint8Array): Promise<void>;
  /** Deleting a missing key is a no-op. */
  delete(key: string): Promise<void>;
  exists(key: string): Promise<boolean>;
  /** Every key that starts with `prefix`, in key order. Prefer `scan` for large ranges. */
  listKeys(prefix?: string): Promise<string[]>;
  /** Only the keys found are in the result. */
  getBatch(keys: Iterable<string>): Promise<Map<string, Uint8Array>>;
  /** Atomic; a key named twice keeps its last value. */
  setBatch(entries: Iterable<Entry>): Promise<void>;
  /** Atomic. */
  deleteBatch(keys: Iterable<string>): Promise<void>;
  /** Removes every key of this handle's tenant and namespace, nothing else. */
  clear(): Promise<void>;
  backendType(): BackendType;
  characteristics(): BackendCharacteristics;

  /** Entries in key order (UTF-8 byte order), streamed: never materialised whole. */
  scan(options?: ScanOptions): AsyncIterable<Entry>;
  /** Puts and deletes applied atomically, all or none; for a key named twice the last op wins. */
  write(ops: Iterable<WriteOp>): Promise<void>;
  /**
   * Sets `key` to `next` only if its current value equals `expected` (`undefined` = absent).
   * `next === undefined` deletes. Returns whether the swap happened.
   */
  compareAndSwap(
    key: string,
    expected: Uint8Array | undefined,
    next: Uint8Array | undefined,
  ): Promise<boolean>;

  /** A handle on the same resources that sees only `tenantId`'s data. */
  forTenant(tenantId: string): StorageBackend;
  /** A handle on the same resources and tenant, in another namespace. */
  forNamespace(namespace: string): StorageBackend;
  /**
   * Idempotent. On the handle a backend was opened with, releases the resources (and so
   * closes every handle derived from it); on a derived handle, closes only that handle.
   */
  close(): Promise<void>;
}

export interface BackendLimits {
  /** Largest value accepted, in bytes. Default 16 MiB. */
  readonly maxValueBytes: number;
}

export const DEFAULT_MAX_VALUE_BYTES = 16 * 1024 * 1024;
export const MAX_KEY_BYTES = 1024;
export const DEFAULT_NAMESPACE = "default";
export const DEFAULT_TENANT = "default";
