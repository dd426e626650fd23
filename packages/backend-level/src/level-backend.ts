import {
  AbstractBackend,
  type BackendCharacteristics,
  type BackendScope,
  type CommitResult,
  describe,
  type Entry,
  formatVersion,
  type KeyRange,
  type NormalizedCommit,
  type PutAbsentResult,
  type SharedBackendState,
  type StorageError,
  type VersionedEntry,
  type VersionedScanEntry,
  type WriteOp,
} from "@mnemo/core";
import type { ClassicLevel } from "classic-level";
import type { CommitClock } from "./commit-clock.js";
import type { Durability, SyncScheduler } from "./durability.js";
import { commitOf, sealedValue, sealWith, verifyWith } from "./envelope.js";
import { Keyspace } from "./keyspace.js";
import { applyCommit, applyPutAbsent } from "./level-commit.js";
import { toStorageError } from "./level-errors.js";
import { distinctSegments } from "./level-listing.js";
import { LevelScan } from "./level-scan.js";
import { MEASURED_LATENCY } from "./measured-latency.js";
import type { LevelOpenReport } from "./open-report.js";
import type { WriteGate } from "./write-gate.js";

export type Db = ClassicLevel<string, Uint8Array>;

/** Everything one opened directory holds, shared by the root handle and derived handles. */
export interface LevelStore extends SharedBackendState {
  readonly db: Db;
  readonly location: string;
  readonly scheduler: SyncScheduler;
  readonly gate: WriteGate;
  readonly clock: CommitClock;
  readonly report: LevelOpenReport;
}

export class LevelBackend extends AbstractBackend {
  /** The LevelDB directory (absolute). */
  readonly location: string;
  readonly #store: LevelStore;
  readonly #db: Db;
  readonly #keys: Keyspace;

  /** Use `openLevelBackend`. */
  constructor(scope: BackendScope, store: LevelStore, isRoot: boolean) {
    super(scope, store, isRoot);
    this.#store = store;
    this.#db = store.db;
    this.location = store.location;
    this.#keys = new Keyspace(scope.namespace, scope.tenant);
  }

  backendType() {
    return "level" as const;
  }

  characteristics(): BackendCharacteristics {
    return {
      persistent: true,
      transactional: true,
      supportsPrefixScan: true,
      supportsAtomicOps: true,
      multiProcess: false,
      ...MEASURED_LATENCY,
    };
  }

  get durability(): Durability {
    return this.#store.scheduler.durability;
  }

  /** Acknowledged writes not yet synced to disk (always 0 in `safe` mode). */
  get unsyncedWrites(): number {
    return this.#store.scheduler.unsynced;
  }

  /** What opening the directory found and did: tables checked, upgrade, log records dropped. */
  get openReport(): LevelOpenReport {
    return this.#store.report;
  }

  /** Syncs every acknowledged write to disk now, whatever the durability mode. */
  async flush(): Promise<void> {
    this.assertOpen();
    try {
      await this.#store.scheduler.flush();
    } catch (error) {
      throw this.#error(error, "flush");
    }
  }

