/**
 * The component: named collections of vectors on one backend handle (users pass
 * `store.forNamespace("vector")`). Collections are opened once per `VectorStore` and cached;
 * any number of processes may open and write the same collection (each follows the log the
 * others write).
 */
import { randomUUID } from "node:crypto";
import {
  clockNow,
  decodeCursor,
  describe,
  encodeCursor,
  type Page,
  page,
  requireLimit,
  requireOptions,
  type StorageBackend,
  StorageError,
  transact,
} from "@mnemo/core";
import { VectorCollection } from "./collection.js";
import { keys } from "./keys.js";
import { type CollectionTuning, readOptions, type VectorStoreOptions } from "./options.js";
import { configCodec, INITIAL_STATE, type StoredConfig, stateCodec } from "./records.js";
import type { CollectionInfo, CollectionOptions, PageOptions } from "./types.js";
import { validateCollectionOptions, validateName } from "./validation.js";

/** Keys per batched delete when a collection's data is removed. */
const DROP_PAGE = 1000;

export class VectorStore {
  readonly #store: StorageBackend;
  readonly #tuning: CollectionTuning;
  readonly #open = new Map<string, Promise<VectorCollection>>();
  #closed = false;

  constructor(store: StorageBackend, options?: VectorStoreOptions) {
    this.#store = store;
    this.#tuning = readOptions(options);
  }

  /**
   * Creates `name`, or opens it when it exists with the same dimension, metric, M and
   * efConstruction; other settings are `FAILED_PRECONDITION`.
   */
  async createCollection(name: string, options: CollectionOptions): Promise<VectorCollection> {
    this.#assertOpen();
    validateName(name);
    const settings = validateCollectionOptions(options);
    const config: StoredConfig = {
      uid: randomUUID(),
      name,
      ...settings,
      createdAt: clockNow(this.#tuning.clock),
    };
    const key = keys.config(name);
    // The config and the collection's state in one commit: a collection always has a state.
    const created = await this.#store
      .atomic()
      .check(key, null)
      .put(key, configCodec.encode(config))
      .put(keys.state(config.uid), stateCodec.encode(INITIAL_STATE))
      .commit();
    if (!created.ok) {
      const existing = await this.#readConfig(name);
      if (
        existing !== undefined &&
        (existing.dimension !== settings.dimension ||
          existing.metric !== settings.metric ||
          existing.M !== settings.M ||
          existing.efConstruction !== settings.efConstruction)
      ) {
        throw new StorageError(
          "FAILED_PRECONDITION",
          `collection ${describe(name)} exists with other settings (dimension ${existing.dimension}, metric ${existing.metric}, M ${existing.M}, efConstruction ${existing.efConstruction})`,
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
    if (opening !== undefined) {
      const cached = await opening.catch(() => undefined);
      // Dropped by another process (and perhaps created again): open afresh.
      if (cached !== undefined && !cached.dropped) return cached;
      if (this.#open.get(name) === opening) this.#open.delete(name);
      opening = undefined;
    }
    opening = this.#load(name);
    this.#open.set(name, opening);
    opening.catch(() => {
      if (this.#open.get(name) === opening) this.#open.delete(name);
    });
    return opening;
  }

  async #load(name: string): Promise<VectorCollection> {
    const entry = await this.#store.getEntry(keys.config(name));
    if (entry === undefined) {
      throw new StorageError("NOT_FOUND", `no vector collection named ${describe(name)}`, {
        details: { collection: name },
      });
    }
    const config = configCodec.decode(entry.value, keys.config(name));
    await this.#ensureState(config);
    // The config's version guards what a collection writes besides its checked writes
    // (snapshots, calibration): after a drop, nothing of it can be written again.
    return VectorCollection.open(this.#store, config, entry.version, this.#tuning, () => {
      void this.#forget(name);
    });
  }

  async #forget(name: string): Promise<void> {
    const opening = this.#open.get(name);
    const collection = await opening?.catch(() => undefined);
    if (collection?.dropped && this.#open.get(name) === opening) this.#open.delete(name);
  }

  /** Collections created before the state was written at creation get theirs now. */
  async #ensureState(config: StoredConfig): Promise<void> {
    if ((await this.#store.get(keys.state(config.uid))) !== undefined) return;
    const configEntry = await this.#store.getEntry(keys.config(config.name));
    if (configEntry === undefined) return; // dropped meanwhile: the open will say so
    await this.#store
      .atomic()
      .check(keys.config(config.name), configEntry.version)
      .check(keys.state(config.uid), null)
      .put(keys.state(config.uid), stateCodec.encode(INITIAL_STATE))
      .commit();
  }

  async #readConfig(name: string): Promise<StoredConfig | undefined> {
    const key = keys.config(name);
    const bytes = await this.#store.get(key);
    return bytes === undefined ? undefined : configCodec.decode(bytes, key);
  }

  /** The collections in name order (UTF-8 byte order), a page at a time (default 100, max 1,000). */
  async listCollections(options?: PageOptions): Promise<Page<CollectionInfo>> {
    this.#assertOpen();
    const o = requireOptions(options);
    const limit = requireLimit(o.limit, 100, 1000);
    const after =
      o.cursor === undefined
        ? undefined
        : decodeCursor(o.cursor, "vector store", (parts) => {
            if (parts.length !== 2 || parts[0] !== "vector-collections") return undefined;
            try {
              return validateName(parts[1]);
            } catch {
              return undefined;
            }
          });
    const range = keys.configRange();
    const scan =
      after === undefined
        ? { ...range, limit: limit + 1 }
        : {
            gt: keys.config(after),
            ...(range.lt === undefined ? {} : { lt: range.lt }),
            limit: limit + 1,
          };
    const items: CollectionInfo[] = [];
    for await (const [key, value] of this.#store.scan(scan)) {
      const { uid: _uid, ...info } = configCodec.decode(value, key);
      items.push(info);
    }
    const more = items.length > limit;
    if (more) items.length = limit;
    const last = items.at(-1);
    return page(items, more && last ? encodeCursor(["vector-collections", last.name]) : undefined);
  }

  /**
   * Removes the collection: its config and state go in one checked commit (it is gone from
   * then on, for every process: their next call is `NOT_FOUND`), then its data is deleted a
   * page at a time. Returns whether it existed.
   */
  async dropCollection(name: string): Promise<boolean> {
    this.#assertOpen();
    validateName(name);
    const open = this.#open.get(name);
    const { result: config } = await transact(
      this.#store,
      async (tx) => {
        const bytes = await tx.get(keys.config(name));
        if (bytes === undefined) return undefined;
        const found = configCodec.decode(bytes, keys.config(name));
        tx.delete(keys.config(name));
        tx.delete(keys.state(found.uid));
        return found;
      },
      { maxAttempts: this.#tuning.maxAttempts },
    );
    if (config === undefined) return false;
    if (open !== undefined) {
      if (this.#open.get(name) === open) this.#open.delete(name);
      await (await open.catch(() => undefined))?.markDropped();
    }
    const range = keys.all(config.uid);
    for (;;) {
      const batch: string[] = [];
      for await (const [key] of this.#store.scan({ ...range, limit: DROP_PAGE })) batch.push(key);
      if (batch.length === 0) break;
      await this.#store.deleteBatch(batch);
    }
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
