/** Page cursors: opaque to callers, the (timestamp, id) of the last turn a page returned. */
import { decodeCursor as decodeParts, encodeCursor as encodeParts } from "@mnemo/core";

export interface CursorPosition {
  readonly timestamp: number;
  readonly id: string;
}

export function encodeCursor(position: CursorPosition): string {
  return encodeParts([position.timestamp, position.id]);
}

export function decodeCursor(cursor: unknown): CursorPosition {
  return decodeParts(cursor, "episodic memory", (parts) => {
    const [timestamp, id] = parts;
    return parts.length === 2 &&
      Number.isSafeInteger(timestamp) &&
      typeof id === "string" &&
      id.length > 0
      ? { timestamp: timestamp as number, id }
      : undefined;
  });
}
