/**
 * The in-memory side of one collection in one process: the HNSW index, the label ↔ id map
 * with every vector's metadata, and the log sequence they reflect.
 *
 * Several processes write one collection, so this is a follower of the store: every write
 * (of any process) commits a log entry naming the label it changed, and `followLog` applies
 * the entries after `seq` by reading each named label's *current* record and vector. Applying
 * the current state rather than the logged change makes the application idempotent: reading
 * a record newer than the entry being applied is harmless, its own entry comes later and is
 * applied again. Labels are never reused, so a label found absent is deleted for good.
 */
import { decodeTuple, type StorageBackend, StorageError } from "@mnemo/core";
import { createIndex, type HnswIndex } from "./index-file.js";
import { decodeItem } from "./item-codec.js";
import { keys } from "./keys.js";
import {
  decodeLogEntry,
  type LabelRecord,
  labelCodec,
  type StoredConfig,
  stateCodec,
} from "./records.js";
import { readSnapshot } from "./snapshot.js";

/** Reads per batched round trip when following the log. */
const READ_BATCH = 1000;
/** A load that keeps finding its log truncated under it gives up after this many tries. */
const LOAD_ATTEMPTS = 5;

/** A committed change of this process, applied without reading it back. */
export type OwnChange =
  | {
      readonly type: "put";
      readonly id: string;
      readonly label: number;
      readonly vector: Float32Array;
      readonly record: LabelRecord;
    }
  | { readonly type: "del"; readonly label: number };

export class LiveIndex {
  readonly #store: StorageBackend;
  readonly #config: StoredConfig;
  #index!: HnswIndex;
  #labels = new Map<number, LabelRecord>();
  #ids = new Map<string, number>();
  /** The log sequence the index reflects (it may also hold some later changes). */
  seq = 0;
  /** The log sequence of the snapshot this process last loaded or wrote. */
  snapshotSeq = 0;

  constructor(store: StorageBackend, config: StoredConfig) {
    this.#store = store;
    this.#config = config;
  }

  get index(): HnswIndex {
    return this.#index;
  }

  /** Live labels: exactly the labels the index holds unmarked. */
  get labels(): ReadonlyMap<number, LabelRecord> {
    return this.#labels;
  }

  get ids(): ReadonlyMap<string, number> {
    return this.#ids;
  }

  /** Marked-deleted slots in the index, which the next inserts reuse. */
  deletedSlots(): number {
    return this.#index.getCurrentCount() - this.labels.size;
  }

  /**
   * Loads the snapshot and follows the log from it, or rebuilds from the stored vectors.
   * Safe while other processes write: whatever changes during the load is in the log after
   * the position the load starts following from. Built aside and swapped in at once, so a
   * search running meanwhile sees the old state or the new one, never a mix.
   */
  async load(): Promise<void> {
    const next = new LiveIndex(this.#store, this.#config);
    await next.#fill();
    this.#index = next.#index;
    this.#labels = next.#labels;
    this.#ids = next.#ids;
    this.seq = next.seq;
    this.snapshotSeq = next.snapshotSeq;
  }

  async #fill(): Promise<void> {
    for (let attempt = 0; attempt < LOAD_ATTEMPTS; attempt++) {
      const head = await this.#readHead();
      const snapshot = await readSnapshot(this.#store, this.#config);
      await this.#readLabels();
      if (snapshot !== undefined) {
        this.#index = snapshot.index;
        this.seq = snapshot.manifest.seq;
        this.snapshotSeq = snapshot.manifest.seq;
        await this.applyCurrent(this.#reconcileSnapshot());
      } else {
        const { index, seen } = await this.#buildFromStore();
        this.#index = index;
        this.#forgetUnseen(seen);
        this.seq = head;
        this.snapshotSeq = 0;
      }
      // A log truncated past our position by snapshots written meanwhile: start again.
      if (await this.followLog()) return;
    }
    throw new StorageError(
      "UNAVAILABLE",
      `collection ${this.#config.name}: the log kept moving past the snapshot while loading`,
    );
  }

  async #readHead(): Promise<number> {
    const bytes = await this.#store.get(keys.state(this.#config.uid));
    return bytes === undefined ? 0 : stateCodec.decode(bytes).seq;
  }

  async #readLabels(): Promise<void> {
    this.#labels.clear();
    this.#ids.clear();
    for await (const [key, value] of this.#store.scan(keys.labels(this.#config.uid))) {
      const label = decodeTuple(key)[3];
      if (typeof label !== "number") {
        throw new StorageError("CORRUPTED", `label key ${key} does not end in a number`);
      }
      const record = labelCodec.decode(value, key);
      this.#labels.set(label, record);
      this.#ids.set(record.id, label);
    }
  }

