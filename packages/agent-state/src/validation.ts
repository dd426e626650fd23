/** Input checks shared by the public methods: each throws before anything is written. */
import { describe, StorageError, toJson } from "@mnemo/core";

/** Ids and names: non-empty, well-formed strings of at most 256 characters. */
export function requireId(value: unknown, field: string): string {
  if (typeof value !== "string" || value.length === 0) {
    throw new StorageError("INVALID_ARGUMENT", `${field} must be a non-empty string`, {
      details: { field, value },
    });
  }
  if (!value.isWellFormed() || value.includes("\0") || value.length > 256) {
    throw new StorageError(
      "INVALID_ARGUMENT",
      `${field} ${describe(value)} must be well-formed, without U+0000, at most 256 characters`,
      { details: { field } },
    );
  }
  return value;
}

export interface Clock {
  now(): number;
}

export const systemClock: Clock = { now: () => Date.now() };

/** A JSON-serialisable plain object, copied, or undefined. */
export function optionalJsonObject(
  value: unknown,
  field: string,
): Record<string, unknown> | undefined {
  if (value === undefined) return undefined;
  if (value === null || typeof value !== "object" || Array.isArray(value)) {
    throw new StorageError("INVALID_ARGUMENT", `${field} must be a plain object`, {
      details: { field },
    });
  }
  return JSON.parse(toJson(value, field)) as Record<string, unknown>;
}
