/**
 * The component: named collections of vectors on one backend handle (users pass
 * `store.forNamespace("vector")`). Collections are opened once per `VectorStore` and cached;
 * one process writes a collection at a time (its HNSW index lives in that process's memory).
 */
import { randomUUID } from "node:crypto";
import { describe, jsonRecordCodec, type StorageBackend, StorageError } from "@mnemo/core";
import { type CollectionTuning, type StoredConfig, VectorCollection } from "./collection.js";
import { keys } from "./keys.js";
import type { CollectionInfo, CollectionOptions } from "./types.js";
import { validateCollectionOptions, validateName } from "./validation.js";

export interface VectorStoreOptions {
  /** Write an index snapshot once this many changes are in the log. Default 10 000. */
  readonly snapshotEvery?: number;
  /** ...or once the log holds this fraction of the live count, if larger. Default 0.05. */
  readonly snapshotFraction?: number;
  /** Size of the values a snapshot is cut into. Default 4 MiB. */
  readonly snapshotChunkBytes?: number;
  /** Snapshot on `close()` when the log is not empty, so the next open replays nothing. Default true. */
  readonly snapshotOnClose?: boolean;
  /** recall@10 the calibrated default ef aims for. Default 0.95. */
  readonly recallTarget?: number;
  /** Filters matching at most this many vectors use an exact scan of them. Default 1000. */
  readonly filterExactBelow?: number;
  /** Deleted fraction of the index above which `compact()` rebuilds. Default 0.2. */
  readonly compactThreshold?: number;
  /** Calibration work bound, in vector components compared. Default 1e9. */
  readonly calibrationBudget?: number;
  readonly clock?: { now(): number };
}

const configCodec = jsonRecordCodec<StoredConfig>();

function positive(value: number | undefined, fallback: number, field: string): number {
  const v = value ?? fallback;
  if (typeof v !== "number" || !(v > 0) || !Number.isFinite(v)) {
    throw new StorageError(
      "INVALID_ARGUMENT",
      `${field} must be a positive number, got ${describe(v)}`,
    );
  }
  return v;
}

export class VectorStore {
  readonly #backend: StorageBackend;
  readonly #tuning: CollectionTuning;
  readonly #open = new Map<string, Promise<VectorCollection>>();
  #closed = false;

  constructor(backend: StorageBackend, options: VectorStoreOptions = {}) {
    this.#backend = backend;
    const recallTarget = positive(options.recallTarget, 0.95, "recallTarget");
    if (recallTarget > 1) {
      throw new StorageError(
        "INVALID_ARGUMENT",
        `recallTarget must be at most 1, got ${recallTarget}`,
      );
    }
    this.#tuning = {
      snapshotEvery: positive(options.snapshotEvery, 10_000, "snapshotEvery"),
      snapshotFraction: positive(options.snapshotFraction, 0.05, "snapshotFraction"),
      snapshotChunkBytes: Math.floor(
        positive(options.snapshotChunkBytes, 4 * 1024 * 1024, "snapshotChunkBytes"),
      ),
      snapshotOnClose: options.snapshotOnClose ?? true,
      recallTarget,
      filterExactBelow: options.filterExactBelow ?? 1000,
      compactThreshold: positive(options.compactThreshold, 0.2, "compactThreshold"),
      calibrationBudget: positive(options.calibrationBudget, 1e9, "calibrationBudget"),
      clock: options.clock ?? Date,
    };
  }

  /**
   * Creates `name`, or opens it when it exists with the same dimension, metric, M and
   * efConstruction; different settings are a `CONFLICT`.
   */
  async createCollection(name: string, options: CollectionOptions): Promise<VectorCollection> {
    this.#assertOpen();
    validateName(name);
    const settings = validateCollectionOptions(options);
    const config: StoredConfig = {
      uid: randomUUID(),
      name,
      ...settings,
      createdAt: this.#tuning.clock.now(),
    };
    const key = keys.config(name);
    const created = await this.#backend.compareAndSwap(key, undefined, configCodec.encode(config));
    if (!created) {
      const existing = await this.#readConfig(name);
      if (
        existing === undefined ||
        existing.dimension !== settings.dimension ||
        existing.metric !== settings.metric ||
        existing.M !== settings.M ||
        existing.efConstruction !== settings.efConstruction
      ) {
        throw new StorageError(
          "CONFLICT",
          `collection ${describe(name)} exists with other settings (dimension ${existing?.dimension}, metric ${existing?.metric}, M ${existing?.M}, efConstruction ${existing?.efConstruction})`,
          { details: { collection: name } },
        );
      }
    }
    return this.collection(name);
  }

  /** An existing collection, loaded on first use; `NOT_FOUND` when there is none. */
  async collection(name: string): Promise<VectorCollection> {
    this.#assertOpen();
    validateName(name);
    let opening = this.#open.get(name);
    if (opening === undefined) {
      opening = this.#load(name);
      this.#open.set(name, opening);
      opening.catch(() => this.#open.delete(name));
    }
    return opening;
  }

  async #load(name: string): Promise<VectorCollection> {
    const config = await this.#readConfig(name);
    if (config === undefined) {
      throw new StorageError("NOT_FOUND", `no vector collection named ${describe(name)}`, {
        details: { collection: name },
      });
    }
    return VectorCollection.open(this.#backend, config, this.#tuning);
  }

  async #readConfig(name: string): Promise<StoredConfig | undefined> {
    const key = keys.config(name);
    const bytes = await this.#backend.get(key);
    return bytes === undefined ? undefined : configCodec.decode(bytes, key);
  }

  async listCollections(): Promise<CollectionInfo[]> {
    this.#assertOpen();
    const out: CollectionInfo[] = [];
    for await (const [key, value] of this.#backend.scan(keys.configRange())) {
      const { uid: _uid, ...info } = configCodec.decode(value, key);
      out.push(info);
    }
    return out;
  }

  /**
   * Removes the collection: its config goes in one atomic delete (it is gone from then on),
   * then its data is deleted in batches. Returns whether it existed.
   */
  async dropCollection(name: string): Promise<boolean> {
    this.#assertOpen();
    validateName(name);
    const config = await this.#readConfig(name);
    if (config === undefined) return false;
    const open = this.#open.get(name);
    this.#open.delete(name);
    if (open !== undefined) await (await open.catch(() => undefined))?.markDropped();
    await this.#backend.delete(keys.config(name));
    let batch: string[] = [];
    for (const key of await this.#backend.listKeys(keys.all(config.uid).gte)) {
      batch.push(key);
      if (batch.length >= 1000) {
        await this.#backend.deleteBatch(batch);
        batch = [];
      }
    }
    if (batch.length > 0) await this.#backend.deleteBatch(batch);
    return true;
  }

  /** Closes every open collection (writing their last snapshots). The backend stays open. */
  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    for (const opening of this.#open.values()) {
      const collection = await opening.catch(() => undefined);
      await collection?.close();
    }
    this.#open.clear();
  }

  #assertOpen(): void {
    if (this.#closed) throw new StorageError("CLOSED", "this VectorStore is closed");
  }
}
