import {
  AbstractBackend,
  type BackendCharacteristics,
  type BackendScope,
  bytesEqual,
  DEFAULT_NAMESPACE,
  DEFAULT_TENANT,
  type Entry,
  type KeyRange,
  type SharedBackendState,
  sharedState,
  type WriteOp,
} from "@mnemo/core";
import { MEASURED_LATENCY } from "./measured-latency.js";
import { MemoryScan } from "./memory-scan.js";
import { Partition } from "./partition.js";
import { toSortable } from "./sortable-key.js";

export interface MemoryBackendOptions {
  readonly namespace?: string;
  readonly tenant?: string;
  /** Default 16 MiB. */
  readonly maxValueBytes?: number;
}

/** Everything one opened memory store holds: a partition per (namespace, tenant). */
interface MemoryStore extends SharedBackendState {
  readonly partitions: Map<string, Partition>;
}

// Stored values are copies, so a caller mutating its buffer cannot change stored data.
// Not `value.slice()`: on a Buffer that returns a view of the same memory.
const stored = (value: Uint8Array): Uint8Array => new Uint8Array(value);

export class MemoryBackend extends AbstractBackend {
  readonly #store: MemoryStore;
  readonly #partitionId: string;

  /** Use `openMemoryBackend`. */
  constructor(scope: BackendScope, store: MemoryStore, isRoot: boolean) {
    super(scope, store, isRoot);
    this.#store = store;
    // Namespaces cannot hold U+0000, so this id is unambiguous.
    this.#partitionId = `${scope.namespace}\0${scope.tenant}`;
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

  /** This handle's partition; created on first write so reads of empty tenants allocate nothing. */
  #partition(create: true): Partition;
  #partition(create: boolean): Partition | undefined;
  #partition(create: boolean): Partition | undefined {
    let partition = this.#store.partitions.get(this.#partitionId);
    if (partition === undefined && create) {
      partition = new Partition();
      this.#store.partitions.set(this.#partitionId, partition);
    }
    return partition;
  }

  // Not `async`: a resolved promise is all a synchronous store needs to return.
  protected _get(key: string): Promise<Uint8Array | undefined> {
    const partition = this.#partition(false);
    const value = partition?.values.get(key);
    return Promise.resolve(value === undefined ? undefined : partition!.slab.copy(value));
  }

  protected override async _exists(key: string): Promise<boolean> {
    return this.#partition(false)?.values.has(key) ?? false;
  }

  protected async _getMany(keys: readonly string[]): Promise<Map<string, Uint8Array>> {
    const found = new Map<string, Uint8Array>();
    const partition = this.#partition(false);
    if (partition === undefined) return found;
    for (const key of keys) {
      const value = partition.values.get(key);
      if (value !== undefined) found.set(key, partition.slab.copy(value));
    }
    return found;
  }

  protected override _set(key: string, value: Uint8Array): Promise<void> {
    put(this.#partition(true), key, stored(value));
    return Promise.resolve();
  }

  protected override async _delete(key: string): Promise<void> {
    const partition = this.#partition(false);
    if (partition !== undefined) remove(partition, key);
  }

  protected async _write(ops: readonly WriteOp[]): Promise<void> {
    // Ops are validated before this point and applying them cannot fail part-way, so
    // applying them in one synchronous pass is atomic.
    const partition = this.#partition(true);
    for (const op of ops) {
      if (op.type === "put") put(partition, op.key, stored(op.value));
      else remove(partition, op.key);
    }
  }

  protected async _compareAndSwap(
    key: string,
    expected: Uint8Array | undefined,
    next: Uint8Array | undefined,
  ): Promise<boolean> {
    const partition = this.#partition(next !== undefined);
    const current = partition?.values.get(key);
    const matches =
      expected === undefined
        ? current === undefined
        : current !== undefined && bytesEqual(current, expected);
    if (!matches) return false;
    // Absent to absent swaps nothing and may have no partition to touch.
    if (next === undefined) {
      if (partition !== undefined) remove(partition, key);
    } else put(partition!, key, stored(next));
    return true;
  }

  protected _scan(range: KeyRange): AsyncIterable<Entry> {
    return {
      [Symbol.asyncIterator]: () =>
        new MemoryScan(
          range,
          () => this.#partition(false),
          () => this.isClosed,
        ),
    };
  }

  protected async _clear(): Promise<void> {
    this.#store.partitions.delete(this.#partitionId);
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
  const store: MemoryStore = { ...sharedState(options), partitions: new Map() };
  return new MemoryBackend(
    { namespace: options.namespace ?? DEFAULT_NAMESPACE, tenant: options.tenant ?? DEFAULT_TENANT },
    store,
    true,
  );
}

function put(partition: Partition, key: string, value: Uint8Array): void {
  partition.values.set(key, value);
  partition.tree.set(toSortable(key), value);
}

function remove(partition: Partition, key: string): void {
  if (partition.values.delete(key)) partition.tree.delete(toSortable(key));
}
