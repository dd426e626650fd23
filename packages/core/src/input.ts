/**
 * Checks for the arguments of components' public methods. Each returns the value it accepted
 * and throws `INVALID_ARGUMENT` naming the field otherwise, before anything is written.
 */
import { type Clock, systemClock } from "./clock.js";
import { describe, StorageError } from "./errors.js";
import { toJson } from "./json.js";
import { utf8Length } from "./key-order.js";

/** Longest id a component accepts, in UTF-8 bytes: a few fit in one 1024-byte key. */
export const MAX_ID_BYTES = 256;

export function invalidArgument(field: string, message: string, value?: unknown): StorageError {
  return new StorageError("INVALID_ARGUMENT", `${field} ${message}`, {
    details: value === undefined ? { field } : { field, value },
  });
}

/** Ids, names and types: non-empty, well-formed, no U+0000, at most `MAX_ID_BYTES` UTF-8 bytes. */
export function requireId(value: unknown, field: string): string {
  const text = requireNonEmptyString(value, field);
  if (!text.isWellFormed() || text.includes("\0")) {
    throw invalidArgument(field, `${describe(text)} contains U+0000 or a lone surrogate`, text);
  }
  if (utf8Length(text, MAX_ID_BYTES) > MAX_ID_BYTES) {
    throw invalidArgument(field, `${describe(text)} is longer than ${MAX_ID_BYTES} UTF-8 bytes`);
  }
  return text;
}

export function requireNonEmptyString(value: unknown, field: string): string {
  if (typeof value !== "string" || value.length === 0) {
    throw invalidArgument(field, `must be a non-empty string, got ${describe(value)}`, value);
  }
  return value;
}

export function requireString(value: unknown, field: string): string {
  if (typeof value !== "string") {
    throw invalidArgument(field, `must be a string, got ${describe(value)}`, value);
  }
  return value;
}

export function requireBoolean(value: unknown, field: string): boolean {
  if (typeof value !== "boolean") {
    throw invalidArgument(field, `must be a boolean, got ${describe(value)}`, value);
  }
  return value;
}

export function requireFiniteNumber(value: unknown, field: string): number {
  if (typeof value !== "number" || !Number.isFinite(value)) {
    throw invalidArgument(field, `must be a finite number, got ${describe(value)}`, value);
  }
  return value;
}

export function requireNonNegative(value: unknown, field: string): number {
  if (typeof value !== "number" || !Number.isFinite(value) || value < 0) {
    throw invalidArgument(field, `must be a finite number >= 0, got ${describe(value)}`, value);
  }
  return value;
}

/** An integer in `min..max` (limits, counts). */
export function requireInteger(value: unknown, field: string, min: number, max: number): number {
  if (typeof value !== "number" || !Number.isInteger(value) || value < min || value > max) {
    throw invalidArgument(
      field,
      `must be an integer in ${min}..${max}, got ${describe(value)}`,
      value,
    );
  }
  return value;
}

/** A page size: `fallback` when absent, else an integer in `1..max`. */
export function requireLimit(value: unknown, fallback: number, max = 1000): number {
  return value === undefined ? fallback : requireInteger(value, "limit", 1, max);
}

/** The earliest time Mnemo accepts: the epoch. */
export const MIN_TIMESTAMP_MS = 0;
/**
 * The latest time Mnemo accepts: 9999-12-31T23:59:59.999Z. Four-digit years keep every
 * time-derived key (months, days) sorting as its time does.
 */
export const MAX_TIMESTAMP_MS = 253_402_300_799_999;

/** Epoch milliseconds: an integer in `MIN_TIMESTAMP_MS..MAX_TIMESTAMP_MS`. */
export function requireTimestamp(value: unknown, field: string): number {
  if (
    typeof value !== "number" ||
    !Number.isInteger(value) ||
    value < MIN_TIMESTAMP_MS ||
    value > MAX_TIMESTAMP_MS
  ) {
    throw invalidArgument(
      field,
      `must be epoch milliseconds, an integer in ${MIN_TIMESTAMP_MS}..${MAX_TIMESTAMP_MS} (year 9999), got ${describe(value)}`,
      value,
    );
  }
  return value;
}

/** A duration or TTL in milliseconds: an integer in `min..MAX_TIMESTAMP_MS`. */
export function requireDuration(value: unknown, field: string, min = 0): number {
  return requireInteger(value, field, min, MAX_TIMESTAMP_MS);
}

/** A `[from, to)` window: refused when `to` is before `from`. */
export function requireOrderedRange(from: number | undefined, to: number | undefined): void {
  if (from !== undefined && to !== undefined && to < from) {
    throw invalidArgument("to", `(${to}) must not be before from (${from})`);
  }
}

/** A non-null, non-array object, as is. */
export function requireObject(value: unknown, field: string): Record<string, unknown> {
  if (value === null || typeof value !== "object" || Array.isArray(value)) {
    throw invalidArgument(field, `must be an object, got ${describe(value)}`);
  }
  return value as Record<string, unknown>;
}

/** The `clock` option every component takes: absent is the system clock. */
export function requireClock(value: unknown): Clock {
  if (value === undefined) return systemClock;
  const clock = requireObject(value, "clock");
  if (typeof clock.now !== "function") {
    throw invalidArgument("clock", `must have a now() method, got ${describe(clock.now)}`);
  }
  return clock as unknown as Clock;
}

/** The clock's time, refused unless it is epoch milliseconds in Mnemo's one range. */
export function clockNow(clock: Clock): number {
  return requireTimestamp(clock.now(), "clock.now()");
}

/**
 * An optional options bag: `{}` when absent, else an object. `null` (what a JSON client sends
 * for "nothing") is refused like any other non-object, so `options.x` never throws a TypeError.
 */
export function requireOptions<T extends object>(value: T | undefined, field = "options"): T {
  return value === undefined ? ({} as T) : (requireObject(value, field) as T);
}

/** An array (not a string, not an iterable of something else) of at most `max` items. */
export function requireArray(
  value: unknown,
  field: string,
  max = Number.POSITIVE_INFINITY,
): unknown[] {
  if (!Array.isArray(value)) {
    throw invalidArgument(field, `must be an array, got ${describe(value)}`);
  }
  if (value.length > max) {
    throw invalidArgument(field, `holds ${value.length} items; at most ${max} are allowed`);
  }
  return value;
}

/** `maxAttempts`-style options: an integer in `1..max`, `fallback` when absent. */
export function requirePositiveInteger(
  value: unknown,
  field: string,
  fallback: number,
  max = 1_000_000,
): number {
  return value === undefined ? fallback : requireInteger(value, field, 1, max);
}

/** A JSON-serialisable plain object, returned as a copy so later caller edits cannot leak in. */
export function requireJsonObject(value: unknown, field: string): Record<string, unknown> {
  return JSON.parse(toJson(requireObject(value, field), field)) as Record<string, unknown>;
}

/** `check(value, field)`, or undefined when the value is absent. */
export function optional<T>(
  value: unknown,
  field: string,
  check: (value: unknown, field: string) => T,
): T | undefined {
  return value === undefined ? undefined : check(value, field);
}
