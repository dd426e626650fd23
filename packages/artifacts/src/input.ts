/**
 * Checks for every argument of the public methods. Each throws `INVALID_ARGUMENT` naming the
 * field, before anything is read or written.
 */
import {
  type Clock,
  describe,
  invalidArgument,
  requireClock,
  requireDuration,
  requireId,
  requireInteger,
  requireJsonObject,
  requireObject,
  requireOptions,
  requirePositiveInteger,
  requireString,
  utf8Length,
} from "@mnemo/core";
import {
  ARTIFACT_KINDS,
  type ArtifactContent,
  type ArtifactKind,
  COMPRESSIONS,
  type Compression,
  type PutOptions,
} from "./artifact.js";

const MiB = 1024 * 1024;
/** Largest encoded metadata accepted, in UTF-8 bytes of JSON. */
export const MAX_METADATA_BYTES = 64 * 1024;
/** Longest artifact name, in UTF-8 bytes. */
export const MAX_NAME_BYTES = 1024;
/** Most chunks one artifact may have: its content record lists them all. */
export const MAX_CHUNKS = 100_000;

export interface StoreSettings {
  readonly chunkSize: number;
  readonly graceMs: number;
  readonly clock: Clock;
  readonly maxAttempts: number;
}

export interface ArtifactStoreOptions {
  /** Bytes per chunk, 1024 to 16 MiB - 1; default 1 MiB. Must fit the backend's value limit. */
  readonly chunkSize?: number;
  /**
   * How long an upload may run before `gc()` treats it as abandoned (its process died) and
   * reclaims its chunks: a positive integer of milliseconds, default one hour.
   */
  readonly uploadGraceMs?: number;
  /** Where the store reads the time; default the system clock. */
  readonly clock?: Clock;
  /** Attempts of a contended commit before `CONFLICT`; default 100. */
  readonly maxAttempts?: number;
}

export function readSettings(options: ArtifactStoreOptions | undefined): StoreSettings {
  const o = requireOptions(options);
  return {
    chunkSize:
      o.chunkSize === undefined
        ? MiB
        : requireInteger(o.chunkSize, "chunkSize", 1024, 16 * MiB - 1),
    graceMs:
      o.uploadGraceMs === undefined
        ? 3_600_000
        : requireDuration(o.uploadGraceMs, "uploadGraceMs", 1),
    clock: requireClock(o.clock),
    maxAttempts: requirePositiveInteger(o.maxAttempts, "maxAttempts", 100),
  };
}

export function requireArtifactId(value: unknown): string {
  return requireId(value, "artifactId");
}

export function requireContentType(value: unknown, field = "contentType"): string {
  const type = requireId(value, field);
  if (type.trim() === "" || /[\u0000-\u001f\u007f]/.test(type)) {
    throw invalidArgument(field, `must be a MIME type such as "text/plain", got ${describe(type)}`);
  }
  return type;
}

export function requireKind(value: unknown): ArtifactKind {
  if (!(ARTIFACT_KINDS as readonly unknown[]).includes(value)) {
    throw invalidArgument(
      "kind",
      `must be one of ${ARTIFACT_KINDS.join(", ")}, got ${describe(value)}`,
    );
  }
  return value as ArtifactKind;
}

/** Content `put` can read: bytes, or an object that is (async) iterable. Strings are not bytes. */
export function requireContent(value: unknown): ArtifactContent {
  if (value instanceof Uint8Array) return value;
  if (
    value !== null &&
    typeof value === "object" &&
    (typeof (value as { [Symbol.asyncIterator]?: unknown })[Symbol.asyncIterator] === "function" ||
      typeof (value as { [Symbol.iterator]?: unknown })[Symbol.iterator] === "function")
  ) {
    return value as ArtifactContent;
  }
  throw invalidArgument(
    "content",
    `must be a Uint8Array, a Readable, a ReadableStream or an (async) iterable of Uint8Array, got ${describe(value)}`,
  );
}

export interface CheckedPut {
  readonly contentType: string;
  readonly kind: ArtifactKind;
  readonly name?: string;
  readonly metadata?: Record<string, unknown>;
  readonly compress: Compression;
}

export function requirePutOptions(value: PutOptions): CheckedPut {
  const o = requireObject(value, "options");
  const compress = o.compress === undefined ? "none" : o.compress;
  if (!(COMPRESSIONS as readonly unknown[]).includes(compress)) {
    throw invalidArgument(
      "compress",
      `must be one of ${COMPRESSIONS.join(", ")}, got ${describe(compress)}`,
    );
  }
  const checked: { -readonly [K in keyof CheckedPut]: CheckedPut[K] } = {
    contentType: requireContentType(o.contentType),
    kind: requireKind(o.kind),
    compress: compress as Compression,
  };
  if (o.name !== undefined) {
    const name = requireString(o.name, "name");
    if (!name.isWellFormed() || utf8Length(name, MAX_NAME_BYTES) > MAX_NAME_BYTES) {
      throw invalidArgument(
        "name",
        `must be well-formed and at most ${MAX_NAME_BYTES} UTF-8 bytes`,
      );
    }
    checked.name = name;
  }
  if (o.metadata !== undefined) {
    checked.metadata = requireJsonObject(o.metadata, "metadata");
    const bytes = utf8Length(JSON.stringify(checked.metadata), MAX_METADATA_BYTES);
    if (bytes > MAX_METADATA_BYTES) {
      throw invalidArgument("metadata", `is over ${MAX_METADATA_BYTES} bytes of JSON`);
    }
  }
  return checked;
}
