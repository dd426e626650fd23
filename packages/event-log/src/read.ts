/** Reading events in log order through the records or one of the indexes. */
import {
  compareKeys,
  optional,
  page,
  requireBoolean,
  requireId,
  requireLimit,
  requireOptions,
  requireOrderedRange,
  requireTimestamp,
  type StorageBackend,
  StorageError,
} from "@mnemo/core";
import { decodeCursor, encodeCursor } from "./cursor.js";
import { codec, type StoredEvent, toLogged } from "./event-input.js";
import {
  eventKey,
  type Position,
  positionKey,
  positionOfKey,
  type Source,
  sourceRangePrefix,
  timeBoundKey,
} from "./keys.js";
import type { EventPage, EventQuery, LoggedEvent } from "./types.js";

export const DEFAULT_LIMIT = 100;
export const MAX_LIMIT = 1000;
/**
 * Entries one query page examines at most. Filtering the correlation index by type could
 * otherwise read a whole correlation's history for one page; past this the page ends early
 * with a `nextCursor` at the last entry examined.
 */
export const MAX_SCANNED_PER_PAGE = 10_000;
/** Index entries resolved per getBatch. */
const INDEX_PAGE = 128;

export interface Bounds {
  readonly from: number | undefined;
  readonly to: number | undefined;
  readonly after: Position | undefined;
  readonly reverse: boolean;
}

/** One entry examined: its position, and the event unless retention removed it meanwhile. */
export interface Examined {
  readonly position: Position;
  readonly event: StoredEvent | undefined;
}

export function sourceOf(filter: { type?: string; correlationId?: string }): Source {
  return filter.correlationId !== undefined
    ? { kind: "corr", correlationId: filter.correlationId }
    : filter.type !== undefined
      ? { kind: "type", type: filter.type }
      : { kind: "event" };
}

/** Entries of `source` in log order within the bounds, resuming after `bounds.after`. */
export async function* examine(
  store: StorageBackend,
  source: Source,
  bounds: Bounds,
): AsyncGenerator<Examined> {
  const { from, to, after, reverse } = bounds;
  let lower: { key: string; inclusive: boolean } | undefined =
    from === undefined ? undefined : { key: timeBoundKey(source, from), inclusive: true };
  let upper: string | undefined = to === undefined ? undefined : timeBoundKey(source, to);
  if (after !== undefined) {
    const cursorKey = positionKey(source, after);
    if (!reverse) {
      if (lower === undefined || compareKeys(cursorKey, lower.key) >= 0) {
        lower = { key: cursorKey, inclusive: false };
      }
    } else if (upper === undefined || compareKeys(cursorKey, upper) < 0) {
      upper = cursorKey;
    }
  }
  const scan = store.scan({
    prefix: sourceRangePrefix(source),
    ...(lower === undefined ? {} : lower.inclusive ? { gte: lower.key } : { gt: lower.key }),
    ...(upper === undefined ? {} : { lt: upper }),
    reverse,
  });
  if (source.kind === "event") {
    for await (const [key, value] of scan) {
      const event = codec.decode(value, key);
      yield { position: event, event };
    }
    return;
  }
  // An index: resolve its entries to records a page at a time.
  let pending: { indexKey: string; position: Position }[] = [];
  const resolve = async function* (entries: typeof pending): AsyncGenerator<Examined> {
    const records = await store.getBatch(entries.map((e) => eventKey(e.position)));
    for (const { indexKey, position } of entries) {
      const key = eventKey(position);
      const value = records.get(key);
      if (value !== undefined) {
        yield { position, event: codec.decode(value, key) };
      } else if (await store.exists(indexKey)) {
        // The record is missing but its index entry is still there: they are written and
        // removed together, so this is damage, not a race.
        throw new StorageError("CORRUPTED", `index entry points at missing event ${key}`, {
          details: { key, indexKey },
        });
      } else {
        // Retention removed both between the index read and the record read.
        yield { position, event: undefined };
      }
    }
  };
  for await (const [key] of scan) {
    pending.push({ indexKey: key, position: positionOfKey(key) });
    if (pending.length === INDEX_PAGE) {
      yield* resolve(pending);
      pending = [];
    }
  }
  if (pending.length > 0) yield* resolve(pending);
}

/** One page of events in [from, to), filtered by type and/or correlation id. */
export async function queryEvents(
  store: StorageBackend,
  input: EventQuery | undefined,
): Promise<EventPage> {
  const query = requireOptions(input, "query");
  const from = optional(query.from, "from", requireTimestamp);
  const to = optional(query.to, "to", requireTimestamp);
  requireOrderedRange(from, to);
  const type = optional(query.type, "type", requireId);
  const correlationId = optional(query.correlationId, "correlationId", requireId);
  const reverse = optional(query.reverse, "reverse", requireBoolean) ?? false;
  const limit = requireLimit(query.limit, DEFAULT_LIMIT, MAX_LIMIT);
  const after = query.cursor === undefined ? undefined : decodeCursor(query.cursor);
  // The most selective index first; a second filter is applied to what it yields.
  const source = sourceOf({
    ...(type === undefined ? {} : { type }),
    ...(correlationId === undefined ? {} : { correlationId }),
  });
  const keep = (event: StoredEvent) =>
    (type === undefined || event.type === type) &&
    (correlationId === undefined || event.correlationId === correlationId);
  const items: LoggedEvent[] = [];
  let examined = 0;
  let last: Position | undefined;
  for await (const entry of examine(store, source, { from, to, after, reverse })) {
    if (items.length === limit || examined === MAX_SCANNED_PER_PAGE) {
      return page(items, last === undefined ? undefined : encodeCursor(last));
    }
    examined++;
    last = entry.position;
    if (entry.event !== undefined && keep(entry.event)) items.push(toLogged(entry.event));
  }
  return page(items, undefined);
}