  #error(error: unknown, what: string): StorageError {
    return toStorageError(error, what, this.location);
  }

  /** The verified envelope stored for `key`, or undefined. */
  #read(key: string): Uint8Array | undefined {
    const stored = this.#keys.stored(key);
    let sealed: Uint8Array | undefined;
    try {
      sealed = this.#db.getSync(stored);
    } catch (error) {
      throw this.#error(error, `get of key ${describe(key)}`);
    }
    return sealed === undefined
      ? undefined
      : verifyWith(this.#keys.checksum(key), stored, key, sealed);
  }

  // ---- reads -----------------------------------------------------------------------

  // getSync answers from LevelDB's cache in a few µs, where the async get pays a thread pool
  // round trip (~30 µs); a cold read blocks the event loop for one disk read.
  protected async _get(key: string): Promise<Uint8Array | undefined> {
    const sealed = this.#read(key);
    return sealed === undefined ? undefined : sealedValue(sealed);
  }

  protected async _getEntry(key: string): Promise<VersionedEntry | undefined> {
    const sealed = this.#read(key);
    if (sealed === undefined) return undefined;
    return { value: sealedValue(sealed), version: formatVersion(commitOf(sealed)) };
  }

  protected override async _exists(key: string): Promise<boolean> {
    return this.#read(key) !== undefined;
  }

  async #readMany(keys: readonly string[], what: string): Promise<Map<string, Uint8Array>> {
    const stored = keys.map((key) => this.#keys.stored(key));
    let values: (Uint8Array | undefined)[];
    try {
      values = await this.#db.getMany(stored);
    } catch (error) {
      throw this.#error(error, what);
    }
    const found = new Map<string, Uint8Array>();
    for (let i = 0; i < keys.length; i++) {
      const sealed = values[i];
      if (sealed === undefined) continue;
      const key = keys[i]!;
      found.set(key, verifyWith(this.#keys.checksum(key), stored[i]!, key, sealed));
    }
    return found;
  }

  protected async _getMany(keys: readonly string[]): Promise<Map<string, Uint8Array>> {
    const found = await this.#readMany(keys, "getBatch");
    for (const [key, sealed] of found) found.set(key, sealedValue(sealed));
    return found;
  }

  protected async _getEntries(keys: readonly string[]): Promise<Map<string, VersionedEntry>> {
    const entries = new Map<string, VersionedEntry>();
    for (const [key, sealed] of await this.#readMany(keys, "getEntries")) {
      entries.set(key, { value: sealedValue(sealed), version: formatVersion(commitOf(sealed)) });
    }
    return entries;
  }

  protected _scan(range: KeyRange): AsyncIterable<Entry | VersionedScanEntry> {
    const keys = this.#keys;
    const prefixLength = keys.prefix.length;
    const toEntry = range.versions
      ? (stored: string, sealed: Uint8Array): VersionedScanEntry => {
          const key = stored.slice(prefixLength);
          verifyWith(keys.checksum(key), stored, key, sealed);
          return [key, sealedValue(sealed), formatVersion(commitOf(sealed))];
        }
      : (stored: string, sealed: Uint8Array): Entry => {
          const key = stored.slice(prefixLength);
          return [key, sealedValue(verifyWith(keys.checksum(key), stored, key, sealed))];
        };
    return new LevelScan<Entry | VersionedScanEntry>(
      this.#db,
      this.#levelRange(range),
      toEntry,
      (error) => this.#error(error, "scan"),
    );
  }

  /** Keys only, but read with their values: a key is listed only once its envelope checks. */
  protected override async _listKeys(range: KeyRange): Promise<string[]> {
    const space = this.#keys;
    const prefixLength = space.prefix.length;
    const keys: string[] = [];
    const scan = new LevelScan<string>(
      this.#db,
      this.#levelRange(range),
      (stored, sealed) => {
        const key = stored.slice(prefixLength);
        verifyWith(space.checksum(key), stored, key, sealed);
        return key;
      },
      (error) => this.#error(error, "listKeys"),
    );
    for await (const key of scan) keys.push(key);
    return keys;
  }

  #levelRange(range: KeyRange) {
    return {
      ...this.#bounds(range),
      reverse: range.reverse,
      limit: range.limit,
      readAheadBytes: this.shared.limits.scanReadAheadBytes,
    };
  }

  /** The LevelDB range of stored keys for a scan range, always inside this handle's keys. */
  #bounds(range: KeyRange): { gt?: string; gte?: string; lt?: string; lte?: string } {
    const keys = this.#keys;
    const bounds: { gt?: string; gte?: string; lt?: string; lte?: string } = {};
    if (range.lower === undefined) bounds.gte = keys.prefix;
    else if (range.lower.inclusive) bounds.gte = keys.stored(range.lower.key);
    else bounds.gt = keys.stored(range.lower.key);
    if (range.upper === undefined) bounds.lt = keys.end;
    else if (range.upper.inclusive) bounds.lte = keys.stored(range.upper.key);
    else bounds.lt = keys.stored(range.upper.key);
    return bounds;
  }

  protected async *_listNamespaces(): AsyncIterable<string> {
    // Every user key is `namespace \0 ...`; reserved keys start with \0 and sort first.
    yield* distinctSegments(this.#db, "\u0001", undefined, (error) =>
      this.#error(error, "listNamespaces"),
    );
  }

  protected async *_listTenants(): AsyncIterable<string> {
    yield* distinctSegments(this.#db, `${this.namespace}\0`, `${this.namespace}\u0001`, (error) =>
      this.#error(error, "listTenants"),
    );
  }

  // ---- writes ----------------------------------------------------------------------
  // Each write takes its commit number when its turn at the gate comes, so the versions of a
  // key grow in the order its writes reach LevelDB.

  protected override async _set(key: string, value: Uint8Array): Promise<void> {
    const keys = this.#keys;
    const stored = keys.stored(key);
    const { gate, scheduler, clock } = this.#store;
    try {
      await gate.run(stored, () => {
        const commit = clock.take();
        if (typeof commit !== "number") {
          return commit.then((n) =>
            this.#db.put(stored, sealWith(keys.checksum(key), n, value), scheduler.writeOptions),
          );
        }
        const sealed = sealWith(keys.checksum(key), commit, value);
        return this.#db.put(stored, sealed, scheduler.writeOptions);
      });
    } catch (error) {
      throw this.#error(error, `set of key ${describe(key)}`);
    }
    scheduler.wrote();
  }

  protected override async _delete(key: string): Promise<void> {
    const stored = this.#keys.stored(key);
    const { gate, scheduler } = this.#store;
    try {
      await gate.run(stored, () => this.#db.del(stored, scheduler.writeOptions));
    } catch (error) {
      throw this.#error(error, `delete of key ${describe(key)}`);
    }
    scheduler.wrote();
  }

  /** One LevelDB batch: atomic, one log record, one commit number. */
  protected override async _write(ops: readonly WriteOp[]): Promise<void> {
    const keys = this.#keys;
    const stored = ops.map((op) => keys.stored(op.key));
    const { gate, scheduler, clock } = this.#store;
    try {
      await gate.run(stored, async () => {
        const commit = await clock.take();
        const batch = ops.map((op, i) => {
          const key = stored[i]!;
          return op.type === "put"
            ? {
                type: "put" as const,
                key,
                value: sealWith(keys.checksum(op.key), commit, op.value),
              }
            : { type: "del" as const, key };
        });
        await this.#db.batch(batch, scheduler.writeOptions);
      });
    } catch (error) {
      throw this.#error(error, `write of ${ops.length} operations`);
    }
    scheduler.wrote();
  }

  /**
   * Checks and the batch run in one turn of the gate for every key the commit names, so no
   * write of this process touches them in between; writes to other keys go on.
   */
  protected async _commit(commit: NormalizedCommit): Promise<CommitResult> {
    const keys = this.#keys;
    const { gate, scheduler } = this.#store;
    const names = new Set<string>();
    for (const check of commit.checks) names.add(keys.stored(check.key));
    for (const mutation of commit.mutations) names.add(keys.stored(mutation.key));
    let result: CommitResult;
    try {
      result = await gate.run([...names], () => applyCommit(this.#store, keys, commit));
    } catch (error) {
      throw this.#error(error, "commit");
    }
    if (result.ok && commit.mutations.length > 0) scheduler.wrote();
    return result;
  }

  /** Like a commit: one turn of the gate for every key named, so the absence read holds. */
  protected async _putAbsent(entries: readonly Entry[]): Promise<PutAbsentResult> {
    const keys = this.#keys;
    const { gate, scheduler } = this.#store;
    let written: string[];
    try {
      written = await gate.run(
        entries.map(([key]) => keys.stored(key)),
        () => applyPutAbsent(this.#store, keys, entries),
      );
    } catch (error) {
      throw this.#error(error, `putAbsent of ${entries.length} entries`);
    }
    if (written.length > 0) scheduler.wrote();
    return { written };
  }

  /** Deletes this handle's (namespace, tenant) range. Not atomic: LevelDB clears in chunks. */
  protected async _clear(): Promise<void> {
    const keys = this.#keys;
    const { gate, scheduler } = this.#store;
    try {
      await gate.clear(keys.prefix, () => this.#db.clear({ gte: keys.prefix, lt: keys.end }));
      // classic-level clears without `sync`: sync now in safe mode, schedule otherwise.
      if (scheduler.durability === "safe") await scheduler.sync();
      else scheduler.wrote();
    } catch (error) {
      throw this.#error(error, "clear");
    }
  }

  protected _derive(scope: BackendScope): LevelBackend {
    return new LevelBackend(scope, this.#store, false);
  }

  /** Lets writes in flight finish, syncs what is unsynced, then releases the directory. */
  protected async _close(): Promise<void> {
    const { gate, scheduler, db } = this.#store;
    scheduler.stop();
    try {
      await gate.drain();
      await scheduler.flush();
    } catch (error) {
      await db.close().catch(() => {});
      throw this.#error(error, "close");
    }
    try {
      await db.close();
    } catch (error) {
      throw this.#error(error, "close");
    }
  }
}
