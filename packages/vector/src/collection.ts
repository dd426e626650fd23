/**
 * One collection: its vectors and metadata in the backend, its HNSW index in memory and, as
 * a snapshot plus a log of later changes, in the backend too.
 *
 * Writes go through one queue per collection, so the in-memory index always equals the
 * backend's state as of the last committed log sequence; a snapshot is taken inside that
 * queue (a consistent picture) and stored outside it, in the background.
 */
import {
  blake3Hex,
  decodeTuple,
  jsonRecordCodec,
  type StorageBackend,
  StorageError,
  type WriteOp,
} from "@mnemo/core";
import {
  CALIBRATION_K,
  efForRecall,
  isStale,
  MIN_CALIBRATION_COUNT,
  measureCalibration,
  perturb,
  SMALL_COLLECTION_EF,
  sample,
  seededRandom,
} from "./calibration.js";
import { euclidean, exactDistance, scoreOf, TopK } from "./distance.js";
import { compileFilter, type MetadataPredicate } from "./filter.js";
import { createIndex, deserializeIndex, type HnswIndex, serializeIndex } from "./index-file.js";
import { decodeItem, encodeItem } from "./item-codec.js";
import { keys } from "./keys.js";
import type {
  Calibration,
  CollectionInfo,
  Metadata,
  SearchHit,
  SearchOptions,
  UpsertItem,
  VectorRecord,
} from "./types.js";
import {
  MAX_LABEL,
  validateId,
  validateMetadata,
  validateQuery,
  validateSearchOptions,
  validateVector,
} from "./validation.js";

export interface StoredConfig extends CollectionInfo {
  /** Random; every data key of the collection lives under it. */
  readonly uid: string;
}

interface LabelRecord {
  readonly id: string;
  readonly metadata: Metadata | null;
}

interface StateRecord {
  /** The next label to hand out; labels are never reused. */
  readonly nextLabel: number;
  /** The last committed log sequence. */
  readonly seq: number;
}

interface SnapshotManifest {
  readonly id: number;
  /** The snapshot holds every change up to and including this log sequence. */
  readonly seq: number;
  readonly chunks: number;
  readonly bytes: number;
  readonly blake3: string;
}

export interface CollectionTuning {
  /** Write a snapshot once this many changes are in the log. */
  readonly snapshotEvery: number;
  /** ...or once the log holds this fraction of the live count, whichever is larger. */
  readonly snapshotFraction: number;
  readonly snapshotChunkBytes: number;
  /** Write a snapshot on close when the log is not empty. */
  readonly snapshotOnClose: boolean;
  /** recall@10 the calibrated default ef aims for. */
  readonly recallTarget: number;
  /** A filter matching at most this many vectors is answered by an exact scan of those. */
  readonly filterExactBelow: number;
  /** `compact()` rebuilds once deleted slots are this fraction of the index. */
  readonly compactThreshold: number;
  /** Upper bound on calibration work, in vector components compared. */
  readonly calibrationBudget: number;
  readonly clock: { now(): number };
}

const labelCodec = jsonRecordCodec<LabelRecord>();
const stateCodec = jsonRecordCodec<StateRecord>();
const manifestCodec = jsonRecordCodec<SnapshotManifest>();
const logCodec = jsonRecordCodec<number>();
const calibrationCodec = jsonRecordCodec<Calibration>();

/** Items per atomic write in `upsertMany`. */
const WRITE_BATCH = 500;
const MAX_WRITE_BYTES = 12 * 1024 * 1024;

export class VectorCollection {
  readonly #backend: StorageBackend;
  readonly #config: StoredConfig;
  readonly #tuning: CollectionTuning;
  readonly #distance;
  #index!: HnswIndex;
  readonly #labels = new Map<number, LabelRecord>();
  readonly #ids = new Map<string, number>();
  #nextLabel = 0;
  #seq = 0;
  /** Marked-deleted slots in the index, which the next inserts reuse. */
  #deletedSlots = 0;
  /** Log entries written since the snapshot. */
  #changes = 0;
  #manifest: SnapshotManifest | undefined;
  #snapshotting: Promise<void> | undefined;
  #calibration: Calibration | undefined;
  #calibrating: Promise<Calibration | undefined> | undefined;
  #queue: Promise<unknown> = Promise.resolve();
  #closed: "open" | "closed" | "dropped" = "open";