  /**
   * The snapshot is the index at its sequence, the labels were read later: nodes whose label
   * is gone are marked deleted; labels the snapshot lacks are added from the store.
   */
  #reconcileSnapshot(): number[] {
    const inIndex = new Set(this.#index.getIdsList());
    for (const label of inIndex) {
      if (!this.labels.has(label)) this.#markDeleted(label);
    }
    // Written after the snapshot (the log names them too): forgotten here, so that applying
    // them adds them as new nodes.
    const missing = [...this.labels.keys()].filter((label) => !inIndex.has(label));
    for (const label of missing) this.#forget(label);
    return missing;
  }

  /**
   * Applies every log entry after `seq`. Returns false when the entries right after `seq`
   * are gone (a snapshot truncated the log meanwhile): the caller must load again.
   */
  async followLog(): Promise<boolean> {
    const changed = new Map<number, string | undefined>();
    let last = this.seq;
    for await (const [key, value] of this.#store.scan(
      keys.logBetween(this.#config.uid, this.seq + 1, undefined),
    )) {
      const seq = decodeTuple(key)[3];
      if (seq !== last + 1) return false;
      const entry = decodeLogEntry(value, key);
      changed.set(entry.label, entry.id ?? changed.get(entry.label));
      last = seq;
    }
    if (changed.size > 0) await this.applyCurrent(changed);
    this.seq = last;
    return true;
  }

  /**
   * Brings each label to the state the store has now: present with its vector, or gone.
   * `labels` maps each label to its id when the log entry named it: then the label record
   * and the vector are read in one batch (any read order gives a state the label had after
   * its entry; a later change has a later entry). Without the id, the record is read first.
   */
  async applyCurrent(
    labels: ReadonlyMap<number, string | undefined> | Iterable<number>,
  ): Promise<void> {
    const { uid, dimension } = this.#config;
    const known = labels instanceof Map ? labels : new Map([...labels].map((l) => [l, undefined]));
    const list = [...known.keys()];
    const decided: Array<{ label: number; live?: { record: LabelRecord; vector: Float32Array } }> =
      [];
    for (let i = 0; i < list.length; i += READ_BATCH) {
      const batch = list.slice(i, i + READ_BATCH);
      const wanted = batch.map((label) => keys.label(uid, label));
      for (const label of batch) {
        const id = known.get(label);
        if (id !== undefined) wanted.push(keys.item(uid, id));
      }
      const found = await this.#store.getBatch(wanted);
      const present = new Map<number, LabelRecord>();
      for (const label of batch) {
        const key = keys.label(uid, label);
        const bytes = found.get(key);
        if (bytes !== undefined) present.set(label, labelCodec.decode(bytes, key));
      }
      // Entries of the old format (a bare label): their vectors in a second read.
      const asked = new Set(wanted);
      const unread = [...present.values()]
        .map((record) => keys.item(uid, record.id))
        .filter((key) => !asked.has(key));
      if (unread.length > 0) {
        for (const [key, bytes] of await this.#store.getBatch(unread)) found.set(key, bytes);
      }
      for (const label of batch) {
        const record = present.get(label);
        const key = record === undefined ? undefined : keys.item(uid, record.id);
        const bytes = key === undefined ? undefined : found.get(key);
        const item = bytes === undefined ? undefined : decodeItem(bytes, dimension, key!);
        // An item under another label: this one was deleted and the id written again since.
        decided.push(
          record !== undefined && item !== undefined && item.label === label
            ? { label, live: { record, vector: item.vector } }
            : { label },
        );
      }
    }
    this.#ensureCapacity(decided.filter((d) => d.live && !this.labels.has(d.label)).length);
    for (const { label, live } of decided) {
      if (live === undefined) this.#drop(label);
      else this.#put(live.record.id, label, live.vector, live.record);
    }
  }

  /** Applies this process's own committed changes, which end at log sequence `seq`. */
  applyOwn(changes: readonly OwnChange[], seq: number): void {
    this.#ensureCapacity(
      changes.filter((c) => c.type === "put" && !this.labels.has(c.label)).length,
    );
    for (const change of changes) {
      if (change.type === "del") this.#drop(change.label);
      else this.#put(change.id, change.label, change.vector, change.record);
    }
    this.seq = seq;
  }

