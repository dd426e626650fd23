import {
  type AtomicOperation,
  type BackendCharacteristics,
  type BackendLimits,
  type BackendType,
  type CommitCheck,
  type CommitResult,
  DEFAULT_MAX_VALUE_BYTES,
  DEFAULT_SCAN_READ_AHEAD_BYTES,
  type Entry,
  type Mutation,
  type PutAbsentResult,
  type ScanOptions,
  type StorageBackend,
  type VersionedEntry,
  type VersionedScanEntry,
  type WriteOp,
} from "./backend.js";
import { AtomicBuilder, type NormalizedCommit, normalizeCommit } from "./commit.js";
import { describe, StorageError } from "./errors.js";
import { normalizePutAbsent } from "./put-absent.js";
import {
  collectKeys,
  entriesToPuts,
  type KeyRange,
  keysToDeletes,
  normalizeScan,
  normalizeWriteOps,
  validateKey,
  validateNamespace,
  validateTenantId,
  validateValue,
} from "./validation.js";

const EMPTY_SCAN: AsyncIterator<Entry> = {
  next: async () => ({ done: true, value: undefined }),
};

/** Where a handle points: which namespace and tenant it reads and writes. */
export interface BackendScope {
  readonly namespace: string;
  readonly tenant: string;
}

/**
 * State shared by a backend's root handle and every handle derived from it. Closing the
 * root closes the resources; derived handles see that through `closed`.
 */
export interface SharedBackendState {
  closed: boolean;
  readonly limits: BackendLimits;
}

export interface LimitOptions {
  /** Default 16 MiB. */
  readonly maxValueBytes?: number;
  /** Default 8 MiB. */
  readonly scanReadAheadBytes?: number;
}

function limitOption(options: LimitOptions, name: keyof LimitOptions, fallback: number): number {
  const value = options[name] ?? fallback;
  if (!Number.isSafeInteger(value) || value < (name === "maxValueBytes" ? 0 : 1)) {
    throw new StorageError(
      "INVALID_ARGUMENT",
      `${name} must be a ${name === "maxValueBytes" ? "non-negative" : "positive"} integer, got ${describe(value)}`,
      {
        details: { field: name },
      },
    );
  }
  return value;
}

export function sharedState(options: LimitOptions = {}): SharedBackendState {
  return {
    closed: false,
    limits: {
      maxValueBytes: limitOption(options, "maxValueBytes", DEFAULT_MAX_VALUE_BYTES),
      scanReadAheadBytes: limitOption(options, "scanReadAheadBytes", DEFAULT_SCAN_READ_AHEAD_BYTES),
    },
  };
}

/**
 * The base every backend extends. Public methods own validation, normalisation and the
 * closed check; subclasses implement the protected `_` hooks, which receive exactly the
 * documented, already-validated arguments (the abstract-level pattern).
 */
export abstract class AbstractBackend implements StorageBackend {
  readonly namespace: string;
  readonly tenant: string;
  protected readonly shared: SharedBackendState;
  readonly #isRoot: boolean;
  #closed = false;
  #closing: Promise<void> | undefined;

  protected constructor(scope: BackendScope, shared: SharedBackendState, isRoot: boolean) {
    validateNamespace(scope.namespace);
    validateTenantId(scope.tenant);
    this.namespace = scope.namespace;
    this.tenant = scope.tenant;
    this.shared = shared;
    this.#isRoot = isRoot;
  }

  // ---- hooks a backend implements --------------------------------------------------

