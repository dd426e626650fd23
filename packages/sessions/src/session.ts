/** What callers create and read back, and the checks inputs must pass. */
import { describe, invalidArgument, toJson } from "@mnemo/core";

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
  /** Default: a random UUID. */
  readonly id?: string;
  /** Default `{}`. */
  readonly data?: unknown;
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

export const MAX_ID_LENGTH = 200;

export function assertId(value: unknown, field: string): asserts value is string {
  if (typeof value !== "string" || value.length === 0) {
    throw invalidArgument(field, `must be a non-empty string, got ${describe(value)}`);
  }
  if (value.length > MAX_ID_LENGTH || !value.isWellFormed()) {
    throw invalidArgument(field, `must be well-formed and at most ${MAX_ID_LENGTH} characters`);
  }
}

export function assertTtl(value: unknown): asserts value is number {
  if (typeof value !== "number" || !Number.isSafeInteger(value) || value <= 0) {
    throw invalidArgument(
      "ttlMs",
      `must be a positive integer of milliseconds, got ${describe(value)}`,
    );
  }
}

export function assertExpiryMode(value: unknown): asserts value is ExpiryMode {
  if (value !== "fixed" && value !== "sliding") {
    throw invalidArgument("expiry", `must be "fixed" or "sliding", got ${describe(value)}`);
  }
}

export function assertEpochMs(value: unknown, field: string): asserts value is number {
  if (typeof value !== "number" || !Number.isSafeInteger(value) || value < 0) {
    throw invalidArgument(
      field,
      `must be a non-negative integer of epoch milliseconds, got ${describe(value)}`,
    );
  }
}

export function assertLabel(value: unknown): asserts value is string | undefined {
  if (value !== undefined && (typeof value !== "string" || !value.isWellFormed())) {
    throw invalidArgument("label", `must be a string, got ${describe(value)}`);
  }
}

/** A JSON copy of `value`, so stored data is exactly what JSON keeps. */
export function jsonCopy(value: unknown, field: string): unknown {
  return JSON.parse(toJson(value, field));
}
