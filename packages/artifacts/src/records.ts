/** What the store keeps under each key, versioned by `jsonRecordCodec`. */
import { jsonRecordCodec } from "@mnemo/core";
import type { ArtifactKind } from "./artifact.js";

export interface ArtifactRecord {
  readonly hash: string;
  readonly size: number;
  readonly contentType: string;
  readonly kind: ArtifactKind;
  readonly name?: string;
  readonly metadata?: Readonly<Record<string, unknown>>;
  readonly createdAt: number;
}

/**
 * One stored copy of some content. Its chunks live under `generation`, unique to the upload
 * that stored them, so content freed and stored again never shares chunk keys with the copy
 * being deleted. How many artifacts reference it is the counter at `("n", hash)`.
 */
export interface ContentRecord {
  readonly generation: string;
  readonly size: number;
  /** Bytes of chunk values stored (compressed where compressed). */
  readonly storedBytes: number;
  readonly chunkSize: number;
  /** blake3 of each chunk's original bytes, in order. */
  readonly chunks: readonly string[];
}

/**
 * Owns the chunks of a generation no content record owns: an upload in progress, or
 * (`reclaiming`) chunks being deleted. Every chunk generation is owned by exactly one
 * content record or one upload record; ownership moves in one checked commit.
 */
export interface UploadRecord {
  readonly startedAt: number;
  readonly reclaiming?: true;
}

export const artifactCodec = jsonRecordCodec<ArtifactRecord>(1);
/** Version 2: the reference count moved to its own counter key. */
export const contentCodec = jsonRecordCodec<ContentRecord>(2);
export const uploadCodec = jsonRecordCodec<UploadRecord>(2);
