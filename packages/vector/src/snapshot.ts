/**
 * Index snapshots inside the backend: the bytes hnswlib writes, cut into chunks, checked with
 * blake3, named by a manifest. Every process reads them; one process at a time writes one,
 * under a lease taken by checked commit, and the manifest swap is a checked commit guarded by
 * that lease and by the manifest it replaces, so two writers can never both swap.
 */
import { randomUUID } from "node:crypto";
import {
  blake3Hex,
  type Clock,
  clockNow,
  decodeTuple,
  type StorageBackend,
  type WriteOp,
} from "@mnemo/core";
import { deserializeIndex, type HnswIndex } from "./index-file.js";
import { keys } from "./keys.js";
import { leaseCodec, manifestCodec, type SnapshotManifest, type StoredConfig } from "./records.js";

/** Bytes per write of chunks, well inside a commit's 64 MiB. */
const MAX_WRITE_BYTES = 12 * 1024 * 1024;
/** Keys per batched delete of the log a snapshot covers. */
const DELETE_PAGE = 1000;
/** A manifest read while its chunks are being replaced is read again this often. */
const READ_ATTEMPTS = 3;

export interface LoadedSnapshot {
  readonly manifest: SnapshotManifest;
  readonly index: HnswIndex;
}

/**
 * The current snapshot, or undefined when there is none or it does not verify (the caller
 * rebuilds). A chunk missing because a newer snapshot replaced this one meanwhile is not
 * damage: the manifest is read again.
 */
export async function readSnapshot(
  store: StorageBackend,
  config: StoredConfig,
): Promise<LoadedSnapshot | undefined> {
  let previousId: string | undefined;
  for (let attempt = 0; attempt < READ_ATTEMPTS; attempt++) {
    const manifestBytes = await store.get(keys.snapshot(config.uid));
    if (manifestBytes === undefined) return undefined;
    const manifest = manifestCodec.decode(manifestBytes, keys.snapshot(config.uid));
    if (manifest.id === previousId) return undefined; // the same snapshot, damaged
    previousId = manifest.id;
    const bytes = await readChunks(store, config.uid, manifest);
    if (bytes === undefined) continue;
    try {
      return { manifest, index: deserializeIndex(config.metric, config.dimension, bytes) };
    } catch {
      return undefined;
    }
  }
  return undefined;
}

