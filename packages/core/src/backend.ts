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
  /** Yield `[key, value, version]` instead of `[key, value]`. */
  readonly versions?: boolean;
}

export type WriteOp =
  | { readonly type: "put"; readonly key: string; readonly value: Uint8Array }
  | { readonly type: "del"; readonly key: string };

export type Entry = readonly [key: string, value: Uint8Array];

/** What `scan({ versions: true })` yields. */
export type VersionedScanEntry = readonly [key: string, value: Uint8Array, version: string];

/**
 * A stored value with its version. A version is an opaque string (compare versions of one key
 * with `===` only; see the README for what each backend promises beyond that) that changes
 * with every commit writing the key, grows strictly for a key across commits, and is the same
 * for every key one commit writes.
 */
export interface VersionedEntry {
  readonly value: Uint8Array;
  readonly version: string;
}

/** A check of a checked commit: the key holds exactly `version`, or (`null`) is absent. */
export interface CommitCheck {
  readonly key: string;
  readonly version: string | null;
}

/**
 * A mutation of a checked commit. `sum` adds `delta` to the 64-bit signed counter stored at
 * `key` (absent counts as 0; see `encodeCounter` for the 8-byte encoding) without a read
 * round trip.
 */
export type Mutation =
  | { readonly type: "put"; readonly key: string; readonly value: Uint8Array }
  | { readonly type: "del"; readonly key: string }
  | { readonly type: "sum"; readonly key: string; readonly delta: bigint };

/**
 * `ok: true`: every check held and every mutation was applied, under `version`. `ok: false`:
 * nothing was written; `failed` names the checked keys whose check did not hold (in the
 * order the checks were given).
 */
export type CommitResult =
  | { readonly ok: true; readonly version: string }
  | { readonly ok: false; readonly failed: readonly string[] };

/**
 * Builds a checked commit: `store.atomic().check(k, v).put(k, next).sum(n, 1n).commit()`.
 * Checks and mutations are validated when `commit()` is called, before anything is sent.
 */
export interface AtomicOperation {
  /** Requires `key` to hold exactly `version` (from `getEntry` or a scan), or `null`: absent. */
  check(key: string, version: string | null): AtomicOperation;
  put(key: string, value: Uint8Array): AtomicOperation;
  delete(key: string): AtomicOperation;
  /** Adds `delta` (a bigint, or a safe integer) to the counter at `key`. */
  sum(key: string, delta: bigint | number): AtomicOperation;
  commit(): Promise<CommitResult>;
}

/** At most this many checks per commit. */
export const MAX_COMMIT_CHECKS = 100;
/** At most this many mutations per commit. */
export const MAX_COMMIT_MUTATIONS = 1000;
/** At most this many bytes of keys (UTF-8) and values per commit, checks included. */
export const MAX_COMMIT_BYTES = 64 * 1024 * 1024;

/** What `putAbsent` did: the keys it wrote (those that were absent), in the order given. */
export interface PutAbsentResult {
  readonly written: readonly string[];
}

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

  /** The value and its version, or `undefined` when absent. */
  getEntry(key: string): Promise<VersionedEntry | undefined>;
  /** Only the keys found are in the result. */
  getEntries(keys: Iterable<string>): Promise<Map<string, VersionedEntry>>;

  /**
   * Entries in key order (UTF-8 byte order), streamed: never materialised whole, and never
   * reading ahead more than `limits.scanReadAheadBytes` of values (one larger value at most).
   */
  scan(options: ScanOptions & { readonly versions: true }): AsyncIterable<VersionedScanEntry>;
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

  /**
   * A checked commit: applies `mutations` all-or-nothing if every check holds. A failed check
   * is a result (`ok: false`), not an exception. Limits: `MAX_COMMIT_CHECKS` checks,
   * `MAX_COMMIT_MUTATIONS` mutations, `MAX_COMMIT_BYTES` bytes; a key may be checked and
   * mutated in one commit; a key mutated several times gets its mutations in order (the
   * last put or delete wins, sums after it add up).
   */
  commit(checks: Iterable<CommitCheck>, mutations: Iterable<Mutation>): Promise<CommitResult>;
  /** The builder form of `commit`. */
  atomic(): AtomicOperation;
  /**
   * Puts every entry whose key is absent and leaves the present ones untouched, atomically
   * (as one commit: the keys written share one new version). Reports the keys written. A
   * key named twice keeps its last value. Limits as a commit's mutations:
   * `MAX_COMMIT_MUTATIONS` entries, `MAX_COMMIT_BYTES` bytes; every key and value is
   * validated before anything is written. The bulk copy of migration and import.
   */
  putAbsent(entries: Iterable<Entry>): Promise<PutAbsentResult>;

  /** The namespaces that hold data in this store, in byte order (operators: migration, export). */
  listNamespaces(): AsyncIterable<string>;
  /**
   * The tenants that hold data in this handle's namespace, in byte order. Needs operator
   * rights where the backend has such a notion (PostgreSQL: the owner connection); without
   * them it fails with `PERMISSION_DENIED`.
   */
  listTenants(): AsyncIterable<string>;

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
  /**
   * Most bytes of values a scan reads ahead of its consumer (a page, a chunk). A single value
   * larger than this is still read, alone. Default 8 MiB.
   */
  readonly scanReadAheadBytes: number;
}

export const DEFAULT_MAX_VALUE_BYTES = 16 * 1024 * 1024;
export const DEFAULT_SCAN_READ_AHEAD_BYTES = 8 * 1024 * 1024;
export const MAX_KEY_BYTES = 1024;
export const DEFAULT_NAMESPACE = "default";
export const DEFAULT_TENANT = "default";
