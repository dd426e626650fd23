/** Opaque page cursors: the position of the last event a page returned. */
import { decodeCursor as decodeParts, encodeCursor as encodeParts } from "@mnemo/core";
import type { Position } from "./keys.js";

export function encodeCursor(position: Position): string {
  return encodeParts([1, position.timestamp, position.seq]);
}

export function decodeCursor(cursor: unknown): Position {
  return decodeParts(cursor, "event log", (parts) => {
    const [version, timestamp, seq] = parts;
    return parts.length === 3 &&
      version === 1 &&
      Number.isSafeInteger(timestamp) &&
      Number.isSafeInteger(seq)
      ? { timestamp: timestamp as number, seq: seq as number }
      : undefined;
  });
}