async function readChunks(
  store: StorageBackend,
  uid: string,
  manifest: SnapshotManifest,
): Promise<Uint8Array | undefined> {
  const bytes = new Uint8Array(manifest.bytes);
  let offset = 0;
  for (let n = 0; n < manifest.chunks; n++) {
    const chunk = await store.get(keys.chunk(uid, manifest.id, n));
    if (chunk === undefined || offset + chunk.byteLength > bytes.byteLength) return undefined;
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  if (offset !== bytes.byteLength || blake3Hex(bytes) !== manifest.blake3) return undefined;
  return bytes;
}

export interface SnapshotWriter {
  readonly store: StorageBackend;
  readonly config: StoredConfig;
  /** The config record's version: a dropped collection gets no lease and no swap. */
  readonly configVersion: string;
  /** This process's collection instance: the lease's owner. */
  readonly owner: string;
  readonly clock: Clock;
  readonly leaseMs: number;
  readonly chunkBytes: number;
}

/** A consistent picture of the index: its bytes and the log sequence they reflect. */
export interface Picture {
  readonly bytes: Uint8Array;
  readonly seq: number;
}

export type SnapshotOutcome =
  | { readonly written: true; readonly manifest: SnapshotManifest }
  /** Another process holds the lease, or the stored snapshot is as new: nothing written. */
  | { readonly written: false; readonly storedSeq: number };

/**
 * Takes the lease, takes the picture, writes its chunks, swaps the manifest (checked against
 * the lease and the manifest read under it), then removes what the swap made garbage: the
 * previous chunks and the log up to the *previous* snapshot (one generation of log stays, so
 * processes a little behind follow it instead of reloading).
 */
export async function writeSnapshot(
  writer: SnapshotWriter,
  takePicture: () => Promise<Picture>,
): Promise<SnapshotOutcome> {
  const { store, config } = writer;
  const uid = config.uid;
  const leaseVersion = await acquireLease(writer);
  const manifestEntry = await store.getEntry(keys.snapshot(uid));
  const previous =
    manifestEntry === undefined
      ? undefined
      : manifestCodec.decode(manifestEntry.value, keys.snapshot(uid));
  if (leaseVersion === undefined) return { written: false, storedSeq: previous?.seq ?? 0 };
  let swapped = false;
  const id = randomUUID();
  let chunks = 0;
  try {
    // Holding the lease, nobody else writes chunks: any other than the current ones are
    // left by a crash or a lost lease.
    await removeChunks(store, uid, (chunkId) => chunkId !== previous?.id);
    const picture = await takePicture();
    if (previous !== undefined && picture.seq <= previous.seq) {
      return { written: false, storedSeq: previous.seq };
    }
    const { bytes } = picture;
    chunks = Math.max(1, Math.ceil(bytes.byteLength / writer.chunkBytes));
    let ops: WriteOp[] = [];
    let pending = 0;
    for (let n = 0; n < chunks; n++) {
      const value = bytes.subarray(
        n * writer.chunkBytes,
        Math.min(bytes.byteLength, (n + 1) * writer.chunkBytes),
      );
      ops.push({ type: "put", key: keys.chunk(uid, id, n), value });
      pending += value.byteLength;
      if (pending >= MAX_WRITE_BYTES) {
        await store.write(ops);
        ops = [];
        pending = 0;
      }
    }
    if (ops.length > 0) await store.write(ops);
    const manifest: SnapshotManifest = {
      id,
      seq: picture.seq,
      chunks,
      bytes: bytes.byteLength,
      blake3: blake3Hex(bytes),
    };
    const swap = await store
      .atomic()
      .check(keys.lease(uid), leaseVersion)
      .check(keys.config(config.name), writer.configVersion)
      .check(keys.snapshot(uid), manifestEntry?.version ?? null)
      .put(keys.snapshot(uid), manifestCodec.encode(manifest))
      .delete(keys.lease(uid))
      .commit();
    if (!swap.ok) return { written: false, storedSeq: previous?.seq ?? 0 };
    swapped = true;
    if (previous !== undefined) {
      await store.deleteBatch(
        Array.from({ length: previous.chunks }, (_, n) => keys.chunk(uid, previous.id, n)),
      );
      await deleteLogThrough(store, uid, previous.seq);
    }
    return { written: true, manifest };
  } finally {
    if (!swapped) {
      if (chunks > 0) {
        await store
          .deleteBatch(Array.from({ length: chunks }, (_, n) => keys.chunk(uid, id, n)))
          .catch(() => {});
      }
      await releaseLease(store, uid, leaseVersion).catch(() => {});
    }
  }
}

/** The lease's version when this writer now holds it; undefined when another one does. */
async function acquireLease(writer: SnapshotWriter): Promise<string | undefined> {
  const { store, config, clock } = writer;
  const key = keys.lease(config.uid);
  const entry = await store.getEntry(key);
  const now = clockNow(clock);
  if (entry !== undefined) {
    const lease = leaseCodec.decode(entry.value, key);
    if (lease.owner !== writer.owner && lease.expiresAt > now) return undefined;
  }
  const result = await store
    .atomic()
    .check(key, entry?.version ?? null)
    .check(keys.config(config.name), writer.configVersion)
    .put(key, leaseCodec.encode({ owner: writer.owner, expiresAt: now + writer.leaseMs }))
    .commit();
  return result.ok ? result.version : undefined;
}

async function releaseLease(store: StorageBackend, uid: string, version: string): Promise<void> {
  await store.atomic().check(keys.lease(uid), version).delete(keys.lease(uid)).commit();
}

/** Deletes chunks whose snapshot id `remove` picks (chunk keys are few: one per 4 MiB). */
async function removeChunks(
  store: StorageBackend,
  uid: string,
  remove: (snapshotId: unknown) => boolean,
): Promise<void> {
  const doomed: string[] = [];
  for (const key of await store.listKeys(keys.chunks(uid).gte)) {
    if (remove(decodeTuple(key)[3])) doomed.push(key);
  }
  for (let i = 0; i < doomed.length; i += DELETE_PAGE) {
    await store.deleteBatch(doomed.slice(i, i + DELETE_PAGE));
  }
}

/** Deletes log entries with sequence <= `seq`, a page at a time. */
async function deleteLogThrough(store: StorageBackend, uid: string, seq: number): Promise<void> {
  const range = keys.logBetween(uid, undefined, seq + 1);
  for (;;) {
    const page: string[] = [];
    for await (const [key] of store.scan({ ...range, limit: DELETE_PAGE })) page.push(key);
    if (page.length === 0) return;
    await store.deleteBatch(page);
    if (page.length < DELETE_PAGE) return;
  }
}
