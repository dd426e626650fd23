import {
  type BackendCharacteristics,
  type BackendLimits,
  type BackendType,
  DEFAULT_MAX_VALUE_BYTES,
  type Entry,
  type ScanOptions,
  type StorageBackend,
  type WriteOp,
} from "./backend.js";
import { StorageError } from "./errors.js";
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

export function sharedState(options: { maxValueBytes?: number } = {}): SharedBackendState {
  const maxValueBytes = options.maxValueBytes ?? DEFAULT_MAX_VALUE_BYTES;
  if (!Number.isInteger(maxValueBytes) || maxValueBytes < 0) {
    throw new StorageError("INVALID_ARGUMENT", "maxValueBytes must be a non-negative integer", {
      details: { maxValueBytes },
    });
  }
  return { closed: false, limits: { maxValueBytes } };
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
  /** Applies validated ops atomically; at most one op per key. */
  protected abstract _write(ops: readonly WriteOp[]): Promise<void>;
  protected abstract _compareAndSwap(
    key: string,
    expected: Uint8Array | undefined,
    next: Uint8Array | undefined,
  ): Promise<boolean>;
  /** Never called with an empty range. */
  protected abstract _scan(range: KeyRange): AsyncIterable<Entry>;
  protected abstract _clear(): Promise<void>;
  /** A new handle on the same resources for another scope (not a root). */
  protected abstract _derive(scope: BackendScope): AbstractBackend;
  /** Releases the resources; called once, from the root handle. */
  protected abstract _close(): Promise<void>;

  abstract backendType(): BackendType;
  abstract characteristics(): BackendCharacteristics;

  // Single-key hooks default to the batch forms; backends override them where a direct
  // driver call is faster.
  protected _set(key: string, value: Uint8Array): Promise<void> {
    return this._write([{ type: "put", key, value }]);
  }
  protected _delete(key: string): Promise<void> {
    return this._write([{ type: "del", key }]);
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

  scan(options: ScanOptions = {}): AsyncIterable<Entry> {
    // Validate eagerly so bad options fail at the call, not at the first `next()`.
    this.assertOpen();
    const range = normalizeScan(options);
    return {
      // The backend's own iterator, not a wrapping generator: no extra promise hop per entry.
      [Symbol.asyncIterator]: (): AsyncIterator<Entry> => {
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
