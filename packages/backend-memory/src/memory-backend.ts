import { createRequire } from "node:module";
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
import type * as SortedBTree from "sorted-btree";
import { MEASURED_LATENCY } from "./measured-latency.js";
import { fromSortable, toSortable } from "./sortable-key.js";

export interface MemoryBackendOptions {
  readonly namespace?: string;
  readonly tenant?: string;
  /** Default 16 MiB. */
  readonly maxValueBytes?: number;
}

// sorted-btree is CommonJS with `exports.default`; Node's ESM loader and bundlers disagree on
// what a default import of it gives, so load it the one unambiguous way.
const BTree: typeof SortedBTree.default = createRequire(import.meta.url)("sorted-btree").default;
type Tree = SortedBTree.default<string, Uint8Array>;

/** Everything one opened memory store holds: a tree per (namespace, tenant). */
interface MemoryStore extends SharedBackendState {
  readonly trees: Map<string, Tree>;
}

const compareNative = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
/** Entries a scan collects synchronously before it yields control. */
const SCAN_CHUNK = 256;

// Values are copied in and out so a caller mutating its buffer cannot change stored data.
// Not `value.slice()`: on a Buffer that returns a view of the same memory.
const copy = (value: Uint8Array): Uint8Array => new Uint8Array(value);

export class MemoryBackend extends AbstractBackend {
  readonly #store: MemoryStore;
  readonly #treeId: string;

  /** Use `openMemoryBackend`. */
  constructor(scope: BackendScope, store: MemoryStore, isRoot: boolean) {
    super(scope, store, isRoot);
    this.#store = store;
    // Namespaces cannot hold U+0000, so this id is unambiguous.
    this.#treeId = `${scope.namespace}\0${scope.tenant}`;
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

  /** The tree for this handle; created on first write so reads of empty tenants allocate nothing. */
  #tree(create: true): Tree;
  #tree(create: boolean): Tree | undefined;
  #tree(create: boolean): Tree | undefined {
    let tree = this.#store.trees.get(this.#treeId);
    if (tree === undefined && create) {
      tree = new BTree<string, Uint8Array>(undefined, compareNative);
      this.#store.trees.set(this.#treeId, tree);
    }
    return tree;
  }

  protected async _get(key: string): Promise<Uint8Array | undefined> {
    const value = this.#tree(false)?.get(toSortable(key));
    return value === undefined ? undefined : copy(value);
  }

  protected override async _exists(key: string): Promise<boolean> {
    return this.#tree(false)?.has(toSortable(key)) ?? false;
  }

  protected async _getMany(keys: readonly string[]): Promise<Map<string, Uint8Array>> {
    const found = new Map<string, Uint8Array>();
    const tree = this.#tree(false);
    if (tree === undefined) return found;
    for (const key of keys) {
      const value = tree.get(toSortable(key));
      if (value !== undefined) found.set(key, copy(value));
    }
    return found;
  }

  protected override async _set(key: string, value: Uint8Array): Promise<void> {
    this.#tree(true).set(toSortable(key), copy(value));
  }

  protected override async _delete(key: string): Promise<void> {
    this.#tree(false)?.delete(toSortable(key));
  }

  protected async _write(ops: readonly WriteOp[]): Promise<void> {
    // Ops are validated before this point and applying them cannot fail part-way, so
    // applying them in one synchronous pass is atomic.
    const tree = this.#tree(true);
    for (const op of ops) {
      if (op.type === "put") tree.set(toSortable(op.key), copy(op.value));
      else tree.delete(toSortable(op.key));
    }
  }

  protected async _compareAndSwap(
    key: string,
    expected: Uint8Array | undefined,
    next: Uint8Array | undefined,
  ): Promise<boolean> {
    const stored = toSortable(key);
    const tree = this.#tree(next !== undefined);
    const current = tree?.get(stored);
    const matches =
      expected === undefined
        ? current === undefined
        : current !== undefined && bytesEqual(current, expected);
    if (!matches) return false;
    if (next === undefined) tree?.delete(stored);
    else tree!.set(stored, copy(next));
    return true;
  }

  protected async *_scan(range: KeyRange): AsyncIterable<Entry> {
    const lower = range.lower && {
      key: toSortable(range.lower.key),
      inclusive: range.lower.inclusive,
    };
    const upper = range.upper && {
      key: toSortable(range.upper.key),
      inclusive: range.upper.inclusive,
    };
    let remaining = range.limit;
    // Resume point between chunks: writes may land while the consumer holds a chunk, so each
    // chunk re-seeks from the last key it returned (read-committed, like the other backends).
    let resume: string | undefined;
    while (remaining > 0) {
      // A scan cut short by close() must fail, not look like the end of the range.
      this.assertOpen();
      const tree = this.#tree(false);
      if (tree === undefined) return;
      const chunk: Entry[] = [];
      const want = Math.min(remaining, SCAN_CHUNK);
      if (!range.reverse) {
        const start = resume ?? lower?.key;
        const skipStart = resume !== undefined || (lower !== undefined && !lower.inclusive);
        for (const [k, v] of tree.entries(start)) {
          if (skipStart && k === start) continue;
          if (upper !== undefined && (k > upper.key || (k === upper.key && !upper.inclusive)))
            break;
          chunk.push([fromSortable(k), copy(v)]);
          if (chunk.length === want) break;
        }
      } else {
        const start = resume ?? upper?.key;
        const skipStart = resume !== undefined || (upper !== undefined && !upper.inclusive);
        for (const [k, v] of tree.entriesReversed(start, undefined, skipStart)) {
          if (lower !== undefined && (k < lower.key || (k === lower.key && !lower.inclusive)))
            break;
          chunk.push([fromSortable(k), copy(v)]);
          if (chunk.length === want) break;
        }
      }
      if (chunk.length === 0) return;
      remaining -= chunk.length;
      resume = toSortable(chunk[chunk.length - 1]![0]);
      yield* chunk;
      if (chunk.length < want) return;
    }
  }

  protected async _clear(): Promise<void> {
    this.#store.trees.delete(this.#treeId);
  }

  protected _derive(scope: BackendScope): MemoryBackend {
    return new MemoryBackend(scope, this.#store, false);
  }

  protected async _close(): Promise<void> {
    this.#store.trees.clear();
  }
}

/** Opens an empty in-memory store and returns its root handle. */
export async function openMemoryBackend(
  options: MemoryBackendOptions = {},
): Promise<MemoryBackend> {
  const store: MemoryStore = { ...sharedState(options), trees: new Map() };
  return new MemoryBackend(
    { namespace: options.namespace ?? DEFAULT_NAMESPACE, tenant: options.tenant ?? DEFAULT_TENANT },
    store,
    true,
  );
}
