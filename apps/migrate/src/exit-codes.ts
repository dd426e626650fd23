/**
 * Exit codes a script can rely on (also in docs/migration.md). Errors print one line to
 * stderr: `mnemo-migrate: <CODE>: <message>`.
 */
import { StorageError, type StorageErrorCode } from "@mnemo/core";

export const EXIT = {
  OK: 0,
  /** Anything unexpected (a bug): the stack goes to stderr. */
  INTERNAL: 1,
  /** Bad command line or arguments (also commander's own usage errors). */
  USAGE: 2,
  /** Refused in this state: out-of-order phase, a non-empty target, a missing --yes. */
  REFUSED: 3,
  /** No such namespace, migration or file. */
  NOT_FOUND: 4,
  /** A store could not be reached; retry later. */
  UNAVAILABLE: 5,
  /** A corrupted or unknown export file, or corrupted stored data. */
  CORRUPTED: 6,
  /** verify found keys that differ. */
  DIFFERENT: 7,
  /** Another migrator moved the state meanwhile, or the kernel is already swapping (retry). */
  CONFLICT: 8,
  /** The kernel refused the token (401: missing or unknown; 403: not an admin token). */
  UNAUTHORIZED: 9,
} as const;

const BY_CODE: Partial<Record<StorageErrorCode, number>> = {
  INVALID_ARGUMENT: EXIT.USAGE,
  INVALID_KEY: EXIT.USAGE,
  INVALID_VALUE: EXIT.USAGE,
  VALUE_TOO_LARGE: EXIT.USAGE,
  FAILED_PRECONDITION: EXIT.REFUSED,
  PERMISSION_DENIED: EXIT.REFUSED,
  NOT_FOUND: EXIT.NOT_FOUND,
  UNAVAILABLE: EXIT.UNAVAILABLE,
  CLOSED: EXIT.UNAVAILABLE,
  CORRUPTED: EXIT.CORRUPTED,
  CONFLICT: EXIT.CONFLICT,
};

export function exitCodeOf(error: unknown): number {
  if (!(error instanceof StorageError)) return EXIT.INTERNAL;
  const status = error.details?.httpStatus;
  if (status === 401 || status === 403) return EXIT.UNAUTHORIZED;
  return BY_CODE[error.code] ?? EXIT.INTERNAL;
}
