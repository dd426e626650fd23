/**
 * The event log's keyspace. Every event key ends in (timestamp, seq), so one position type
 * serves the record and both indexes, and a cursor works on any of them.
 *
 *   ("ev", month, timestamp, seq)          → the event record
 *   ("type", type, timestamp, seq)         → "" (index by type)
 *   ("corr", correlationId, timestamp, seq) → "" (index by correlation id)
 *   ("seq",)                               → { next } (the sequence counter)
 *
 * Because `month` is derived from `timestamp`, ("ev", month, timestamp) sorts exactly like
 * timestamp alone: a time range is one contiguous scan over only the months it covers.
 */
import { decodeTuple, encodeTuple, StorageError, type Tuple } from "@mnemo/core";
import { monthOf } from "./month.js";

export const SEQUENCE_KEY = encodeTuple(["seq"]);
export const EVENT_PREFIX = encodeTuple(["ev"]);

/** A point in log order: events sort by timestamp, then by sequence number. */
export interface Position {
  readonly timestamp: number;
  readonly seq: number;
}

/** The scan a query reads: the record itself or one of the two indexes. */
export type Source =
  | { readonly kind: "event" }
  | { readonly kind: "type"; readonly type: string }
  | { readonly kind: "corr"; readonly correlationId: string };

function sourcePrefix(source: Source, timestamp: number): Tuple {
  switch (source.kind) {
    case "event":
      return ["ev", monthOf(timestamp)];
    case "type":
      return ["type", source.type];
    case "corr":
      return ["corr", source.correlationId];
  }
}

/** Every key of `source` (its scan prefix). */
export function sourceRangePrefix(source: Source): string {
  switch (source.kind) {
    case "event":
      return EVENT_PREFIX;
    case "type":
      return encodeTuple(["type", source.type]);
    case "corr":
      return encodeTuple(["corr", source.correlationId]);
  }
}

/** The key of the entry for `position` in `source`. */
export function positionKey(source: Source, position: Position): string {
  return encodeTuple([
    ...sourcePrefix(source, position.timestamp),
    position.timestamp,
    position.seq,
  ]);
}

/** A key below every entry of `source` at `timestamp` and above every earlier one. */
export function timeBoundKey(source: Source, timestamp: number): string {
  return encodeTuple([...sourcePrefix(source, timestamp), timestamp]);
}

export const eventKey = (position: Position): string => positionKey({ kind: "event" }, position);
export const typeKey = (type: string, position: Position): string =>
  positionKey({ kind: "type", type }, position);
export const correlationKey = (correlationId: string, position: Position): string =>
  positionKey({ kind: "corr", correlationId }, position);

/** Everything in months before `month` ("YYYY-MM"), the unit retention removes. */
export function monthsBeforeKey(month: string): string {
  return encodeTuple(["ev", month]);
}

/** The (timestamp, seq) at the end of any key this module builds. */
export function positionOfKey(key: string): Position {
  const tuple = decodeTuple(key);
  const timestamp = tuple[tuple.length - 2];
  const seq = tuple[tuple.length - 1];
  if (typeof timestamp !== "number" || typeof seq !== "number") {
    throw new StorageError("CORRUPTED", `event log key ${JSON.stringify(key)} has no position`, {
      details: { key },
    });
  }
  return { timestamp, seq };
}

/** The month element of an event key. */
export function monthOfEventKey(key: string): string {
  const month = decodeTuple(key)[1];
  if (typeof month !== "string") {
    throw new StorageError("CORRUPTED", `event key ${JSON.stringify(key)} has no month`, {
      details: { key },
    });
  }
  return month;
}
