/** What callers create and read back, and the checks inputs must pass. */
import {
  assertJson,
  describe,
  invalidArgument,
  MAX_JSON_DEPTH,
  MAX_TIMESTAMP_MS,
  optional,
  requireDuration,
  requireId,
  requireObject,
  requireString,
  utf8Length,
} from "@mnemo/core";

export type ExpiryMode = "fixed" | "sliding";

export interface Session {
  readonly id: string;
  /** Any JSON value. */
  readonly data: unknown;
  /** "fixed": expires `ttlMs` after creation; "sliding": `ttlMs` after the last touch or update. */
  readonly expiry: ExpiryMode;
  readonly ttlMs: number;
  /** Epoch ms. */
  readonly createdAt: number;
  readonly updatedAt: number;
  /** The session is gone from this instant on. */
  readonly expiresAt: number;
}

export interface CreateSessionInput {
  /** Default: a random UUID. At most 256 UTF-8 bytes. */
  readonly id?: string;
  /** Default `{}`. */
  readonly data?: unknown;
  /** A positive integer of milliseconds. */
  readonly ttlMs: number;
  /** Default "fixed". */
  readonly expiry?: ExpiryMode;
}

export interface Snapshot {
  /** Sorts by creation time within a session. */
  readonly id: string;
  readonly sessionId: string;
  readonly createdAt: number;
  readonly label?: string;
  readonly data: unknown;
}

export interface ArtifactLink {
  /** blake3, 64 lowercase hex characters. */
  readonly hash: string;
  readonly linkedAt: number;
  readonly label?: string;
}

/** `{ label? }` of `saveSnapshot` and `linkArtifact`. */
export interface LabelOptions {
  readonly label?: string;
}

/** `{ cursor?, limit? }` of every listing. */
export interface ListOptions {
  readonly cursor?: string;
  /** Default 100, at most 1,000. */
  readonly limit?: number;
}

/** Longest label, in UTF-8 bytes. */
export const MAX_LABEL_BYTES = 1024;

export function checkExpiryMode(value: unknown, field: string): ExpiryMode {
  if (value !== "fixed" && value !== "sliding") {
    throw invalidArgument(field, `must be "fixed" or "sliding", got ${describe(value)}`);
  }
  return value;
}

export function checkLabel(value: unknown, field: string): string {
  const label = requireString(value, field);
  if (!label.isWellFormed() || utf8Length(label, MAX_LABEL_BYTES) > MAX_LABEL_BYTES) {
    throw invalidArgument(field, `must be well-formed and at most ${MAX_LABEL_BYTES} UTF-8 bytes`);
  }
  return label;
}

/** Deepest nesting of `data`: the session record around it is one more level. */
export const MAX_DATA_DEPTH = MAX_JSON_DEPTH - 1;

/** A JSON copy of `value`, so stored data is exactly what JSON keeps. */
export function jsonCopy(value: unknown, field: string): unknown {
  assertJson(value, field, MAX_DATA_DEPTH);
  return JSON.parse(JSON.stringify(value));
}

export interface CheckedCreate {
  readonly id: string | undefined;
  readonly data: unknown;
  readonly ttlMs: number;
  readonly expiry: ExpiryMode;
}

export function checkCreate(input: unknown): CheckedCreate {
  const session = requireObject(input, "session");
  return {
    id: optional(session.id, "id", requireId),
    ttlMs: requireDuration(session.ttlMs, "ttlMs", 1),
    expiry: optional(session.expiry, "expiry", checkExpiryMode) ?? "fixed",
    data: session.data === undefined ? {} : jsonCopy(session.data, "data"),
  };
}

/** `now + ttlMs`, refused when it lands past core's last time (year 9999). */
export function expiryAfter(now: number, ttlMs: number): number {
  const expiresAt = now + ttlMs;
  if (expiresAt > MAX_TIMESTAMP_MS) {
    throw invalidArgument("ttlMs", `(${ttlMs}) would expire the session after year 9999`);
  }
  return expiresAt;
}