  protected abstract _get(key: string): Promise<Uint8Array | undefined>;
  /** Only the keys found. `keys` holds no duplicates. */
  protected abstract _getMany(keys: readonly string[]): Promise<Map<string, Uint8Array>>;
  protected abstract _getEntry(key: string): Promise<VersionedEntry | undefined>;
  /** Only the keys found. `keys` holds no duplicates. */
  protected abstract _getEntries(keys: readonly string[]): Promise<Map<string, VersionedEntry>>;
  /**
   * Applies a validated commit all-or-nothing: at most one check and one mutation per key,
   * limits already enforced. Every key written gets the commit's one new version. Checks
   * come first: when one fails the result is `{ ok: false, failed }`, whatever the mutations
   * would have done. Otherwise a stored value under a `sum` that is not an 8-byte counter
   * refuses the whole commit with `INVALID_VALUE`, as does an overflowing sum.
   */
  protected abstract _commit(commit: NormalizedCommit): Promise<CommitResult>;
  /**
   * Puts the entries whose key is absent, all under one new version, atomically with respect
   * to every other write (a concurrent commit checking one of these keys absent sees it
   * either before or after). `entries` is non-empty, one per key, limits already enforced.
   * Returns the keys written, in the order given.
   */
  protected abstract _putAbsent(entries: readonly Entry[]): Promise<PutAbsentResult>;
  /**
   * Never called with an empty range. With `range.versions`, yields `[key, value, version]`.
   * Reads ahead at most `limits.scanReadAheadBytes` of values (and at least one entry).
   */
  protected abstract _scan(range: KeyRange): AsyncIterable<Entry | VersionedScanEntry>;
  protected abstract _clear(): Promise<void>;
  /** Namespaces holding data, in byte order. */
  protected abstract _listNamespaces(): AsyncIterable<string>;
  /** Tenants holding data in this handle's namespace, in byte order; may refuse `PERMISSION_DENIED`. */
  protected abstract _listTenants(): AsyncIterable<string>;
  /** A new handle on the same resources for another scope (not a root). */
  protected abstract _derive(scope: BackendScope): AbstractBackend;
  /** Releases the resources; called once, from the root handle. */
  protected abstract _close(): Promise<void>;

  abstract backendType(): BackendType;
  abstract characteristics(): BackendCharacteristics;

  // Writes are commits. Backends override these where a direct driver call is faster, and
  // must then give the keys they write a new version just as `_commit` does.
  protected async _write(ops: readonly WriteOp[]): Promise<void> {
    await this._commit({ checks: [], mutations: ops });
  }
  protected _set(key: string, value: Uint8Array): Promise<void> {
    return this._write([{ type: "put", key, value }]);
  }
  protected _delete(key: string): Promise<void> {
    return this._write([{ type: "del", key }]);
  }
  protected async _compareAndSwap(
    key: string,
    expected: Uint8Array | undefined,
    next: Uint8Array | undefined,
  ): Promise<boolean> {
    const result = await this._commit({
      checks: [{ kind: "value", key, value: expected }],
      mutations:
        next === undefined
          ? expected === undefined
            ? [] // absent -> absent: only the check
            : [{ type: "del", key }]
          : [{ type: "put", key, value: next }],
    });
    return result.ok;
  }
  protected async _exists(key: string): Promise<boolean> {
    return (await this._get(key)) !== undefined;
  }
  protected async _listKeys(range: KeyRange): Promise<string[]> {
    const keys: string[] = [];
    for await (const [key] of this._scan(range)) keys.push(key);
    return keys;
  }

  // ---- the public interface --------------------------------------------------------

  protected assertOpen(): void {
    if (this.#closed || this.shared.closed) {
      throw new StorageError(
        "CLOSED",
        `${this.backendType()} backend (namespace ${this.namespace}) is closed`,
      );
    }
  }

  get isClosed(): boolean {
    return this.#closed || this.shared.closed;
  }

  get limits(): BackendLimits {
    return this.shared.limits;
  }

  // The single-key hot paths are plain functions returning the hook's promise: an `async`
  // wrapper would add a promise and a microtask to every call. Bad input still rejects.
  get(key: string): Promise<Uint8Array | undefined> {
    try {
      this.assertOpen();
      validateKey(key);
    } catch (error) {
      return Promise.reject(error);
    }
    return this._get(key);
  }

  set(key: string, value: Uint8Array): Promise<void> {
    try {
      this.assertOpen();
      validateKey(key);
      validateValue(key, value, this.shared.limits);
    } catch (error) {
      return Promise.reject(error);
    }
    return this._set(key, value);
  }

  async delete(key: string): Promise<void> {
    this.assertOpen();
    validateKey(key);
    return this._delete(key);
  }

  async exists(key: string): Promise<boolean> {
    this.assertOpen();
    validateKey(key);
    return this._exists(key);
  }

  async listKeys(prefix = ""): Promise<string[]> {
    this.assertOpen();
    const range = normalizeScan({ prefix });
    return range.empty ? [] : this._listKeys(range);
  }

  async getBatch(keys: Iterable<string>): Promise<Map<string, Uint8Array>> {
    this.assertOpen();
    const unique = collectKeys(keys, "getBatch");
    return unique.size === 0 ? new Map() : this._getMany([...unique]);
  }

