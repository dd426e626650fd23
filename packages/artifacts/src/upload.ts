/**
 * Streams content into chunks under a fresh generation owned by an upload record. Every
 * chunk is written by a commit checked against the upload record's version, so once gc()
 * has marked an abandoned upload reclaiming no late chunk can land behind its back.
 */
import { randomUUID } from "node:crypto";
import { blake3Hex, createBlake3, StorageError } from "@mnemo/core";
import type { ArtifactContent, Compression } from "./artifact.js";
import { encodeChunk } from "./chunk-codec.js";
import { chunked } from "./chunker.js";
import { type Context, deleteChunks } from "./context.js";
import { MAX_CHUNKS } from "./input.js";
import { chunkKey, chunksOf, uploadKey } from "./keyspace.js";
import type { ContentRecord } from "./records.js";
import { uploadCodec } from "./records.js";
import { UploadReclaimed } from "./references.js";

export interface Uploaded {
  readonly generation: string;
  /** The upload record's version, which the commit that ends the upload checks. */
  readonly version: string;
  readonly hash: string;
  readonly content: ContentRecord;
}

export function reclaimedError(generation: string, graceMs: number): StorageError {
  return new StorageError(
    "UNAVAILABLE",
    `upload ${generation} outlived uploadGraceMs (${graceMs} ms) and was reclaimed by gc(); put again`,
    { details: { generation } },
  );
}

export async function upload(
  ctx: Context,
  content: ArtifactContent,
  compression: Compression,
): Promise<Uploaded> {
  const now = ctx.clock.now();
  const generation = `${now.toString(36)}-${randomUUID()}`;
  const key = uploadKey(generation);
  const begun = await ctx.store.commit(
    [{ key, version: null }],
    [{ type: "put", key, value: uploadCodec.encode({ startedAt: now }) }],
  );
  if (!begun.ok) throw reclaimedError(generation, ctx.graceMs);
  const version = begun.version;
  try {
    const whole = createBlake3();
    const chunks: string[] = [];
    const written = new Set<string>();
    let size = 0;
    let storedBytes = 0;
    for await (const chunk of chunked(content, ctx.chunkSize)) {
      if (chunks.length === MAX_CHUNKS) {
        throw new StorageError(
          "VALUE_TOO_LARGE",
          `content has more than ${MAX_CHUNKS} chunks of ${ctx.chunkSize} bytes; nothing was stored`,
          { details: { maxChunks: MAX_CHUNKS, chunkSize: ctx.chunkSize } },
        );
      }
      whole.update(chunk);
      size += chunk.byteLength;
      const chunkHash = blake3Hex(chunk);
      chunks.push(chunkHash);
      if (written.has(chunkHash)) continue;
      const stored = await encodeChunk(chunk, compression);
      const result = await ctx.store.commit(
        [{ key, version }],
        [{ type: "put", key: chunkKey(generation, chunkHash), value: stored }],
      );
      if (!result.ok) throw new UploadReclaimed();
      written.add(chunkHash);
      storedBytes += stored.byteLength;
    }
    return {
      generation,
      version,
      hash: whole.digestHex(),
      content: { generation, size, storedBytes, chunkSize: ctx.chunkSize, chunks },
    };
  } catch (error) {
    await discardUpload(ctx, generation).catch(() => {
      // Left for gc(): the upload record marks these chunks as reclaimable.
    });
    if (error instanceof UploadReclaimed) throw reclaimedError(generation, ctx.graceMs);
    if (error instanceof StorageError) throw error;
    throw new StorageError(
      "INVALID_ARGUMENT",
      `content stream failed: ${error instanceof Error ? error.message : "a non-Error was thrown"}; nothing was stored`,
      { cause: error, details: { field: "content" } },
    );
  }
}

/** Deletes an upload's chunks, then its record (which owns them until then). */
export async function discardUpload(ctx: Context, generation: string) {
  const freed = await deleteChunks(ctx, chunksOf(generation));
  await ctx.store.delete(uploadKey(generation));
  return freed;
}
