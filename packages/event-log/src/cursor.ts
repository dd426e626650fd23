/** Opaque page cursors: the position of the last event a page returned. */
import { StorageError } from "@mnemo/core";
import type { Position } from "./keys.js";

export function encodeCursor(position: Position): string {
  return Buffer.from(JSON.stringify([1, position.timestamp, position.seq])).toString("base64url");
}

export function decodeCursor(cursor: unknown): Position {
  const invalid = () =>
    new StorageError("INVALID_ARGUMENT", "cursor is not one this event log returned", {
      details: { field: "cursor" },
    });
  if (typeof cursor !== "string" || cursor.length === 0 || cursor.length > 200) throw invalid();
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8"));
  } catch {
    throw invalid();
  }
  if (
    !Array.isArray(parsed) ||
    parsed.length !== 3 ||
    parsed[0] !== 1 ||
    !Number.isSafeInteger(parsed[1]) ||
    !Number.isSafeInteger(parsed[2])
  ) {
    throw invalid();
  }
  return { timestamp: parsed[1] as number, seq: parsed[2] as number };
}
