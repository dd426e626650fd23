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
 * One stored copy of some content. `refs` counts the artifacts that point at it and is only
 * ever changed with compareAndSwap. Its chunks live under `generation`, unique to the upload
 * that stored them, so content freed and stored again never shares chunk keys with the
 * copy being deleted.
 */
export interface ContentRecord {
  readonly refs: number;
  readonly generation: string;
  readonly size: number;
  /** Bytes of chunk values stored (compressed where compressed). */
  readonly storedBytes: number;
  readonly chunkSize: number;
  /** blake3 of each chunk's original bytes, in order. */
  readonly chunks: readonly string[];
}

export interface UploadRecord {
  readonly startedAt: number;
}

export const artifactCodec = jsonRecordCodec<ArtifactRecord>(1);
export const contentCodec = jsonRecordCodec<ContentRecord>(1);
export const uploadCodec = jsonRecordCodec<UploadRecord>(1);