  #put(id: string, label: number, vector: Float32Array, record: LabelRecord): void {
    const previous = this.ids.get(id);
    if (previous !== undefined && previous !== label) this.#drop(previous);
    const isNew = !this.labels.has(label);
    // A new label takes a deleted slot when there is one (replaceDeleted); an update
    // rewrites its node in place (replaceDeleted with a live label would orphan its node).
    this.#index.addPoint(Array.from(vector), label, isNew);
    this.#labels.set(label, record);
    this.#ids.set(id, label);
  }

  #drop(label: number): void {
    if (!this.labels.has(label)) return;
    this.#markDeleted(label);
    this.#forget(label);
  }

  #forget(label: number): void {
    const record = this.#labels.get(label);
    this.#labels.delete(label);
    if (record !== undefined && this.#ids.get(record.id) === label) this.#ids.delete(record.id);
  }

  #markDeleted(label: number): void {
    try {
      this.#index.markDelete(label);
    } catch {
      // Already marked deleted (in the snapshot).
    }
  }

  #ensureCapacity(newPoints: number): void {
    const needed = this.#index.getCurrentCount() + Math.max(0, newPoints - this.deletedSlots());
    const max = this.#index.getMaxElements();
    if (needed > max) this.#index.resizeIndex(Math.max(needed, Math.ceil(max * 1.5)));
  }

  /**
   * Rebuilds the index from the stored vectors (compaction): the new index replaces the old
   * one in one step, with the labels whose vector is gone dropped at the same moment.
   */
  async rebuild(): Promise<void> {
    const { index, seen } = await this.#buildFromStore();
    this.#index = index;
    this.#forgetUnseen(seen);
  }

  #forgetUnseen(seen: ReadonlySet<number>): void {
    for (const label of [...this.#labels.keys()]) if (!seen.has(label)) this.#forget(label);
  }

  /**
   * A fresh index from every stored vector whose label record was read (`labels`), and the
   * labels it holds (a label whose vector is gone or under another label is not among them).
   */
  async #buildFromStore(): Promise<{ index: HnswIndex; seen: Set<number> }> {
    const { uid, dimension, metric, M, efConstruction } = this.#config;
    const index = createIndex(
      metric,
      dimension,
      Math.ceil(this.#labels.size * 1.25),
      M,
      efConstruction,
    );
    const seen = new Set<number>();
    for await (const [key, bytes] of this.#store.scan(keys.items(uid))) {
      const item = decodeItem(bytes, dimension, key);
      if (!this.#labels.has(item.label)) continue;
      if (index.getCurrentCount() >= index.getMaxElements()) {
        index.resizeIndex(Math.ceil(index.getMaxElements() * 1.5));
      }
      index.addPoint(Array.from(item.vector), item.label, false);
      seen.add(item.label);
    }
    return { index, seen };
  }
}
