/**
 * The commits that tie artifacts to content. An artifact record, its index entries, its
 * reference entry `("r", hash, id)` and the `+1`/`-1` on the content's counter `("n", hash)`
 * change in one checked commit guarded by the content record's version (put) or the
 * artifact record's version (delete), so a crash can never leave a reference without its
 * artifact or an artifact without its reference. Freeing content checks the counter's
 * version: any put or delete since the counter was read makes the free fail and re-read.
 */
import {
  type CommitCheck,
  decodeCounter,
  type Mutation,
  utf8Encode,
  type VersionedEntry,
} from "@mnemo/core";
import { type Context, contended, deleteChunks } from "./context.js";
import {
  artifactKey,
  chunksOf,
  contentKey,
  kindIndexKey,
  refCountKey,
  referenceKey,
  referencesOf,
  timeIndexKey,
  typeIndexKey,
  uploadKey,
} from "./keyspace.js";
import {
  type ArtifactRecord,
  artifactCodec,
  type ContentRecord,
  contentCodec,
  uploadCodec,
} from "./records.js";

const EMPTY = new Uint8Array(0);

/** The mutations that store an artifact and take its reference. */
export function artifactPuts(id: string, record: ArtifactRecord): Mutation[] {
  return [
    { type: "put", key: artifactKey(id), value: artifactCodec.encode(record) },
    { type: "put", key: timeIndexKey(record.createdAt, id), value: EMPTY },
    {
      type: "put",
      key: kindIndexKey(record.kind, record.createdAt, id),
      value: utf8Encode(record.contentType),
    },
    { type: "put", key: typeIndexKey(record.contentType, record.createdAt, id), value: EMPTY },
    { type: "put", key: referenceKey(record.hash, id), value: EMPTY },
    { type: "sum", key: refCountKey(record.hash), delta: 1n },
  ];
}

/** The mutations that remove an artifact and drop its reference. */
export function artifactDeletes(id: string, record: ArtifactRecord): Mutation[] {
  return [
    { type: "del", key: artifactKey(id) },
    { type: "del", key: timeIndexKey(record.createdAt, id) },
    { type: "del", key: kindIndexKey(record.kind, record.createdAt, id) },
    { type: "del", key: typeIndexKey(record.contentType, record.createdAt, id) },
    { type: "del", key: referenceKey(record.hash, id) },
    { type: "sum", key: refCountKey(record.hash), delta: -1n },
  ];
}

/** Stores the artifact against content already stored; false when there is none. */
export async function referenceStored(
  ctx: Context,
  id: string,
  record: ArtifactRecord,
): Promise<boolean> {
  const key = contentKey(record.hash);
  for (let attempt = 0; attempt < ctx.maxAttempts; attempt++) {
    const entry = await ctx.store.getEntry(key);
    if (entry === undefined) return false;
    // The check only fails when the content was freed (or stored again) meanwhile.
    const result = await ctx.store.commit(
      [{ key, version: entry.version }],
      artifactPuts(id, record),
    );
    if (result.ok) return true;
  }
  throw contended(`content ${record.hash}`, ctx.maxAttempts);
}

export class UploadReclaimed extends Error {}

/**
 * Ends an upload whose chunks are all written under `generation` (whose upload record holds
 * `uploadVersion`): either the upload becomes the stored copy (content record created, upload
 * record deleted, artifact stored: one commit), or the content is stored already and the
 * artifact references that copy while the upload record is marked reclaiming, in one commit;
 * the redundant chunks are deleted after it. Returns whether it deduplicated. Throws
 * `UploadReclaimed` when gc() took the upload (it outlived the grace period).
 */
