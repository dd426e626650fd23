/** The public shapes of the artifact store. */

export const ARTIFACT_KINDS = ["code", "document", "image", "data", "other"] as const;
export type ArtifactKind = (typeof ARTIFACT_KINDS)[number];

export const COMPRESSIONS = ["none", "gzip", "brotli"] as const;
export type Compression = (typeof COMPRESSIONS)[number];

/** Anything `put` can read content from. */
export type ArtifactContent =
  | Uint8Array
  | AsyncIterable<Uint8Array>
  | Iterable<Uint8Array>
  | ReadableStream<Uint8Array>;

export interface PutOptions {
  /** A MIME type such as "text/markdown"; required, non-empty. */
  readonly contentType: string;
  readonly kind: ArtifactKind;
  readonly name?: string;
  /** JSON-serialisable. */
  readonly metadata?: Readonly<Record<string, unknown>>;
  /**
   * Compress newly stored chunks. Content already stored is reused as it is stored; readers
   * never see the difference, and the hash is always of the original bytes.
   */
  readonly compress?: Compression;
}

export interface PutResult {
  readonly artifactId: string;
  /** blake3 of the whole original content, 64 lowercase hex characters. */
  readonly hash: string;
  /** Bytes of original content. */
  readonly size: number;
  /** True when the content was already stored and this put only added a reference. */
  readonly deduplicated: boolean;
}

export interface ArtifactInfo {
  readonly artifactId: string;
  readonly hash: string;
  readonly size: number;
  readonly contentType: string;
  readonly kind: ArtifactKind;
  readonly name?: string;
  readonly metadata?: Readonly<Record<string, unknown>>;
  /** Epoch milliseconds. */
  readonly createdAt: number;
}

export interface ListOptions {
  readonly kind?: ArtifactKind;
  readonly contentType?: string;
  /** Only artifacts created at or after this time (epoch ms). */
  readonly since?: number;
  /** Default 100, at most 1000. */
  readonly limit?: number;
  /** From a previous page's `nextCursor`, with the same filters. */
  readonly cursor?: string;
}

export interface PageOptions {
  /** Default 100, at most 1000. */
  readonly limit?: number;
  /** From a previous page's `nextCursor`. */
  readonly cursor?: string;
}

/** One stored copy of content, as `listContents` reports it. */
export interface ContentInfo {
  /** blake3 of the original bytes, 64 lowercase hex characters. */
  readonly hash: string;
  /** Bytes of original content. */
  readonly size: number;
  /** Bytes of chunk values stored for it (after compression). */
  readonly storedBytes: number;
  /** Artifacts that reference it. */
  readonly references: number;
}

export interface GcResult {
  /** Content records removed (no artifact referenced them). */
  readonly contents: number;
  /** Chunk values removed: from removed content and from abandoned uploads. */
  readonly chunks: number;
  /** Stored bytes those chunks held. */
  readonly bytes: number;
  /** Abandoned uploads (a stream that failed, a process that died) cleaned up. */
  readonly uploads: number;
  /** Reference counters that disagreed with the artifacts referencing the content, corrected. */
  readonly references: number;
}

export interface ArtifactStats {
  readonly artifacts: number;
  /** Sum of every artifact's size. */
  readonly logicalBytes: number;
  /** Bytes of chunk values actually stored (after dedup and compression). */
  readonly storedBytes: number;
  /** logicalBytes / storedBytes (1 when nothing is stored). */
  readonly dedupRatio: number;
}
