/** Opaque page cursors: the position of the last record a page returned. */
import { decodeCursor as decodeParts, encodeCursor as encodeParts } from "@mnemo/core";
import type { Position } from "./keys.js";

export function encodeCursor(position: Position): string {
  return encodeParts([1, position.startedAt, position.seq]);
}

export function decodeCursor(cursor: unknown): Position {
  return decodeParts(cursor, "hook history", (parts) => {
    const [version, startedAt, seq] = parts;
    return parts.length === 3 &&
      version === 1 &&
      Number.isSafeInteger(startedAt) &&
      Number.isSafeInteger(seq)
      ? { startedAt: startedAt as number, seq: seq as number }
      : undefined;
  });
}