  private constructor(backend: StorageBackend, config: StoredConfig, tuning: CollectionTuning) {
    this.#backend = backend;
    this.#config = config;
    this.#tuning = tuning;
    this.#distance = exactDistance(config.metric);
  }

  /** Loads the snapshot and replays the log, or rebuilds from the stored vectors. */
  static async open(
    backend: StorageBackend,
    config: StoredConfig,
    tuning: CollectionTuning,
  ): Promise<VectorCollection> {
    const collection = new VectorCollection(backend, config, tuning);
    await collection.#load();
    return collection;
  }

  get name(): string {
    return this.#config.name;
  }

  info(): CollectionInfo {
    const { uid: _uid, ...info } = this.#config;
    return info;
  }

  /** Live vectors. */
  async count(): Promise<number> {
    this.#assertOpen();
    return this.#ids.size;
  }

  async upsert(id: string, vector: ArrayLike<number>, metadata?: Metadata | null): Promise<void> {
    await this.upsertMany([{ id, vector, metadata: metadata ?? null }]);
  }

  /**
   * Every item is checked before anything is written; then items are written in atomic
   * batches of up to 500 (a crash can keep a prefix of the batches, never half an item).
   * An id named twice keeps its last vector.
   */
  async upsertMany(items: Iterable<UpsertItem>): Promise<void> {
    this.#assertOpen();
    const { dimension, metric } = this.#config;
    const prepared = new Map<string, { vector: Float32Array; metadata: Metadata | null }>();
    let i = 0;
    for (const item of items) {
      if (typeof item !== "object" || item === null) {
        throw new StorageError("INVALID_ARGUMENT", `items[${i}] must be { id, vector, metadata? }`);
      }
      const id = validateId(item.id);
      const vector = validateVector(item.vector, dimension, metric, `items[${i}].vector`);
      prepared.delete(id);
      prepared.set(id, { vector, metadata: validateMetadata(item.metadata) });
      i++;
    }
    const entries = [...prepared];
    await this.#exclusive(async () => {
      for (let start = 0; start < entries.length; ) {
        let end = start;
        let bytes = 0;
        while (end < entries.length && end - start < WRITE_BATCH && bytes < MAX_WRITE_BYTES) {
          bytes += entries[end]![1].vector.byteLength + 256;
          end++;
        }
        await this.#writeBatch(entries.slice(start, end));
        start = end;
      }
    });
    this.#maybeSnapshot();
  }

  async #writeBatch(
    batch: Array<[string, { vector: Float32Array; metadata: Metadata | null }]>,
  ): Promise<void> {
    const uid = this.#config.uid;
    let nextLabel = this.#nextLabel;
    let seq = this.#seq;
    const ops: WriteOp[] = [];
    const planned: Array<{
      id: string;
      label: number;
      isNew: boolean;
      vector: Float32Array;
      metadata: Metadata | null;
    }> = [];
    for (const [id, { vector, metadata }] of batch) {
      const existing = this.#ids.get(id);
      const label = existing ?? nextLabel++;
      if (label > MAX_LABEL) {
        throw new StorageError(
          "INVALID_ARGUMENT",
          `collection ${this.#config.name} has used all 2^32 labels; compact() cannot renumber yet`,
        );
      }
      seq++;
      ops.push(
        { type: "put", key: keys.item(uid, id), value: encodeItem(label, vector) },
        { type: "put", key: keys.label(uid, label), value: labelCodec.encode({ id, metadata }) },
        { type: "put", key: keys.log(uid, seq), value: logCodec.encode(label) },
      );
      planned.push({ id, label, isNew: existing === undefined, vector, metadata });
    }
    ops.push({ type: "put", key: keys.state(uid), value: stateCodec.encode({ nextLabel, seq }) });
    this.#ensureCapacity(planned.filter((p) => p.isNew).length);
    await this.#backend.write(ops);
    // Committed: bring the index and the maps up to the same state.
    this.#nextLabel = nextLabel;
    this.#seq = seq;
    this.#changes += planned.length;
    try {
      for (const item of planned) {
        this.#addToIndex(item.label, item.vector, item.isNew);
        this.#labels.set(item.label, { id: item.id, metadata: item.metadata });
        this.#ids.set(item.id, item.label);
      }
    } catch (cause) {
      // The store holds the truth: rebuild the in-memory side from it.
      await this.#load();
      throw new StorageError("UNAVAILABLE", "the HNSW index refused a committed vector; reloaded", {
        cause,
      });
    }
  }

  /** New labels take a deleted slot when there is one; an update rewrites its node in place. */
  #addToIndex(label: number, vector: Float32Array, isNew: boolean): void {
    const point = Array.from(vector);
    if (isNew) {
      // replaceDeleted with a label already in the index would orphan its old node: only new labels.
      const reuse = this.#deletedSlots > 0;
      this.#index.addPoint(point, label, reuse);
      if (reuse) this.#deletedSlots--;
    } else {
      this.#index.addPoint(point, label, false);
    }
  }

  #ensureCapacity(newPoints: number): void {
    const needed = this.#index.getCurrentCount() + Math.max(0, newPoints - this.#deletedSlots);
    const max = this.#index.getMaxElements();
    if (needed > max) this.#index.resizeIndex(Math.max(needed, Math.ceil(max * 1.5)));
  }

  /** Returns whether `id` existed. */
  async delete(id: string): Promise<boolean> {
    this.#assertOpen();
    validateId(id);
    const existed = await this.#exclusive(async () => {
      const label = this.#ids.get(id);
      if (label === undefined) return false;
      const uid = this.#config.uid;
      const seq = this.#seq + 1;
      await this.#backend.write([
        { type: "del", key: keys.item(uid, id) },
        { type: "del", key: keys.label(uid, label) },
        { type: "put", key: keys.log(uid, seq), value: logCodec.encode(label) },
        {
          type: "put",
          key: keys.state(uid),
          value: stateCodec.encode({ nextLabel: this.#nextLabel, seq }),
        },
      ]);
      this.#seq = seq;
      this.#changes++;
      this.#index.markDelete(label);
      this.#deletedSlots++;
      this.#labels.delete(label);
      this.#ids.delete(id);
      return true;
    });
    if (existed) this.#maybeSnapshot();
    return existed;
  }

  /** The stored vector (exactly as written, in float32) and metadata, or undefined. */
  async get(id: string): Promise<VectorRecord | undefined> {
    this.#assertOpen();
    validateId(id);
    const label = this.#ids.get(id);
    if (label === undefined) return undefined;
    const key = keys.item(this.#config.uid, id);
    const bytes = await this.#backend.get(key);
    const record = this.#labels.get(label);
    if (bytes === undefined || record === undefined) return undefined;
    const { vector } = decodeItem(bytes, this.#config.dimension, key);
    return { id, vector: Array.from(vector), metadata: record.metadata };
  }

  /**
   * Top `k` by the collection's metric, best first. Filters run inside the HNSW search; a
   * filter matching at most `filterExactBelow` vectors, or an HNSW answer short of the
   * matches available, is answered by an exact scan of the matching vectors instead.
   */
  async search(query: ArrayLike<number>, options: SearchOptions): Promise<SearchHit[]> {
    this.#assertOpen();
    validateSearchOptions(options);
    const { dimension, metric } = this.#config;
    let point = validateQuery(query, dimension, metric);
    const predicate = compileFilter(options.filter);
    if (options.exact === true)
      return this.#exactScan(Float32Array.from(point), options.k, predicate);
    const live = this.#ids.size;
    if (live === 0) return [];
    let matching = live;
    if (predicate !== undefined) {
      matching = 0;
      for (const record of this.#labels.values()) if (predicate(record.metadata)) matching++;
      if (matching === 0) return [];
      if (matching <= this.#tuning.filterExactBelow) {
        return this.#exactInMemory(Float32Array.from(point), options.k, predicate);
      }
    }
    const k = Math.min(options.k, matching);
    let ef = options.ef;
    if (ef === undefined) {
      let calibration = this.#freshCalibration();
      if (calibration === undefined && live >= MIN_CALIBRATION_COUNT) {
        point = point.slice(); // the caller's array may change while calibration runs
        calibration = await this.#currentCalibration();
        this.#assertOpen();
      }
      if (options.targetRecall !== undefined) {
        ef =
          calibration === undefined
            ? SMALL_COLLECTION_EF
            : efForRecall(calibration, options.targetRecall);
        // No calibrated ef reaches the target: only the exact scan promises it.
        if (ef === undefined)
          return this.#exactScan(Float32Array.from(point), options.k, predicate);
      } else {
        ef = calibration?.defaultEf ?? SMALL_COLLECTION_EF;
      }
      // Calibrated for top-10: a longer list needs a proportionally longer candidate list.
      if (k > CALIBRATION_K) ef = Math.ceil((ef * k) / CALIBRATION_K);
    }
    const labels = this.#labels;
    const hits = this.#searchIndex(
      point,
      k,
      ef,
      predicate === undefined
        ? undefined
        : (label) => {
            const record = labels.get(label);
            return record !== undefined && predicate(record.metadata);
          },
    );
    if (hits.length < k) return this.#exactInMemory(Float32Array.from(point), options.k, predicate);
    return hits.map(({ label, distance }) => this.#hit(label, distance));
  }

  #searchIndex(
    point: number[],
    k: number,
    ef: number,
    filter: ((label: number) => boolean) | undefined,
  ): Array<{ label: number; distance: number }> {
    this.#index.setEf(Math.max(ef, k));
    const result =
      filter === undefined
        ? this.#index.searchKnn(point, k)
        : this.#index.searchKnn(point, k, filter);
    const hits: Array<{ label: number; distance: number }> = [];
    for (let i = 0; i < result.neighbors.length; i++) {
      const label = result.neighbors[i]!;
      if (this.#labels.has(label)) hits.push({ label, distance: result.distances[i]! });
    }
    return hits;
  }

  #hit(label: number, distance: number): SearchHit {
    const record = this.#labels.get(label)!;
    return {
      id: record.id,
      score: scoreOf(this.#config.metric, distance),
      metadata: record.metadata,
    };
  }

  /** The reference: every stored vector read from the backend and compared. */
  async #exactScan(
    vector: Float32Array,
    k: number,
    predicate: MetadataPredicate | undefined,
  ): Promise<SearchHit[]> {
    const top = new TopK(k);
    const { dimension } = this.#config;
    for await (const [key, bytes] of this.#backend.scan(keys.items(this.#config.uid))) {
      const item = decodeItem(bytes, dimension, key);
      const record = this.#labels.get(item.label);
      if (record === undefined) continue;
      if (predicate !== undefined && !predicate(record.metadata)) continue;
      top.push(this.#distance(vector, item.vector), item.label);
    }
    return top
      .sorted()
      .flatMap(({ label, distance }) =>
        this.#labels.has(label) ? [this.#hit(label, distance)] : [],
      );
  }

  /** Exact over the matching vectors, read from the in-memory index. */
  #exactInMemory(
    vector: Float32Array,
    k: number,
    predicate: MetadataPredicate | undefined,
  ): SearchHit[] {
    const top = new TopK(k);
    for (const [label, record] of this.#labels) {
      if (predicate !== undefined && !predicate(record.metadata)) continue;
      // cosine points come back normalised, which leaves the cosine distance unchanged.
      const point = Float32Array.from(this.#index.getPoint(label));
      top.push(this.#distance(vector, point), label);
    }
    return top.sorted().map(({ label, distance }) => this.#hit(label, distance));
  }

  /** The measured ef/recall table, measured now if missing or stale. */
  async calibrate(options: { force?: boolean } = {}): Promise<Calibration | undefined> {
    this.#assertOpen();
    if (options.force === true) this.#calibration = undefined;
    return this.#currentCalibration();
  }

  #freshCalibration(): Calibration | undefined {
    const calibration = this.#calibration;
    return calibration !== undefined && !isStale(calibration, this.#ids.size)
      ? calibration
      : undefined;
  }

  async #currentCalibration(): Promise<Calibration | undefined> {
    if (this.#ids.size < MIN_CALIBRATION_COUNT) return undefined;
    const fresh = this.#freshCalibration();
    if (fresh !== undefined) return fresh;
    this.#calibrating ??= this.#measureCalibration().finally(() => {
      this.#calibrating = undefined;
    });
    return this.#calibrating;
  }

  async #measureCalibration(): Promise<Calibration | undefined> {
    const { dimension, uid } = this.#config;
    const live = this.#ids.size;
    // One scan serves every sample query; its cost is queries × live × dimension.
    const size = Math.max(
      50,
      Math.min(100, Math.floor(this.#tuning.calibrationBudget / (live * dimension))),
    );
    const random = seededRandom(live);
    // getPoint is exact for l2/ip; for cosine it is normalised, which cosine ignores.
    const queries = sample([...this.#labels.keys()], size).map((label) => {
      const vector = Float32Array.from(this.#index.getPoint(label));
      const near = this.#searchIndex(
        Array.from(vector),
        Math.min(CALIBRATION_K + 1, live),
        200,
        undefined,
      );
      const tenth = near.at(-1);
      const radius =
        tenth === undefined
          ? 0
          : euclidean(vector, Float32Array.from(this.#index.getPoint(tenth.label)));
      return { vector: perturb(vector, radius, random) };
    });
    const tops = queries.map(() => new TopK(CALIBRATION_K));
    for await (const [key, bytes] of this.#backend.scan(keys.items(uid))) {
      const item = decodeItem(bytes, dimension, key);
      if (!this.#labels.has(item.label)) continue;
      for (let q = 0; q < queries.length; q++) {
        tops[q]!.push(this.#distance(queries[q]!.vector, item.vector), item.label);
      }
    }
    if (this.#closed !== "open") return undefined;
    const calibration = measureCalibration({
      queries,
      exact: tops.map((top) => top.sorted().map((hit) => hit.label)),
      approximate: (vector, k, ef) =>
        this.#searchIndex(Array.from(vector), Math.min(k, this.#ids.size), ef, undefined).map(
          (h) => h.label,
        ),
      count: live,
      target: this.#tuning.recallTarget,
      now: this.#tuning.clock.now(),
    });
    this.#calibration = calibration;
    await this.#backend.set(keys.calibration(uid), calibrationCodec.encode(calibration));
    return calibration;
  }

  /** Deleted slots as a fraction of the index's nodes. */
  deletedFraction(): number {
    const nodes = this.#index.getCurrentCount();
    return nodes === 0 ? 0 : this.#deletedSlots / nodes;
  }

  /**
   * Rebuilds the index from the stored vectors when deleted slots pass `compactThreshold`
   * (or always, with `force`), then snapshots it and recalibrates on the next search.
   */
  async compact(options: { force?: boolean } = {}): Promise<boolean> {
    this.#assertOpen();
    const rebuilt = await this.#exclusive(async () => {
      if (options.force !== true && this.deletedFraction() < this.#tuning.compactThreshold) {
        return false;
      }
      this.#index = await this.#rebuild();
      this.#deletedSlots = 0;
      this.#calibration = undefined;
      return true;
    });
    if (rebuilt) await this.snapshot();
    return rebuilt;
  }

  /** Writes a snapshot now (waiting for one in flight first) so a reopen replays nothing. */
  async snapshot(): Promise<void> {
    this.#assertOpen();
    while (this.#snapshotting !== undefined) await this.#snapshotting;
    this.#snapshotting = this.#writeSnapshot().finally(() => {
      this.#snapshotting = undefined;
    });
    await this.#snapshotting;
  }

  #maybeSnapshot(): void {
    const threshold = Math.max(
      this.#tuning.snapshotEvery,
      Math.floor(this.#tuning.snapshotFraction * this.#ids.size),
    );
    if (this.#changes < threshold || this.#snapshotting !== undefined || this.#closed !== "open") {
      return;
    }
    this.#snapshotting = this.#writeSnapshot()
      // A failed background snapshot costs only replay time at the next open.
      .catch(() => {})
      .finally(() => {
        this.#snapshotting = undefined;
      });
  }

  async #writeSnapshot(): Promise<void> {
    const uid = this.#config.uid;
    const picture = await this.#exclusive(async () => ({
      bytes: serializeIndex(this.#index),
      seq: this.#seq,
      changes: this.#changes,
    }));
    if (
      this.#manifest !== undefined &&
      picture.seq === this.#manifest.seq &&
      picture.changes === 0
    ) {
      return;
    }
    const previous = this.#manifest;
    const id = (previous?.id ?? 0) + 1;
    const { bytes } = picture;
    const chunkBytes = this.#tuning.snapshotChunkBytes;
    const chunks = Math.max(1, Math.ceil(bytes.byteLength / chunkBytes));
    let ops: WriteOp[] = [];
    let pending = 0;
    for (let n = 0; n < chunks; n++) {
      const value = bytes.subarray(
        n * chunkBytes,
        Math.min(bytes.byteLength, (n + 1) * chunkBytes),
      );
      ops.push({ type: "put", key: keys.chunk(uid, id, n), value });
      pending += value.byteLength;
      if (pending >= MAX_WRITE_BYTES) {
        await this.#backend.write(ops);
        ops = [];
        pending = 0;
      }
    }
    if (ops.length > 0) await this.#backend.write(ops);
    const manifest: SnapshotManifest = {
      id,
      seq: picture.seq,
      chunks,
      bytes: bytes.byteLength,
      blake3: blake3Hex(bytes),
    };
    // Swap the manifest, drop the log it covers and the previous chunks: all or nothing.
    const swap: WriteOp[] = [
      { type: "put", key: keys.snapshot(uid), value: manifestCodec.encode(manifest) },
    ];
    for await (const [key] of this.#backend.scan(
      keys.logBetween(uid, undefined, picture.seq + 1),
    )) {
      swap.push({ type: "del", key });
    }
    if (previous !== undefined) {
      for (let n = 0; n < previous.chunks; n++) {
        swap.push({ type: "del", key: keys.chunk(uid, previous.id, n) });
      }
    }
    await this.#backend.write(swap);
    this.#manifest = manifest;
    this.#changes -= picture.changes;
  }

  async #load(): Promise<void> {
    const uid = this.#config.uid;
    this.#labels.clear();
    this.#ids.clear();
    let maxLabel = -1;
    for await (const [key, value] of this.#backend.scan(keys.labels(uid))) {
      const label = decodeTuple(key)[3];
      if (typeof label !== "number") {
        throw new StorageError("CORRUPTED", `label key ${key} does not end in a number`);
      }
      const record = labelCodec.decode(value, key);
      this.#labels.set(label, record);
      this.#ids.set(record.id, label);
      if (label > maxLabel) maxLabel = label;
    }
    const stateBytes = await this.#backend.get(keys.state(uid));
    const state = stateBytes === undefined ? undefined : stateCodec.decode(stateBytes);
    this.#nextLabel = Math.max(state?.nextLabel ?? 0, maxLabel + 1);
    this.#seq = state?.seq ?? 0;

    const manifestBytes = await this.#backend.get(keys.snapshot(uid));
    this.#manifest = manifestBytes === undefined ? undefined : manifestCodec.decode(manifestBytes);
    const snapshot =
      this.#manifest === undefined ? undefined : await this.#readSnapshot(this.#manifest);
    if (snapshot !== undefined && this.#manifest !== undefined) {
      this.#index = snapshot;
      this.#changes = await this.#replayLog(this.#manifest.seq);
    } else {
      this.#index = await this.#rebuild();
      this.#changes = this.#ids.size;
    }
    this.#deletedSlots = this.#index.getCurrentCount() - this.#ids.size;

    const calibrationBytes = await this.#backend.get(keys.calibration(uid));
    this.#calibration =
      calibrationBytes === undefined ? undefined : calibrationCodec.decode(calibrationBytes);
    await this.#removeOrphanChunks();
    this.#maybeSnapshot();
  }

  /** The snapshot's index, or undefined when a chunk is missing or the bytes do not verify. */
  async #readSnapshot(manifest: SnapshotManifest): Promise<HnswIndex | undefined> {
    const uid = this.#config.uid;
    const bytes = new Uint8Array(manifest.bytes);
    let offset = 0;
    for (let n = 0; n < manifest.chunks; n++) {
      const chunk = await this.#backend.get(keys.chunk(uid, manifest.id, n));
      if (chunk === undefined || offset + chunk.byteLength > bytes.byteLength) return undefined;
      bytes.set(chunk, offset);
      offset += chunk.byteLength;
    }
    if (offset !== bytes.byteLength || blake3Hex(bytes) !== manifest.blake3) return undefined;
    try {
      return deserializeIndex(this.#config.metric, this.#config.dimension, bytes);
    } catch {
      return undefined;
    }
  }

  /** Applies every label the log names after `afterSeq`, as the store has it now. */
  async #replayLog(afterSeq: number): Promise<number> {
    const uid = this.#config.uid;
    const changed = new Set<number>();
    let entries = 0;
    for await (const [key, value] of this.#backend.scan(
      keys.logBetween(uid, afterSeq + 1, undefined),
    )) {
      changed.add(logCodec.decode(value, key));
      entries++;
    }
    if (changed.size === 0) return 0;
    // Labels are never reused, so an indexed label missing from the store is a deleted slot
    // (or about to be marked one below).
    const inIndex = new Set(this.#index.getIdsList());
    this.#deletedSlots = 0;
    for (const label of inIndex) if (!this.#labels.has(label)) this.#deletedSlots++;
    const present = [...changed].filter((label) => this.#labels.has(label));
    const vectors = await this.#readVectors(present);
    for (const label of changed) {
      const vector = vectors.get(label);
      if (vector === undefined) {
        if (inIndex.has(label)) {
          try {
            this.#index.markDelete(label);
          } catch {
            // Already deleted in the snapshot.
          }
        }
        continue;
      }
      const isNew = !inIndex.has(label);
      if (isNew) this.#ensureCapacity(1);
      this.#addToIndex(label, vector, isNew);
    }
    return entries;
  }

  async #readVectors(labels: readonly number[]): Promise<Map<number, Float32Array>> {
    const uid = this.#config.uid;
    const out = new Map<number, Float32Array>();
    for (let i = 0; i < labels.length; i += 1000) {
      const batch = labels
        .slice(i, i + 1000)
        .map((label) => keys.item(uid, this.#labels.get(label)!.id));
      const found = await this.#backend.getBatch(batch);
      for (const [key, bytes] of found) {
        const item = decodeItem(bytes, this.#config.dimension, key);
        out.set(item.label, item.vector);
      }
    }
    return out;
  }

  /** A fresh index from every stored vector. */
  async #rebuild(): Promise<HnswIndex> {
    const { uid, dimension, metric, M, efConstruction } = this.#config;
    const index = createIndex(
      metric,
      dimension,
      Math.ceil(this.#ids.size * 1.25),
      M,
      efConstruction,
    );
    for await (const [key, bytes] of this.#backend.scan(keys.items(uid))) {
      const item = decodeItem(bytes, dimension, key);
      if (!this.#labels.has(item.label)) continue;
      if (index.getCurrentCount() >= index.getMaxElements()) {
        index.resizeIndex(Math.ceil(index.getMaxElements() * 1.5));
      }
      index.addPoint(Array.from(item.vector), item.label, false);
    }
    return index;
  }

  /** Chunks of snapshots other than the current one: left by a crash mid-snapshot. */
  async #removeOrphanChunks(): Promise<void> {
    const uid = this.#config.uid;
    const current = this.#manifest?.id;
    const orphans: string[] = [];
    for (const key of await this.#backend.listKeys(keys.chunks(uid).gte)) {
      if (decodeTuple(key)[3] !== current) orphans.push(key);
    }
    if (orphans.length > 0) await this.#backend.deleteBatch(orphans);
  }

  /** Waits for writes and the snapshot in flight; writes a last snapshot if the log is not empty. */
  async close(): Promise<void> {
    if (this.#closed !== "open") return;
    // Closed first, so no new call and no new background snapshot starts while draining.
    this.#closed = "closed";
    await this.#queue.catch(() => {});
    await this.#snapshotting;
    if (this.#tuning.snapshotOnClose && this.#changes > 0) await this.#writeSnapshot();
  }

  /** For `VectorStore.dropCollection`: stop serving, write nothing more. */
  async markDropped(): Promise<void> {
    this.#closed = "dropped";
    await this.#queue.catch(() => {});
    await this.#snapshotting;
  }

  #assertOpen(): void {
    if (this.#closed === "closed") {
      throw new StorageError("CLOSED", `collection ${this.#config.name} is closed`);
    }
    if (this.#closed === "dropped") {
      throw new StorageError("NOT_FOUND", `collection ${this.#config.name} was dropped`, {
        details: { collection: this.#config.name },
      });
    }
  }

  /** Runs `body` after every earlier write of this collection, one at a time. */
  #exclusive<T>(body: () => Promise<T>): Promise<T> {
    const run = this.#queue.then(body, body);
    this.#queue = run.catch(() => {});
    return run;
  }
}
