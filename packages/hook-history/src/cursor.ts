/** Opaque page cursors: a tag naming the listing, then the position of the last entry read. */
import { decodeCursor as decodeParts, encodeCursor as encodeParts } from "@mnemo/core";
import type { Position } from "./keys.js";

const RECORDS_TAG = "hook-history.records";
const STATS_TAG = "hook-history.stats";

export function encodeRecordsCursor(position: Position): string {
  return encodeParts([RECORDS_TAG, position.startedAt, position.seq]);
}

export function decodeRecordsCursor(cursor: unknown): Position {
  return decodeParts(cursor, "hook history query", (parts) => {
    const [tag, startedAt, seq] = parts;
    return parts.length === 3 &&
      tag === RECORDS_TAG &&
      Number.isSafeInteger(startedAt) &&
      Number.isSafeInteger(seq)
      ? { startedAt: startedAt as number, seq: seq as number }
      : undefined;
  });
}

/** The last hook id a stats page covered. */
export function encodeStatsCursor(hookId: string): string {
  return encodeParts([STATS_TAG, hookId]);
}

export function decodeStatsCursor(cursor: unknown): string {
  return decodeParts(cursor, "hook history stats listing", (parts) => {
    const [tag, hookId] = parts;
    return parts.length === 2 && tag === STATS_TAG && typeof hookId === "string" && hookId !== ""
      ? hookId
      : undefined;
  });
}
