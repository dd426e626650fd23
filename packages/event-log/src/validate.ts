/** Input checks shared by the event log's methods: bad input never reaches the store. */
import { describe, StorageError, utf8Length } from "@mnemo/core";

/** Longest type or correlation id, in UTF-8 bytes: both go into keys (limit 1024). */
export const MAX_ID_BYTES = 256;

function invalid(field: string, message: string, value: unknown): StorageError {
  return new StorageError("INVALID_ARGUMENT", `${field} ${message}, got ${describe(value)}`, {
    details: { field },
  });
}

/** A non-empty, well-formed string of at most MAX_ID_BYTES. */
export function checkId(value: unknown, field: string): string {
  if (typeof value !== "string" || value.length === 0) {
    throw invalid(field, "must be a non-empty string", value);
  }
  if (!value.isWellFormed()) throw invalid(field, "must not contain a lone surrogate", value);
  if (utf8Length(value, MAX_ID_BYTES) > MAX_ID_BYTES) {
    throw invalid(field, `must be at most ${MAX_ID_BYTES} UTF-8 bytes`, value);
  }
  return value;
}

/** Epoch milliseconds: a non-negative safe integer. */
export function checkTimestamp(value: unknown, field: string): number {
  if (typeof value !== "number" || !Number.isSafeInteger(value) || value < 0) {
    throw invalid(field, "must be epoch milliseconds (a non-negative integer)", value);
  }
  return value;
}

export function checkOptional<T>(
  value: unknown,
  field: string,
  check: (value: unknown, field: string) => T,
): T | undefined {
  return value === undefined ? undefined : check(value, field);
}

export function checkLimit(value: unknown, field: string, max: number): number {
  if (typeof value !== "number" || !Number.isInteger(value) || value < 1 || value > max) {
    throw invalid(field, `must be an integer from 1 to ${max}`, value);
  }
  return value;
}

export function checkBoolean(value: unknown, field: string): boolean {
  if (typeof value !== "boolean") throw invalid(field, "must be a boolean", value);
  return value;
}

export function checkObject(value: unknown, field: string): Record<string, unknown> {
  if (value === null || typeof value !== "object" || Array.isArray(value)) {
    throw invalid(field, "must be an object", value);
  }
  return value as Record<string, unknown>;
}

/** `[from, to)` with from ≤ to. */
export function checkRange(from: number | undefined, to: number | undefined): void {
  if (from !== undefined && to !== undefined && to < from) {
    throw new StorageError("INVALID_ARGUMENT", `to (${to}) must not be before from (${from})`, {
      details: { field: "to" },
    });
  }
}
