import { createRequire } from "node:module";
import type * as SortedBTree from "sorted-btree";
import { ValueSlab } from "./value-slab.js";

// sorted-btree is CommonJS with `exports.default`; Node's ESM loader and bundlers disagree on
// what a default import of it gives, so load it the one unambiguous way.
const BTree: typeof SortedBTree.default = createRequire(import.meta.url)("sorted-btree").default;

/**
 * A stored value: a private copy of the caller's bytes that also carries the number of the
 * commit that wrote it (its version). One object per entry, so a scan touches no more memory
 * than the bytes it copies out. Never changed in place: a write stores a new one, so a scan
 * page holding it still sees the value as it was when the page was read.
 */
export class StoredValue extends Uint8Array {
  commit = 0;
}

/** A copy of `bytes`, stored under commit number `commit`. */
export function storedValue(bytes: Uint8Array, commit: number): StoredValue {
  const stored = new StoredValue(bytes);
  stored.commit = commit;
  return stored;
}

export type Tree = SortedBTree.default<string, StoredValue>;

const compareNative = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/**
 * One namespace + tenant's data: a B-tree in key order (under sortable keys, see
 * sortable-key.ts) for scans, and a Map by the caller's key for point reads, which a B-tree
 * of 100K keys answers ~20x slower. Both hold the same stored value objects.
 */
export class Partition {
  readonly tree: Tree = new BTree<string, StoredValue>(undefined, compareNative);
  readonly values = new Map<string, StoredValue>();
  readonly slab = new ValueSlab();
  /** Whether a key was ever stored under a different sortable form (scans then convert back). */
  permutedKeys = false;
}
