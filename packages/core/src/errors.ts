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

/** Shortens a key or value for an error message so a 1 KiB key does not flood a log. */
export function describe(value: unknown, max = 80): string {
  const text = typeof value === "string" ? JSON.stringify(value) : String(value);
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}
