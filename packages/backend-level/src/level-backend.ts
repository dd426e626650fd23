import { resolve } from "node:path";
import {
  AbstractBackend,
  type BackendCharacteristics,
  type BackendScope,
  bytesEqual,
  DEFAULT_NAMESPACE,
  DEFAULT_TENANT,
  describe,
  type Entry,
  type KeyRange,
  type SharedBackendState,
  StorageError,
  sharedState,
  validateNamespace,
  validateTenantId,
  type WriteOp,
} from "@mnemo/core";
import { ClassicLevel } from "classic-level";
import { DURABILITIES, type Durability, SyncScheduler } from "./durability.js";
import { Keyspace } from "./keyspace.js";
import { toStorageError } from "./level-errors.js";
import { LevelScan } from "./level-scan.js";
import { MEASURED_LATENCY } from "./measured-latency.js";
import { WriteGate } from "./write-gate.js";

export interface LevelBackendOptions {
  /** The LevelDB directory; created when missing. One process owns it at a time. */
  readonly path: string;
  /** Default `balanced`: see the README for what each mode can lose. */
  readonly durability?: Durability;
  readonly namespace?: string;
  readonly tenant?: string;
  /** Default 16 MiB. */
  readonly maxValueBytes?: number;
}

type Db = ClassicLevel<string, Uint8Array>;

/** Everything one opened directory holds, shared by the root handle and derived handles. */
interface LevelStore extends SharedBackendState {
  readonly db: Db;
  readonly location: string;
  readonly scheduler: SyncScheduler;
  readonly gate: WriteGate;
}

/** Keys listKeys reads per round trip to LevelDB's thread pool. */
const LIST_CHUNK = 1000;

/**
 * classic-level returns Node Buffers; callers get a plain Uint8Array over the same fresh
 * memory (no copy: the driver allocates every value it returns), as on the other backends.
 */
