/**
 * One collection as one process sees it: its vectors and metadata in the backend, shared by
 * every process; its HNSW index in this process's memory, following the log of writes that
 * all processes commit (live-index.ts); snapshots of the index in the backend (snapshot.ts).
 *
 * This process's writes and log follows run through one queue, so the index changes one
 * step at a time; searches read the log head first and follow it when another process wrote.
 */
import { randomUUID } from "node:crypto";
import {
  type Page,
  requireArray,
  requireBoolean,
  requireObject,
  requireOptions,
  type StorageBackend,
  StorageError,
} from "@mnemo/core";
import { Calibrations } from "./calibrator.js";
import { exactDistance } from "./distance.js";
import { compileFilter } from "./filter.js";
import { serializeIndex } from "./index-file.js";
import { keys } from "./keys.js";
import { listVectors, readVector } from "./listing.js";
import { LiveIndex, type OwnChange } from "./live-index.js";
import type { CollectionTuning } from "./options.js";
import { type StoredConfig, stateCodec } from "./records.js";
import { answerSearch, type SearchContext } from "./search.js";
import { writeSnapshot } from "./snapshot.js";
import type {
  Calibration,
  CollectionInfo,
  ListedVector,
  Metadata,
  PageOptions,
  SearchHit,
  SearchOptions,
  UpsertItem,
  VectorRecord,
} from "./types.js";
import { validateId, validateQuery, validateSearchOptions } from "./validation.js";
import {
  type Committed,
  commitBatches,
  commitDelete,
  commitUpserts,
  type PreparedItem,
  prepareItem,
  type WriteContext,
} from "./writes.js";

/** Items one `upsertMany` call takes. */
export const MAX_UPSERT_ITEMS = 10_000;

export class VectorCollection {
  readonly #store: StorageBackend;
  readonly #config: StoredConfig;
  /** The version of the config record this instance opened. */
  readonly #configVersion: string;
  readonly #tuning: CollectionTuning;
  readonly #live: LiveIndex;
  readonly #search: SearchContext;
  readonly #writes: WriteContext;
  readonly #onDropped: () => void;
  /** This instance, as the owner of a snapshot lease. */
  readonly #owner = randomUUID();
  #snapshotting: Promise<unknown> | undefined;
  /** The log sequence at the last snapshot attempt (another process may hold the lease). */
  #attemptedAt = 0;
  readonly #calibrations: Calibrations;
  #queue: Promise<unknown> = Promise.resolve();
  #state: "open" | "closed" | "dropped" = "open";

