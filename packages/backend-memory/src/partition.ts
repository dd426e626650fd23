import { createRequire } from "node:module";
import type * as SortedBTree from "sorted-btree";
import { ValueSlab } from "./value-slab.js";

// sorted-btree is CommonJS with `exports.default`; Node's ESM loader and bundlers disagree on
// what a default import of it gives, so load it the one unambiguous way.
const BTree: typeof SortedBTree.default = createRequire(import.meta.url)("sorted-btree").default;

/**
 * One stored entry: the caller's key (so scans need not convert the tree's sortable key
 * back), a private copy of the value, and the number of the commit that wrote it. Never
 * changed in place: a write replaces the whole object, so a scan page holding it still sees
 * the value as it was when the page was read.
 */
export interface StoredEntry {
  readonly key: string;
  readonly value: Uint8Array;
  readonly commit: number;
}

export type Tree = SortedBTree.default<string, StoredEntry>;

const compareNative = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/**
 * One namespace + tenant's data: a B-tree in key order (under sortable keys, see
 * sortable-key.ts) for scans, and a Map by the caller's key for point reads, which a B-tree
 * of 100K keys answers ~20x slower. Both hold the same entry objects.
 */
export class Partition {
  readonly tree: Tree = new BTree<string, StoredEntry>(undefined, compareNative);
  readonly entries = new Map<string, StoredEntry>();
  readonly slab = new ValueSlab();
}
