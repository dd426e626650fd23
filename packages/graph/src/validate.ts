/** Input checks: everything is refused with INVALID_ARGUMENT before anything is read or written. */
import { describe, StorageError, toJson, utf8Length } from "@mnemo/core";
import type { Direction, Properties } from "./types.js";

/** Ids and types appear three to a key; this keeps every key well under 1024 bytes. */
const MAX_NAME_BYTES = 256;

const invalid = (field: string, message: string, value?: unknown) =>
  new StorageError("INVALID_ARGUMENT", `${field} ${message}`, {
    details: value === undefined ? { field } : { field, value },
  });

/** A non-empty, well-formed string of at most 256 UTF-8 bytes (ids, types). */
export function checkName(field: string, value: unknown): string {
  if (typeof value !== "string" || value.length === 0) {
    throw invalid(field, `must be a non-empty string, got ${describe(value)}`, value);
  }
  if (!value.isWellFormed() || value.includes("\0")) {
    throw invalid(field, `${describe(value)} contains U+0000 or a lone surrogate`, value);
  }
  if (utf8Length(value, MAX_NAME_BYTES) > MAX_NAME_BYTES) {
    throw invalid(field, `${describe(value)} is longer than ${MAX_NAME_BYTES} UTF-8 bytes`, value);
  }
  return value;
}

export function checkText(field: string, value: unknown): string {
  if (typeof value !== "string" || value.length === 0) {
    throw invalid(field, `must be a non-empty string, got ${describe(value)}`, value);
  }
  return value;
}

/** A plain JSON object; returned as its JSON round trip so later caller edits cannot leak in. */
export function checkProperties(field: string, value: unknown): Properties {
  if (value === undefined) return {};
  if (value === null || typeof value !== "object" || Array.isArray(value)) {
    throw invalid(field, `must be a JSON object, got ${describe(value)}`);
  }
  return JSON.parse(toJson(value, field)) as Properties;
}

export function checkTime(field: string, value: unknown): number {
  if (typeof value !== "number" || !Number.isFinite(value)) {
    throw invalid(field, `must be a finite number of epoch milliseconds, got ${describe(value)}`);
  }
  return value;
}

/** `[validFrom, validTo)`, `validTo` null for open; refused unless validTo > validFrom. */
export function checkInterval(
  validFrom: unknown,
  validTo: unknown,
  [fromField, toField]: readonly [string, string] = ["validFrom", "validTo"],
): { from: number; to: number | null } {
  const from = checkTime(fromField, validFrom);
  if (validTo === null || validTo === undefined) return { from, to: null };
  const to = checkTime(toField, validTo);
  if (to <= from) {
    throw invalid(toField, `(${to}) must be later than ${fromField} (${from})`, to);
  }
  return { from, to };
}

export function checkCount(field: string, value: unknown, min: number, max: number): number {
  if (typeof value !== "number" || !Number.isInteger(value) || value < min || value > max) {
    throw invalid(field, `must be an integer in ${min}..${max}, got ${describe(value)}`, value);
  }
  return value;
}

export function checkDirection(value: unknown): Direction {
  if (value === "out" || value === "in" || value === "both") return value;
  throw invalid("direction", `must be "out", "in" or "both", got ${describe(value)}`, value);
}

export function checkObject(field: string, value: unknown): void {
  if (value === null || typeof value !== "object") {
    throw invalid(field, `must be an object, got ${describe(value)}`);
  }
}