  private constructor(
    store: StorageBackend,
    config: StoredConfig,
    configVersion: string,
    tuning: CollectionTuning,
    onDropped: () => void,
  ) {
    this.#store = store;
    this.#config = config;
    this.#configVersion = configVersion;
    this.#tuning = tuning;
    this.#onDropped = onDropped;
    this.#live = new LiveIndex(store, config);
    this.#search = {
      store,
      config,
      live: this.#live,
      distance: exactDistance(config.metric),
    };
    this.#calibrations = new Calibrations(
      store,
      config,
      configVersion,
      this.#live,
      this.#search.distance,
      tuning,
      () => this.#state === "open",
    );
    this.#writes = {
      store,
      config,
      live: this.#live,
      maxAttempts: tuning.maxAttempts,
      catchUp: () => this.#catchUp(),
      dropped: () => this.#droppedElsewhere(),
      known: undefined,
    };
  }

  /** Loads the snapshot and follows the log, or rebuilds from the stored vectors. */
  static async open(
    store: StorageBackend,
    config: StoredConfig,
    configVersion: string,
    tuning: CollectionTuning,
    onDropped: () => void,
  ): Promise<VectorCollection> {
    const collection = new VectorCollection(store, config, configVersion, tuning, onDropped);
    await collection.#live.load();
    await collection.#calibrations.load();
    collection.#maybeSnapshot();
    return collection;
  }

  get name(): string {
    return this.#config.name;
  }

  info(): CollectionInfo {
    const { uid: _uid, ...info } = this.#config;
    return info;
  }

  /** Whether this instance can no longer serve (dropped here or by another process). */
  get dropped(): boolean {
    return this.#state === "dropped";
  }

  /** Live vectors, as of the log head. */
  async count(): Promise<number> {
    this.#assertOpen();
    await this.#sync();
    return this.#live.ids.size;
  }

  async upsert(id: string, vector: ArrayLike<number>, metadata?: Metadata | null): Promise<void> {
    this.#assertOpen();
    await this.#upsertPrepared([prepareItem(this.#config, id, vector, metadata, (f) => f)]);
  }

  /**
   * Every item is checked before anything is written; then items are written in checked
   * commits of up to 300 (a crash can keep a prefix of them, never half an item). An id
   * named twice keeps its last vector. At most `MAX_UPSERT_ITEMS` (10,000) items per call.
   */
  async upsertMany(items: readonly UpsertItem[]): Promise<void> {
    this.#assertOpen();
    const list = requireArray(items, "items", MAX_UPSERT_ITEMS);
    const prepared = new Map<string, PreparedItem>();
    list.forEach((entry, i) => {
      const item = requireObject(entry, `items[${i}]`);
      const checked = prepareItem(
        this.#config,
        item.id,
        item.vector,
        item.metadata,
        (field) => `items[${i}].${field}`,
      );
      prepared.delete(checked.id);
      prepared.set(checked.id, checked);
    });
    await this.#upsertPrepared([...prepared.values()]);
  }

  async #upsertPrepared(items: readonly PreparedItem[]): Promise<void> {
    await this.#exclusive(async () => {
      for (const batch of commitBatches(items)) {
        this.#applyOwn(await commitUpserts(this.#writes, batch));
      }
    });
    this.#maybeSnapshot();
  }

  /** Returns whether `id` was stored. */
  async delete(id: string): Promise<boolean> {
    this.#assertOpen();
    const checked = validateId(id, this.#config.uid);
    const committed = await this.#exclusive(async () => {
      const result = await commitDelete(this.#writes, checked);
      if (result !== undefined) this.#applyOwn(result);
      return result;
    });
    if (committed === undefined) return false;
    this.#maybeSnapshot();
    return true;
  }

  #applyOwn({ changes, seq }: Committed): void {
    try {
      this.#live.applyOwn(changes as OwnChange[], seq);
    } catch (cause) {
      // Committed, so the store holds the truth: reload the index from it, in the background.
      void this.#exclusive(() => this.#live.load()).catch(() => {});
      throw new StorageError(
        "UNAVAILABLE",
        "the HNSW index refused a committed vector; reloading",
        {
          cause,
        },
      );
    }
  }

  /** The stored vector (exactly as written, in float32) and metadata, or undefined. */
  async get(id: string): Promise<VectorRecord | undefined> {
    this.#assertOpen();
    return readVector(this.#store, this.#config, validateId(id, this.#config.uid));
  }

  /**
   * The stored ids with their metadata, in id order (UTF-8 byte order), a page at a time
   * (`limit` default 100, at most 1,000).
   */
  async list(options?: PageOptions): Promise<Page<ListedVector>> {
    this.#assertOpen();
    return listVectors(this.#store, this.#config, options);
  }

  /** Top `k` best first (search.ts); with `consistency: "latest"` after following the log. */
  async search(query: ArrayLike<number>, options: SearchOptions): Promise<SearchHit[]> {
    this.#assertOpen();
    const checked = validateSearchOptions(options);
    const { dimension, metric } = this.#config;
    let point = validateQuery(query, dimension, metric);
    const predicate = compileFilter(checked.filter);
    if (checked.consistency === "latest") {
      point = point.slice(); // the caller's array may change while the head is read
      await this.#sync();
    }
    return answerSearch(this.#search, point, {
      options: checked,
      predicate,
      filterExactBelow: this.#tuning.filterExactBelow,
      calibrations: this.#calibrations,
      assertOpen: () => this.#assertOpen(),
    });
  }

  /** The measured ef/recall table, measured now if missing or stale (or with `force`). */
  async calibrate(options?: { force?: boolean }): Promise<Calibration | undefined> {
    this.#assertOpen();
    const o = requireOptions(options);
    const force = o.force === undefined ? false : requireBoolean(o.force, "force");
    await this.#sync();
    if (force) this.#calibrations.reset();
    return this.#calibrations.current();
  }

  /** Deleted slots as a fraction of the index's nodes. */
  deletedFraction(): number {
    const nodes = this.#live.index.getCurrentCount();
    return nodes === 0 ? 0 : this.#live.deletedSlots() / nodes;
  }

  /**
   * Rebuilds this process's index from the stored vectors when deleted slots pass
   * `compactThreshold` (or always, with `force`), then snapshots it and recalibrates on the
   * next search. Returns whether it rebuilt.
   */
  async compact(options?: { force?: boolean }): Promise<boolean> {
    this.#assertOpen();
    const o = requireOptions(options);
    const force = o.force === undefined ? false : requireBoolean(o.force, "force");
    await this.#sync();
    const rebuilt = await this.#exclusive(async () => {
      if (!force && this.deletedFraction() < this.#tuning.compactThreshold) return false;
      await this.#live.rebuild();
      this.#calibrations.reset();
      return true;
    });
    if (rebuilt) await this.snapshot();
    return rebuilt;
  }

  /**
   * Writes a snapshot of this process's index now (after one in flight), so an open replays
   * little. Returns false when nothing changed since the stored snapshot, or another process
   * holds the snapshot lease.
   */
  async snapshot(): Promise<boolean> {
    this.#assertOpen();
    await this.#sync();
    while (this.#snapshotting !== undefined) await this.#snapshotting;
    const run = this.#writeSnapshot();
    this.#snapshotting = run.finally(() => {
      this.#snapshotting = undefined;
    });
    return run;
  }

  #maybeSnapshot(): void {
    if (this.#state !== "open" || this.#snapshotting !== undefined) return;
    const live = this.#live;
    const threshold = Math.max(
      this.#tuning.snapshotEvery,
      Math.floor(this.#tuning.snapshotFraction * live.ids.size),
    );
    if (live.seq - Math.max(live.snapshotSeq, this.#attemptedAt) < threshold) return;
    this.#snapshotting = this.#writeSnapshot()
      // A failed background snapshot costs only replay time at the next open.
      .catch(() => {})
      .finally(() => {
        this.#snapshotting = undefined;
      });
  }

  async #writeSnapshot(): Promise<boolean> {
    const live = this.#live;
    this.#attemptedAt = live.seq;
    const outcome = await writeSnapshot(
      {
        store: this.#store,
        config: this.#config,
        configVersion: this.#configVersion,
        owner: this.#owner,
        clock: this.#tuning.clock,
        leaseMs: this.#tuning.snapshotLeaseMs,
        chunkBytes: this.#tuning.snapshotChunkBytes,
      },
      // Inside the queue: the bytes are exactly the index at `seq`.
      () => this.#exclusive(async () => ({ bytes: serializeIndex(live.index), seq: live.seq })),
    );
    const stored = outcome.written ? outcome.manifest.seq : outcome.storedSeq;
    live.snapshotSeq = Math.max(live.snapshotSeq, stored);
    return outcome.written;
  }

  /** One read of the log head; follows the log when another process wrote since. */
  async #sync(): Promise<void> {
    const key = keys.state(this.#config.uid);
    const bytes = await this.#store.get(key);
    if (bytes === undefined) throw this.#droppedElsewhere();
    const head = stateCodec.decode(bytes, key).seq;
    if (head <= this.#live.seq) return;
    await this.#exclusive(async () => {
      if (head > this.#live.seq) await this.#catchUp();
    });
  }

  /** Follows the log; a log truncated past this index's position means loading again. */
  async #catchUp(): Promise<void> {
    if (!(await this.#live.followLog())) await this.#live.load();
  }

  #droppedElsewhere(): StorageError {
    this.#state = "dropped";
    this.#onDropped();
    return this.#droppedError();
  }

  #droppedError(): StorageError {
    return new StorageError("NOT_FOUND", `collection ${this.#config.name} was dropped`, {
      details: { collection: this.#config.name },
    });
  }

  /** Waits for writes and the snapshot in flight; writes a last snapshot if the log moved. */
  async close(): Promise<void> {
    if (this.#state !== "open") return;
    // Closed first, so no new call and no new background snapshot starts while draining.
    this.#state = "closed";
    await this.#queue.catch(() => {});
    await this.#snapshotting;
    if (this.#tuning.snapshotOnClose && this.#live.seq > this.#live.snapshotSeq) {
      await this.#writeSnapshot();
    }
  }

  /** For `VectorStore.dropCollection`: stop serving, write nothing more. */
  async markDropped(): Promise<void> {
    this.#state = "dropped";
    await this.#queue.catch(() => {});
    await this.#snapshotting;
  }

  #assertOpen(): void {
    if (this.#state === "closed") {
      throw new StorageError("CLOSED", `collection ${this.#config.name} is closed`);
    }
    if (this.#state === "dropped") throw this.#droppedError();
  }

  /** Runs `body` after every earlier write of this collection, one at a time. */
  #exclusive<T>(body: () => Promise<T>): Promise<T> {
    const run = this.#queue.then(body, body);
    this.#queue = run.catch(() => {});
    return run;
  }
}
