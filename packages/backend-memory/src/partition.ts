import { createRequire } from "node:module";
import type * as SortedBTree from "sorted-btree";
import { ValueSlab } from "./value-slab.js";

// sorted-btree is CommonJS with `exports.default`; Node's ESM loader and bundlers disagree on
// what a default import of it gives, so load it the one unambiguous way.
const BTree: typeof SortedBTree.default = createRequire(import.meta.url)("sorted-btree").default;

export type Tree = SortedBTree.default<string, Uint8Array>;

const compareNative = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/**
 * One namespace + tenant's data: a B-tree in key order (under sortable keys, see
 * sortable-key.ts) for scans, and a Map by the caller's key for point reads, which a B-tree
 * of 100K keys answers ~20x slower. Both hold the same stored value objects.
 */
export class Partition {
  readonly tree: Tree = new BTree<string, Uint8Array>(undefined, compareNative);
  readonly values = new Map<string, Uint8Array>();
  readonly slab = new ValueSlab();
}
