/**
 * The closed set of error codes every backend and component shares. Codes are the
 * contract; messages are for people and may change.
 */
export const STORAGE_ERROR_CODES = [
  "INVALID_KEY",
  "INVALID_VALUE",
  "VALUE_TOO_LARGE",
  "INVALID_ARGUMENT",
  "CONFLICT",
  "NOT_FOUND",
  "CORRUPTED",
  "UNAVAILABLE",
  "CLOSED",
  "FAILED_PRECONDITION",
  "PERMISSION_DENIED",
] as const;

export type StorageErrorCode = (typeof STORAGE_ERROR_CODES)[number];

/** Codes worth retrying: the operation may succeed later without a change of input. */
const RETRYABLE: ReadonlySet<StorageErrorCode> = new Set(["UNAVAILABLE", "CONFLICT"]);

export interface StorageErrorOptions {
  /** The driver's (or a nested) error that caused this one. */
  readonly cause?: unknown;
  /** Structured detail for logs and callers: the offending key, field, value, ... */
  readonly details?: Readonly<Record<string, unknown>>;
}

export class StorageError extends Error {
  override readonly name = "StorageError";
  readonly code: StorageErrorCode;
  readonly details: Readonly<Record<string, unknown>>;

  constructor(code: StorageErrorCode, message: string, options: StorageErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.code = code;
    this.details = options.details ?? {};
  }

  get isRetryable(): boolean {
    return RETRYABLE.has(this.code);
  }

  static is(error: unknown, code?: StorageErrorCode): error is StorageError {
    return error instanceof StorageError && (code === undefined || error.code === code);
  }
}

/**
 * Shortens a key or value for an error message so a 1 KiB key does not flood a log. Never
 * calls a method of the value: input from `JSON.parse('{"toString":"x"}')` must still get its
 * error message, not a `TypeError` from `String(value)`.
 */
export function describe(value: unknown, max = 80): string {
  const text = describeKind(value);
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

function describeKind(value: unknown): string {
  switch (typeof value) {
    case "string":
      // Long strings are cut before stringifying, so a 16 MiB string costs nothing here.
      return JSON.stringify(value.length > 200 ? value.slice(0, 200) : value);
    case "number":
    case "boolean":
    case "undefined":
      return String(value);
    case "bigint":
      return `${value}n`;
    case "symbol":
      return "a symbol";
    case "function":
      return "a function";
    default:
      if (value === null) return "null";
      if (Array.isArray(value)) return `an array of ${value.length}`;
      if (value instanceof Uint8Array) return `a Uint8Array of ${value.byteLength} bytes`;
      return "an object";
  }
}
