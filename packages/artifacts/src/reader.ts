/** Reads content back, verifying every chunk before its bytes are handed out. */
import { createBlake3, describe, StorageError } from "@mnemo/core";
import { decodeChunk } from "./chunk-codec.js";
import type { Context } from "./context.js";
import { artifactKey, chunkKey, contentKey } from "./keyspace.js";
import { type ArtifactRecord, artifactCodec, type ContentRecord, contentCodec } from "./records.js";

export interface Opened {
  readonly record: ArtifactRecord;
  readonly chunks: AsyncGenerator<Uint8Array>;
}

/** The artifact's record and its verified chunks; NOT_FOUND for an unknown id. */
export async function openArtifact(ctx: Context, artifactId: string): Promise<Opened> {
  const key = artifactKey(artifactId);
  const value = await ctx.store.get(key);
  if (value === undefined) {
    throw new StorageError("NOT_FOUND", `artifact ${describe(artifactId)} does not exist`, {
      details: { artifactId },
    });
  }
  const record = artifactCodec.decode(value, key);
  const content = await ctx.store.get(contentKey(record.hash));
  if (content === undefined) {
    throw new StorageError(
      "CORRUPTED",
      `artifact ${describe(artifactId)} references missing content ${record.hash}`,
      { details: { artifactId, hash: record.hash } },
    );
  }
  return {
    record,
    chunks: verifiedChunks(
      ctx,
      artifactId,
      record,
      contentCodec.decode(content, contentKey(record.hash)),
    ),
  };
}

async function* verifiedChunks(
  ctx: Context,
  artifactId: string,
  record: ArtifactRecord,
  content: ContentRecord,
): AsyncGenerator<Uint8Array> {
  const where = `artifact ${describe(artifactId)}`;
  const whole = createBlake3();
  const fetch = (i: number) => ctx.store.get(chunkKey(content.generation, content.chunks[i]!));
  // One chunk ahead: the next read overlaps verifying and consuming this one.
  let next = content.chunks.length > 0 ? fetch(0) : undefined;
  for (let i = 0; i < content.chunks.length; i++) {
    const stored = await next!;
    next = i + 1 < content.chunks.length ? fetch(i + 1) : undefined;
    next?.catch(() => {});
    if (stored === undefined) {
      throw new StorageError(
        "CORRUPTED",
        `${where}: chunk ${i} (${content.chunks[i]}) is missing`,
        {
          details: { artifactId, chunk: i },
        },
      );
    }
    const bytes = await decodeChunk(stored, content.chunks[i]!, `${where}, chunk ${i}`);
    whole.update(bytes);
    if (i === content.chunks.length - 1 && whole.digestHex() !== record.hash) {
      throw new StorageError("CORRUPTED", `${where}: content does not match its blake3 hash`, {
        details: { artifactId, hash: record.hash },
      });
    }
    yield bytes;
  }
}
