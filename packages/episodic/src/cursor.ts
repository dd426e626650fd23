/** Page cursors: opaque to callers, the (timestamp, id) of the last turn a page returned. */
import { describe, StorageError } from "@mnemo/core";

export interface CursorPosition {
  readonly timestamp: number;
  readonly id: string;
}

export function encodeCursor(position: CursorPosition): string {
  return Buffer.from(JSON.stringify([position.timestamp, position.id])).toString("base64url");
}

export function decodeCursor(cursor: unknown): CursorPosition {
  const refuse = () =>
    new StorageError("INVALID_ARGUMENT", `cursor ${describe(cursor)} is not a page cursor`, {
      details: { field: "cursor" },
    });
  if (typeof cursor !== "string" || cursor.length === 0) throw refuse();
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8"));
  } catch (cause) {
    throw new StorageError("INVALID_ARGUMENT", `cursor ${describe(cursor)} is not a page cursor`, {
      cause,
      details: { field: "cursor" },
    });
  }
  if (
    !Array.isArray(parsed) ||
    parsed.length !== 2 ||
    !Number.isSafeInteger(parsed[0]) ||
    typeof parsed[1] !== "string" ||
    parsed[1].length === 0
  ) {
    throw refuse();
  }
  return { timestamp: parsed[0] as number, id: parsed[1] };
}
