/** What `append` accepts, the stored form, and the keys one event owns. */
import {
  DEFAULT_MAX_VALUE_BYTES,
  invalidArgument,
  jsonRecordCodec,
  MAX_COMMIT_BYTES,
  optional,
  requireId,
  requireObject,
  requireTimestamp,
  type StorageBackend,
  StorageError,
  toJson,
  type WriteOp,
} from "@mnemo/core";
import { correlationKey, eventKey, typeKey } from "./keys.js";
import type { LoggedEvent } from "./types.js";

/** Stored form: the position lives in the key, the record repeats it for self-description. */
export interface StoredEvent {
  readonly seq: number;
  readonly type: string;
  readonly data: unknown;
  readonly correlationId?: string;
  readonly timestamp: number;
}

export const codec = jsonRecordCodec<StoredEvent>();
const EMPTY = new Uint8Array(0);

export interface CheckedEvent {
  readonly event: Omit<StoredEvent, "seq">;
  /** UTF-8 bytes of `data` as JSON, for sizing the record without encoding it twice. */
  readonly dataBytes: number;
}

export function checkEvent(input: unknown, field: string, now: number): CheckedEvent {
  const event = requireObject(input, field);
  const type = requireId(event.type, `${field}.type`);
  if (event.data === undefined) throw invalidArgument(`${field}.data`, "is required");
  // Round-trip through JSON so what is stored (and tailed) is exactly what a query returns.
  const json = toJson(event.data, `${field}.data`);
  const data: unknown = JSON.parse(json);
  const correlationId = optional(event.correlationId, `${field}.correlationId`, requireId);
  const timestamp = optional(event.timestamp, `${field}.timestamp`, requireTimestamp) ?? now;
  return {
    event:
      correlationId === undefined
        ? { type, data, timestamp }
        : { type, data, correlationId, timestamp },
    dataBytes: Buffer.byteLength(json),
  };
}

/**
 * Refuses an event whose record the store would refuse, before a sequence number is taken:
 * measured with the longest sequence number there is, so the real one fits too.
 */
export function requireEventFits(
  store: StorageBackend,
  { event, dataBytes }: CheckedEvent,
  field: string,
): number {
  const limit =
    (store as { limits?: { maxValueBytes?: number } }).limits?.maxValueBytes ??
    DEFAULT_MAX_VALUE_BYTES;
  // The record as the codec writes it (a version byte, then JSON), with `data` as `null`
  // (4 bytes) standing in for its JSON text.
  const rest = Buffer.byteLength(
    JSON.stringify({ ...event, data: null, seq: Number.MAX_SAFE_INTEGER }),
  );
  const bytes = 1 + rest - 4 + dataBytes;
  if (bytes > limit) {
    throw new StorageError(
      "VALUE_TOO_LARGE",
      `${field} is ${bytes} bytes encoded; the store takes at most ${limit}`,
      { details: { field, bytes, maxValueBytes: limit } },
    );
  }
  return bytes;
}

/** Most bytes of records one batch writes: a commit's limit, so a batch stays one write. */
export const MAX_BATCH_BYTES = MAX_COMMIT_BYTES;

/** The record's key and its index keys. */
export function eventKeys(event: StoredEvent): string[] {
  const keys = [eventKey(event), typeKey(event.type, event)];
  if (event.correlationId !== undefined) keys.push(correlationKey(event.correlationId, event));
  return keys;
}

/** The record and its index entries: written together, deleted together. */
export function eventOps(event: StoredEvent): WriteOp[] {
  const [record, ...indexes] = eventKeys(event);
  return [
    { type: "put", key: record!, value: codec.encode(event) },
    ...indexes.map((key): WriteOp => ({ type: "put", key, value: EMPTY })),
  ];
}

export function toLogged(event: StoredEvent): LoggedEvent {
  return event.correlationId === undefined
    ? { seq: event.seq, type: event.type, data: event.data, timestamp: event.timestamp }
    : {
        seq: event.seq,
        type: event.type,
        data: event.data,
        correlationId: event.correlationId,
        timestamp: event.timestamp,
      };
}
