/** Opaque page cursors: a JSON array naming the last record a page returned, in base64url. */
import { describe, StorageError } from "./errors.js";

export type CursorPart = string | number;

/** Longest cursor accepted: more is not one a component handed out. */
const MAX_CURSOR_LENGTH = 2048;

export function encodeCursor(parts: readonly CursorPart[]): string {
  return Buffer.from(JSON.stringify(parts)).toString("base64url");
}

/**
 * The position inside `cursor`: `read` checks the decoded parts and returns the position, or
 * undefined when they are not one `source` (e.g. "event log") hands out.
 */
export function decodeCursor<T>(
  cursor: unknown,
  source: string,
  read: (parts: readonly unknown[]) => T | undefined,
): T {
  const refuse = (cause?: unknown) =>
    new StorageError(
      "INVALID_ARGUMENT",
      `cursor ${describe(cursor)} is not one this ${source} returned`,
      cause === undefined
        ? { details: { field: "cursor" } }
        : { cause, details: { field: "cursor" } },
    );
  if (typeof cursor !== "string" || cursor.length === 0 || cursor.length > MAX_CURSOR_LENGTH) {
    throw refuse();
  }
  let parts: unknown;
  try {
    parts = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8"));
  } catch (cause) {
    throw refuse(cause);
  }
  const position = Array.isArray(parts) ? read(parts) : undefined;
  if (position === undefined) throw refuse();
  return position;
}