  async setBatch(entries: Iterable<Entry>): Promise<void> {
    this.assertOpen();
    const ops = normalizeWriteOps(entriesToPuts(entries), this.shared.limits);
    if (ops.length > 0) await this._write(ops);
  }

  async deleteBatch(keys: Iterable<string>): Promise<void> {
    this.assertOpen();
    const ops = keysToDeletes(keys);
    if (ops.length > 0) await this._write(ops);
  }

  async write(ops: Iterable<WriteOp>): Promise<void> {
    this.assertOpen();
    const normalized = normalizeWriteOps(ops, this.shared.limits);
    if (normalized.length > 0) await this._write(normalized);
  }

  getEntry(key: string): Promise<VersionedEntry | undefined> {
    try {
      this.assertOpen();
      validateKey(key);
    } catch (error) {
      return Promise.reject(error);
    }
    return this._getEntry(key);
  }

  async getEntries(keys: Iterable<string>): Promise<Map<string, VersionedEntry>> {
    this.assertOpen();
    const unique = collectKeys(keys, "getEntries");
    return unique.size === 0 ? new Map() : this._getEntries([...unique]);
  }

  async commit(
    checks: Iterable<CommitCheck>,
    mutations: Iterable<Mutation>,
  ): Promise<CommitResult> {
    this.assertOpen();
    return this._commit(normalizeCommit(checks, mutations, this.shared.limits));
  }

  async putAbsent(entries: Iterable<Entry>): Promise<PutAbsentResult> {
    this.assertOpen();
    const normalized = normalizePutAbsent(entries, this.shared.limits);
    return normalized.length === 0 ? { written: [] } : this._putAbsent(normalized);
  }

  atomic(): AtomicOperation {
    this.assertOpen();
    return new AtomicBuilder((checks, mutations) => this.commit(checks, mutations));
  }

  listNamespaces(): AsyncIterable<string> {
    this.assertOpen();
    return this.#guarded(() => this._listNamespaces());
  }

  listTenants(): AsyncIterable<string> {
    this.assertOpen();
    return this.#guarded(() => this._listTenants());
  }

  /** An iterable whose iterator checks the handle is open when iteration starts. */
  #guarded<T>(open: () => AsyncIterable<T>): AsyncIterable<T> {
    return {
      [Symbol.asyncIterator]: (): AsyncIterator<T> => {
        this.assertOpen();
        return open()[Symbol.asyncIterator]();
      },
    };
  }

  async compareAndSwap(
    key: string,
    expected: Uint8Array | undefined,
    next: Uint8Array | undefined,
  ): Promise<boolean> {
    this.assertOpen();
    validateKey(key);
    if (expected !== undefined) validateValue(key, expected, this.shared.limits);
    if (next !== undefined) validateValue(key, next, this.shared.limits);
    return this._compareAndSwap(key, expected, next);
  }

  scan(options: ScanOptions & { readonly versions: true }): AsyncIterable<VersionedScanEntry>;
  scan(options?: ScanOptions): AsyncIterable<Entry>;
  scan(options: ScanOptions = {}): AsyncIterable<Entry | VersionedScanEntry> {
    // Validate eagerly so bad options fail at the call, not at the first `next()`.
    this.assertOpen();
    const range = normalizeScan(options);
    return {
      // The backend's own iterator, not a wrapping generator: no extra promise hop per entry.
      [Symbol.asyncIterator]: (): AsyncIterator<Entry | VersionedScanEntry> => {
        if (range.empty) return EMPTY_SCAN;
        this.assertOpen();
        return this._scan(range)[Symbol.asyncIterator]();
      },
    };
  }

  async clear(): Promise<void> {
    this.assertOpen();
    return this._clear();
  }

  forTenant(tenantId: string): StorageBackend {
    this.assertOpen();
    validateTenantId(tenantId);
    return this._derive({ namespace: this.namespace, tenant: tenantId });
  }

  forNamespace(namespace: string): StorageBackend {
    this.assertOpen();
    validateNamespace(namespace);
    return this._derive({ namespace, tenant: this.tenant });
  }

  close(): Promise<void> {
    // Every caller, the first and any concurrent or later one, waits for the same release.
    this.#closing ??= this.#release();
    return this.#closing;
  }

  async #release(): Promise<void> {
    this.#closed = true;
    if (this.#isRoot && !this.shared.closed) {
      this.shared.closed = true;
      await this._close();
    }
  }
}
