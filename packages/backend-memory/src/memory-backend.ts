import {
  AbstractBackend,
  type BackendCharacteristics,
  type BackendScope,
  type CommitResult,
  DEFAULT_NAMESPACE,
  DEFAULT_TENANT,
  type Entry,
  type KeyRange,
  type LimitOptions,
  type NormalizedCommit,
  type PutAbsentResult,
  sharedState,
  type VersionedEntry,
  type VersionedScanEntry,
  type WriteOp,
} from "@mnemo/core";
import { MEASURED_LATENCY } from "./measured-latency.js";
import { MemoryScan } from "./memory-scan.js";
import { MemoryStore, partitionId } from "./memory-store.js";
import type { Partition } from "./partition.js";

export interface MemoryBackendOptions extends LimitOptions {
  readonly namespace?: string;
  readonly tenant?: string;
}

export class MemoryBackend extends AbstractBackend {
  readonly #store: MemoryStore;
  readonly #partitionId: string;

  /** Use `openMemoryBackend`. */
  constructor(scope: BackendScope, store: MemoryStore, isRoot: boolean) {
    super(scope, store, isRoot);
    this.#store = store;
    this.#partitionId = partitionId(scope.namespace, scope.tenant);
  }

  backendType() {
    return "memory" as const;
  }

  characteristics(): BackendCharacteristics {
    return {
      persistent: false,
      transactional: true,
      supportsPrefixScan: true,
      supportsAtomicOps: true,
      multiProcess: false,
      ...MEASURED_LATENCY,
    };
  }

  #partition(): Partition | undefined {
    return this.#store.partitions.get(this.#partitionId);
  }

  // Not `async`: a resolved promise is all a synchronous store needs to return.
  protected _get(key: string): Promise<Uint8Array | undefined> {
    const partition = this.#partition();
    const value = partition?.values.get(key);
    return Promise.resolve(value === undefined ? undefined : partition!.slab.copy(value));
  }

  protected override _exists(key: string): Promise<boolean> {
    return Promise.resolve(this.#partition()?.values.has(key) ?? false);
  }

  protected async _getMany(keys: readonly string[]): Promise<Map<string, Uint8Array>> {
    const found = new Map<string, Uint8Array>();
    const partition = this.#partition();
    if (partition === undefined) return found;
    for (const key of keys) {
      const value = partition.values.get(key);
      if (value !== undefined) found.set(key, partition.slab.copy(value));
    }
    return found;
  }

  protected _getEntry(key: string): Promise<VersionedEntry | undefined> {
    const partition = this.#partition();
    const value = partition?.values.get(key);
    return Promise.resolve(
      value === undefined
        ? undefined
        : { value: partition!.slab.copy(value), version: this.#store.version(value.commit) },
    );
  }

  protected async _getEntries(keys: readonly string[]): Promise<Map<string, VersionedEntry>> {
    const found = new Map<string, VersionedEntry>();
    const partition = this.#partition();
    if (partition === undefined) return found;
    for (const key of keys) {
      const value = partition.values.get(key);
      if (value !== undefined) {
        found.set(key, {
          value: partition.slab.copy(value),
          version: this.#store.version(value.commit),
        });
      }
    }
    return found;
  }

  // The write paths are synchronous and cannot fail part-way once the input is validated
  // (done before these hooks run), so applying them in one pass is atomic. Each takes one
  // new commit number from the store: the version of every key it writes.

  protected _commit(commit: NormalizedCommit): Promise<CommitResult> {
    try {
      return Promise.resolve(this.#store.commit(this.#partitionId, commit));
    } catch (error) {
      return Promise.reject(error);
    }
  }

  protected _putAbsent(entries: readonly Entry[]): Promise<PutAbsentResult> {
    return Promise.resolve({ written: this.#store.putAbsent(this.#partitionId, entries) });
  }

  protected override _set(key: string, value: Uint8Array): Promise<void> {
    this.#store.set(this.#partitionId, key, value);
    return Promise.resolve();
  }

  protected override _delete(key: string): Promise<void> {
    const partition = this.#partition();
    if (partition !== undefined) this.#store.remove(partition, key);
    return Promise.resolve();
  }

  protected override _write(ops: readonly WriteOp[]): Promise<void> {
    this.#store.write(this.#partitionId, ops);
    return Promise.resolve();
  }

  protected override _compareAndSwap(
    key: string,
    expected: Uint8Array | undefined,
    next: Uint8Array | undefined,
  ): Promise<boolean> {
    return Promise.resolve(this.#store.compareAndSwap(this.#partitionId, key, expected, next));
  }

  protected _scan(range: KeyRange): AsyncIterable<Entry | VersionedScanEntry> {
    return {
      [Symbol.asyncIterator]: () =>
        new MemoryScan(
          range,
          this.#store,
          () => this.#partition(),
          () => this.isClosed,
        ),
    };
  }

  protected async _clear(): Promise<void> {
    this.#store.partitions.delete(this.#partitionId);
  }

  // Listings are snapshots taken when iteration starts, yielded one by one.
  protected async *_listNamespaces(): AsyncIterable<string> {
    yield* this.#store.namespaces();
  }

  protected async *_listTenants(): AsyncIterable<string> {
    yield* this.#store.tenants(this.namespace);
  }

  protected _derive(scope: BackendScope): MemoryBackend {
    return new MemoryBackend(scope, this.#store, false);
  }

  protected async _close(): Promise<void> {
    this.#store.partitions.clear();
  }
}

/** Opens an empty in-memory store and returns its root handle. */
export async function openMemoryBackend(
  options: MemoryBackendOptions = {},
): Promise<MemoryBackend> {
  const { limits } = sharedState(options);
  return new MemoryBackend(
    { namespace: options.namespace ?? DEFAULT_NAMESPACE, tenant: options.tenant ?? DEFAULT_TENANT },
    new MemoryStore(limits),
    true,
  );
}
