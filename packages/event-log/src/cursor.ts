/** Opaque page cursors: a tag naming the listing, then the position of the last event read. */
import { decodeCursor as decodeParts, encodeCursor as encodeParts } from "@mnemo/core";
import type { Position } from "./keys.js";

const TAG = "events";

export function encodeCursor(position: Position): string {
  return encodeParts([TAG, position.timestamp, position.seq]);
}

export function decodeCursor(cursor: unknown): Position {
  return decodeParts(cursor, "event log query", (parts) => {
    const [tag, timestamp, seq] = parts;
    return parts.length === 3 &&
      tag === TAG &&
      Number.isSafeInteger(timestamp) &&
      Number.isSafeInteger(seq)
      ? { timestamp: timestamp as number, seq: seq as number }
      : undefined;
  });
}
