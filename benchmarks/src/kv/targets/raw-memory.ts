import { createRequire } from "node:module";
import type * as SortedBTree from "sorted-btree";
import type { KvTarget } from "../target.js";

const BTree: typeof SortedBTree.default = createRequire(import.meta.url)("sorted-btree").default;

/** The floor for the memory backend: a JS Map for point reads plus a B-tree for ordered scans. */
export function rawMemoryTarget(): KvTarget {
  const map = new Map<string, Uint8Array>();
  const tree = new BTree<string, Uint8Array>(undefined, (a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const versions = new Map<string, number>();
  const expected = new Map<string, number>();
  const counters = new Map<string, bigint>();
  let clock = 0;
  return {
    name: "Map + sorted-btree",
    get: async (key) => map.get(key),
    set: async (key, value) => {
      map.set(key, value);
      tree.set(key, value);
    },
    getMany: async (keys) => keys.map((key) => map.get(key)),
    setMany: async (entries) => {
      for (const [key, value] of entries) {
        map.set(key, value);
        tree.set(key, value);
      }
    },
    async checkedCommit(check, puts) {
      // The same work: compare the record's version, then write every key under a new one.
      const version = versions.get(check) ?? 0;
      if (expected.get(check) !== undefined && expected.get(check) !== version) return false;
      const next = ++clock;
      for (const [key, value] of puts) {
        map.set(key, value);
        tree.set(key, value);
        versions.set(key, next);
      }
      expected.set(check, next);
      return true;
    },
    async increment(key) {
      counters.set(key, (counters.get(key) ?? 0n) + 1n);
    },
    async scanPrefix(prefix) {
      let n = 0;
      for (const [key] of tree.entries(prefix)) {
        if (!key.startsWith(prefix)) break;
        n++;
      }
      return n;
    },
    close: async () => {
      map.clear();
      tree.clear();
    },
  };
}