const plain = (value: Uint8Array): Uint8Array =>
  new Uint8Array(value.buffer, value.byteOffset, value.byteLength);

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

  // ---- reads -----------------------------------------------------------------------

  protected async _get(key: string): Promise<Uint8Array | undefined> {
    // getSync answers from LevelDB's cache in a few µs, where the async get pays a thread
    // pool round trip (~30 µs); a cold read blocks the event loop for one disk read.
    try {
      const value = this.#db.getSync(this.#keys.stored(key));
      return value === undefined ? undefined : plain(value);
    } catch (error) {
      throw this.#error(error, `get of key ${describe(key)}`);
    }
  }

  protected override async _exists(key: string): Promise<boolean> {
    try {
      return this.#db.getSync(this.#keys.stored(key)) !== undefined;
    } catch (error) {
      throw this.#error(error, `exists of key ${describe(key)}`);
    }
  }

  protected async _getMany(keys: readonly string[]): Promise<Map<string, Uint8Array>> {
    let values: (Uint8Array | undefined)[];
    try {
      values = await this.#db.getMany(keys.map((key) => this.#keys.stored(key)));
    } catch (error) {
      throw this.#error(error, "getBatch");
    }
    const found = new Map<string, Uint8Array>();
    for (let i = 0; i < keys.length; i++) {
      const value = values[i];
      if (value !== undefined) found.set(keys[i]!, plain(value));
    }
    return found;
  }

  protected _scan(range: KeyRange): AsyncIterable<Entry> {
    const keys = this.#keys;
    return new LevelScan(
      this.#db,
      { ...this.#bounds(range), reverse: range.reverse, limit: range.limit },
      (key, value) => [keys.user(key), plain(value)],
      (error) => this.#error(error, "scan"),
    );
  }

  protected override async _listKeys(range: KeyRange): Promise<string[]> {
    const iterator = this.#db.keys({ ...this.#bounds(range), highWaterMarkBytes: 1024 * 1024 });
    const keys: string[] = [];
    try {
      for (;;) {
        const chunk = await iterator.nextv(LIST_CHUNK);
        if (chunk.length === 0) return keys;
        for (const key of chunk) keys.push(this.#keys.user(key));
      }
    } catch (error) {
      throw this.#error(error, "listKeys");
    } finally {
      await iterator.close().catch(() => {});
    }
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

  // ---- writes ----------------------------------------------------------------------

  protected override async _set(key: string, value: Uint8Array): Promise<void> {
    const stored = this.#keys.stored(key);
    const { gate, scheduler } = this.#store;
    try {
      await gate.write(stored, () => this.#db.put(stored, value, scheduler.writeOptions));
    } catch (error) {
      throw this.#error(error, `set of key ${describe(key)}`);
    }
    scheduler.wrote();
  }

  protected override async _delete(key: string): Promise<void> {
    const stored = this.#keys.stored(key);
    const { gate, scheduler } = this.#store;
    try {
      await gate.write(stored, () => this.#db.del(stored, scheduler.writeOptions));
    } catch (error) {
      throw this.#error(error, `delete of key ${describe(key)}`);
    }
    scheduler.wrote();
  }

  /** One LevelDB batch: atomic, and one log record. */
  protected async _write(ops: readonly WriteOp[]): Promise<void> {
    const keys = this.#keys;
    const stored: string[] = new Array(ops.length);
    const batch = ops.map((op, i) => {
      const key = keys.stored(op.key);
      stored[i] = key;
      return op.type === "put"
        ? { type: "put" as const, key, value: op.value }
        : { type: "del" as const, key };
    });
    const { gate, scheduler } = this.#store;
    try {
      await gate.write(stored, () => this.#db.batch(batch, scheduler.writeOptions));
    } catch (error) {
      throw this.#error(error, `write of ${ops.length} operations`);
    }
    scheduler.wrote();
  }

  protected async _compareAndSwap(
    key: string,
    expected: Uint8Array | undefined,
    next: Uint8Array | undefined,
  ): Promise<boolean> {
    const stored = this.#keys.stored(key);
    const { gate, scheduler } = this.#store;
    try {
      return await gate.exclusive(stored, async () => {
        const current = this.#db.getSync(stored);
        const matches =
          expected === undefined
            ? current === undefined
            : current !== undefined && bytesEqual(current, expected);
        if (!matches) return false;
        if (next !== undefined) await this.#db.put(stored, next, scheduler.writeOptions);
        else if (current !== undefined) await this.#db.del(stored, scheduler.writeOptions);
        else return true;
        scheduler.wrote();
        return true;
      });
    } catch (error) {
      throw this.#error(error, `compareAndSwap of key ${describe(key)}`);
    }
  }

  /** Deletes this handle's (namespace, tenant) range. Not atomic: LevelDB clears in chunks. */
  protected async _clear(): Promise<void> {
    const keys = this.#keys;
    const { gate, scheduler } = this.#store;
    try {
      await gate.write({ prefix: keys.prefix }, () =>
        this.#db.clear({ gte: keys.prefix, lt: keys.end }),
      );
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

/**
 * Opens (creating when missing) the LevelDB directory at `options.path` and returns its
 * root handle. Fails with `UNAVAILABLE` when another process or handle holds the directory.
 */
export async function openLevelBackend(options: LevelBackendOptions): Promise<LevelBackend> {
  if (options === null || typeof options !== "object") {
    throw new StorageError("INVALID_ARGUMENT", "openLevelBackend() takes an options object");
  }
  const { path, durability = "balanced" } = options;
  if (typeof path !== "string" || path.length === 0) {
    throw new StorageError("INVALID_ARGUMENT", "path must be a non-empty string", {
      details: { path },
    });
  }
  if (!DURABILITIES.includes(durability)) {
    throw new StorageError(
      "INVALID_ARGUMENT",
      `durability ${describe(durability)} must be one of ${DURABILITIES.join(", ")}`,
      { details: { durability } },
    );
  }
  const scope = {
    namespace: options.namespace ?? DEFAULT_NAMESPACE,
    tenant: options.tenant ?? DEFAULT_TENANT,
  };
  // Everything is validated before the directory is opened, so a bad option never holds it.
  validateNamespace(scope.namespace);
  validateTenantId(scope.tenant);
  const shared = sharedState(options);
  const location = resolve(path);
  const db: Db = new ClassicLevel<string, Uint8Array>(location, {
    keyEncoding: "utf8",
    valueEncoding: "view",
  });
  try {
    await db.open();
  } catch (error) {
    throw toStorageError(error, "open", location);
  }
  const store: LevelStore = {
    ...shared,
    db,
    location,
    scheduler: new SyncScheduler(db, durability),
    gate: new WriteGate(),
  };
  return new LevelBackend(scope, store, true);
}