export async function commitUpload(
  ctx: Context,
  generation: string,
  uploadVersion: string,
  content: ContentRecord,
  id: string,
  record: ArtifactRecord,
): Promise<boolean> {
  const upload = uploadKey(generation);
  const key = contentKey(record.hash);
  for (let attempt = 0; attempt < ctx.maxAttempts; attempt++) {
    const stored = await ctx.store.getEntry(key);
    const checks: CommitCheck[] = [
      { key: upload, version: uploadVersion },
      { key, version: stored?.version ?? null },
    ];
    const mutations: Mutation[] =
      stored === undefined
        ? [
            { type: "put", key, value: contentCodec.encode(content) },
            { type: "del", key: upload },
            ...artifactPuts(id, record),
          ]
        : [
            {
              type: "put",
              key: upload,
              value: uploadCodec.encode({ startedAt: ctx.clock.now(), reclaiming: true }),
            },
            ...artifactPuts(id, record),
          ];
    const result = await ctx.store.commit(checks, mutations);
    if (result.ok) {
      if (stored !== undefined) {
        await deleteChunks(ctx, chunksOf(generation));
        await ctx.store.delete(upload);
      }
      return stored !== undefined;
    }
    if (result.failed.includes(upload)) throw new UploadReclaimed();
  }
  // Every attempt was refused, so the upload record still owns the chunks: drop them. (After
  // an error thrown by a commit nothing is dropped: it may have committed; gc() decides.)
  await deleteChunks(ctx, chunksOf(generation)).catch(() => {});
  await ctx.store.delete(upload).catch(() => {});
  throw contended(`content ${record.hash}`, ctx.maxAttempts);
}

/** Removes the artifact and its reference; the record removed, or undefined when absent. */
export async function removeArtifact(
  ctx: Context,
  id: string,
): Promise<ArtifactRecord | undefined> {
  const key = artifactKey(id);
  for (let attempt = 0; attempt < ctx.maxAttempts; attempt++) {
    const entry = await ctx.store.getEntry(key);
    if (entry === undefined) return undefined;
    const record = artifactCodec.decode(entry.value, key);
    const result = await ctx.store.commit(
      [{ key, version: entry.version }],
      artifactDeletes(id, record),
    );
    // Of two concurrent deletes exactly one commits, so the reference is dropped once.
    if (result.ok) return record;
  }
  throw contended(`artifact ${id}`, ctx.maxAttempts);
}

export interface Freed {
  readonly chunks: number;
  readonly bytes: number;
}

/**
 * Frees the content whose record and counter hold the versions read (`null`: no counter):
 * the content record and counter go and an upload record marked reclaiming takes over the
 * chunks, in one checked commit; then the chunks, then that record. A crash after the commit
 * leaves the reclaiming record for gc(). Undefined when a check failed (something changed).
 */
export async function freeContent(
  ctx: Context,
  hash: string,
  content: VersionedEntry,
  counterVersion: string | null,
): Promise<Freed | undefined> {
  const key = contentKey(hash);
  const { generation } = contentCodec.decode(content.value, key);
  const result = await ctx.store.commit(
    [
      { key, version: content.version },
      { key: refCountKey(hash), version: counterVersion },
    ],
    [
      { type: "del", key },
      { type: "del", key: refCountKey(hash) },
      {
        type: "put",
        key: uploadKey(generation),
        value: uploadCodec.encode({ startedAt: ctx.clock.now(), reclaiming: true }),
      },
    ],
  );
  if (!result.ok) return undefined;
  const freed = await deleteChunks(ctx, chunksOf(generation));
  await ctx.store.delete(uploadKey(generation));
  return freed;
}

/**
 * After a delete: frees the content when its counter says no artifact references it.
 * Gives up quietly under contention or a crash; gc() recounts and frees it later.
 */
export async function freeIfUnreferenced(ctx: Context, hash: string): Promise<void> {
  const key = contentKey(hash);
  const countKey = refCountKey(hash);
  for (let attempt = 0; attempt < ctx.maxAttempts; attempt++) {
    const found = await ctx.store.getEntries([key, countKey]);
    const content = found.get(key);
    const counter = found.get(countKey);
    if (content === undefined) return;
    if (counter !== undefined && decodeCounter(counter.value, countKey) > 0n) return;
    // A counter at zero with a reference entry left is damage: leave it for gc() to recount.
    for await (const _ of ctx.store.scan({ ...referencesOf(hash), limit: 1 })) return;
    if ((await freeContent(ctx, hash, content, counter?.version ?? null)) !== undefined) return;
  }
}
