import {
  addCounter,
  type BackendLimits,
  bytesEqual,
  type CommitResult,
  compareKeys,
  decodeCounter,
  type Entry,
  encodeCounter,
  formatVersion,
  type NormalizedCheck,
  type NormalizedCommit,
  type SharedBackendState,
  type WriteOp,
} from "@mnemo/core";
import { Partition, type StoredValue, storedValue } from "./partition.js";
import { toSortable } from "./sortable-key.js";

/** Partition ids are `namespace + U+0000 + tenant`; namespaces cannot hold U+0000. */
export const partitionId = (namespace: string, tenant: string): string => `${namespace}\0${tenant}`;

/**
 * Everything one opened memory store holds: a partition per (namespace, tenant), and one
 * commit counter for the whole store. Every write takes the next commit number and every
 * key it writes gets it as its version, so versions grow per key and are also ordered
 * across keys, tenants and namespaces in commit order.
 *
 * Every method here is synchronous: nothing can interleave with a commit, which is what
 * makes commits atomic and checks race-free within the process.
 */
export class MemoryStore implements SharedBackendState {
  closed = false;
  readonly limits: BackendLimits;
  readonly partitions = new Map<string, Partition>();
  #lastCommit = 0;
  // Keys of one commit share a version, so scans mostly format the same number in a row.
  #formatted = { commit: -1, version: "" };

  constructor(limits: BackendLimits) {
    this.limits = limits;
  }

  nextCommit(): number {
    return ++this.#lastCommit;
  }

  version(commit: number): string {
    const cache = this.#formatted;
    if (cache.commit !== commit) {
      cache.commit = commit;
      cache.version = formatVersion(commit);
    }
    return cache.version;
  }

  /** The partition `id`; created on first write so reads of empty tenants allocate nothing. */
  partition(id: string, create: true): Partition;
  partition(id: string, create: boolean): Partition | undefined;
  partition(id: string, create: boolean): Partition | undefined {
    let partition = this.partitions.get(id);
    if (partition === undefined && create) {
      partition = new Partition();
      this.partitions.set(id, partition);
    }
    return partition;
  }

  /**
   * Stores a copy of `value` at `key` under commit number `commit`. A copy, so a caller
   * mutating its buffer cannot change stored data (`Buffer#slice` would share memory).
   */
  put(partition: Partition, key: string, value: Uint8Array, commit: number): void {
    const stored = storedValue(value, commit);
    const sortable = toSortable(key);
    if (sortable !== key) partition.permutedKeys = true;
    partition.values.set(key, stored);
    partition.tree.set(sortable, stored);
  }

  remove(partition: Partition, key: string): void {
    if (partition.values.delete(key)) partition.tree.delete(toSortable(key));
  }

  /** Puts and deletes, validated by the caller, under one new commit number. */
  write(id: string, ops: readonly WriteOp[]): void {
    const partition = this.partition(id, true);
    const commit = this.nextCommit();
    for (const op of ops) {
      if (op.type === "put") this.put(partition, op.key, op.value, commit);
      else this.remove(partition, op.key);
    }
  }

  /** Puts the entries (validated, one per key) whose key is absent, under one new commit number. */
  putAbsent(id: string, entries: readonly Entry[]): string[] {
    const existing = this.partitions.get(id);
    const absent = entries.filter(([key]) => existing?.values.has(key) !== true);
    if (absent.length === 0) return [];
    const partition = existing ?? this.partition(id, true);
    const commit = this.nextCommit();
    for (const [key, value] of absent) this.put(partition, key, value, commit);
    return absent.map(([key]) => key);
  }

  set(id: string, key: string, value: Uint8Array): void {
    this.put(this.partition(id, true), key, value, this.nextCommit());
  }

  /** `compareAndSwap` without building a commit: the hottest read-modify-write. */
  compareAndSwap(
    id: string,
    key: string,
    expected: Uint8Array | undefined,
    next: Uint8Array | undefined,
  ): boolean {
    const partition = this.partitions.get(id);
    const current = partition?.values.get(key);
    const matches =
      expected === undefined
        ? current === undefined
        : current !== undefined && bytesEqual(current, expected);
    if (!matches) return false;
    if (next !== undefined) {
      this.put(partition ?? this.partition(id, true), key, next, this.nextCommit());
    } else if (current !== undefined) this.remove(partition!, key);
    return true;
  }

  /**
   * A checked commit, all-or-nothing: checks first (a failed one is the result, and nothing
   * else is looked at), then every sum is resolved against what is stored (refusing a value
   * that is not a counter, or an overflow, with INVALID_VALUE) before the first change.
   */
  commit(id: string, { checks, mutations }: NormalizedCommit): CommitResult {
    let partition = this.partitions.get(id);
    const failed: string[] = [];
    for (const check of checks) {
      if (!this.#holds(check, partition?.values.get(check.key))) failed.push(check.key);
    }
    if (failed.length > 0) return { ok: false, failed };

    const values: (Uint8Array | undefined)[] = [];
    let writes = false;
    for (const mutation of mutations) {
      if (mutation.type === "put") values.push(mutation.value);
      else if (mutation.type === "sum") {
        const current = partition?.values.get(mutation.key);
        const base = current === undefined ? 0n : decodeCounter(current, mutation.key);
        values.push(encodeCounter(addCounter(base, mutation.delta, mutation.key)));
      } else {
        values.push(undefined);
        continue;
      }
      writes = true;
    }
    const commit = this.nextCommit();
    if (writes) partition = this.partition(id, true);
    if (partition !== undefined) {
      for (const [i, mutation] of mutations.entries()) {
        const value = values[i];
        if (value === undefined) this.remove(partition, mutation.key);
        else this.put(partition, mutation.key, value, commit);
      }
    }
    return { ok: true, version: this.version(commit) };
  }

  #holds(check: NormalizedCheck, current: StoredValue | undefined): boolean {
    if (check.kind === "version") {
      if (check.version === null) return current === undefined;
      return current !== undefined && this.version(current.commit) === check.version;
    }
    if (check.value === undefined) return current === undefined;
    return current !== undefined && bytesEqual(current, check.value);
  }

  /** Namespaces with at least one stored key, in byte order. */
  namespaces(): string[] {
    const names = new Set<string>();
    for (const [id, partition] of this.partitions) {
      if (partition.values.size > 0) names.add(id.slice(0, id.indexOf("\0")));
    }
    return [...names].sort(compareKeys);
  }

  /** Tenants with at least one stored key in `namespace`, in byte order. */
  tenants(namespace: string): string[] {
    const prefix = `${namespace}\0`;
    const names: string[] = [];
    for (const [id, partition] of this.partitions) {
      if (id.startsWith(prefix) && partition.values.size > 0) names.push(id.slice(prefix.length));
    }
    return names.sort(compareKeys);
  }
}
