/**
 * A month-partitioned event log over one backend handle. See the README for the keyspace
 * and the ordering guarantees.
 */
import {
  compareKeys,
  type Entry,
  jsonRecordCodec,
  optional,
  requireBoolean,
  requireId,
  requireInteger,
  requireObject,
  requireOrderedRange,
  requireTimestamp,
  type StorageBackend,
  StorageError,
  systemClock,
  toJson,
  type WriteOp,
} from "@mnemo/core";
import { decodeCursor, encodeCursor } from "./cursor.js";
import {
  correlationKey,
  EVENT_PREFIX,
  eventKey,
  monthOfEventKey,
  monthsBeforeKey,
  type Position,
  positionKey,
  positionOfKey,
  type Source,
  sourceRangePrefix,
  timeBoundKey,
  typeKey,
} from "./keys.js";
import { monthOf } from "./month.js";
import { SequenceAllocator } from "./sequence.js";
import { Tail } from "./tail.js";
import type {
  Clock,
  EventInput,
  EventLogOptions,
  EventPage,
  EventQuery,
  LoggedEvent,
  RetentionResult,
  TailOptions,
} from "./types.js";

/** Stored form: the position lives in the key, the record repeats it for self-description. */
interface StoredEvent {
  readonly seq: number;
  readonly type: string;
  readonly data: unknown;
  readonly correlationId?: string;
  readonly timestamp: number;
}

const codec = jsonRecordCodec<StoredEvent>();
const EMPTY = new Uint8Array(0);
const DEFAULT_LIMIT = 100;
const MAX_LIMIT = 10_000;
/** Largest batch `appendBatch` writes atomically. */
export const MAX_BATCH = 1000;
/** Events retention deletes per atomic write: memory stays flat however big a month is. */
const RETENTION_CHUNK = 500;
/** How far behind the newest event a polling tail keeps reading, by default. */
const DEFAULT_POLL_LAG_MS = 5_000;
/** Index entries resolved per getBatch. */
const INDEX_PAGE = 128;

export class EventLog {
  readonly #backend: StorageBackend;
  readonly #clock: Clock;
  readonly #sequence: SequenceAllocator;
  readonly #tails = new Set<Tail>();
  #closed = false;

  constructor(backend: StorageBackend, options: EventLogOptions = {}) {
    const blockSize = options.sequenceBlockSize ?? 100;
    requireInteger(blockSize, "sequenceBlockSize", 1, 1_000_000);
    this.#backend = backend;
    this.#clock = options.clock ?? systemClock;
    this.#sequence = new SequenceAllocator(backend, blockSize);
  }

  /** Appends one event; returns it with its sequence number and timestamp. */
  async append(input: EventInput): Promise<LoggedEvent> {
    const [event] = await this.appendBatch([input]);
    return event!;
  }

  /** Appends up to MAX_BATCH events in one atomic write, in the order given. */
  async appendBatch(inputs: readonly EventInput[]): Promise<LoggedEvent[]> {
    this.#assertOpen();
    if (!Array.isArray(inputs)) {
      throw new StorageError("INVALID_ARGUMENT", "events must be an array", {
        details: { field: "events" },
      });
    }
    if (inputs.length > MAX_BATCH) {
      throw new StorageError(
        "INVALID_ARGUMENT",
        `a batch holds at most ${MAX_BATCH} events, got ${inputs.length}`,
        { details: { field: "events" } },
      );
    }
    if (inputs.length === 0) return [];
    const now = this.#clock.now();
    // Everything is checked before a sequence number is taken or a byte written.
    const checked = inputs.map((input, i) => checkEvent(input, `events[${i}]`, now));
    const seqs = await this.#sequence.reserve(checked.length);
    const events: StoredEvent[] = checked.map((event, i) => ({ ...event, seq: seqs[i]! }));
    const ops: WriteOp[] = [];
    for (const event of events) ops.push(...eventOps(event));
    await this.#backend.write(ops);
    const logged = events.map(toLogged);
    for (const event of logged) for (const tail of this.#tails) tail.push(event);
    return logged;
  }

  /** One page of events in [from, to), filtered by type and/or correlation id. */
  async query(query: EventQuery = {}): Promise<EventPage> {
    this.#assertOpen();
    requireObject(query, "query");
    const from = optional(query.from, "from", requireTimestamp);
    const to = optional(query.to, "to", requireTimestamp);
    requireOrderedRange(from, to);
    const type = optional(query.type, "type", requireId);
    const correlationId = optional(query.correlationId, "correlationId", requireId);
    const reverse = optional(query.reverse, "reverse", requireBoolean) ?? false;
    const limit = optional(query.limit, "limit", (v, f) => requireInteger(v, f, 1, MAX_LIMIT));
    const after = query.cursor === undefined ? undefined : decodeCursor(query.cursor);
    const pageSize = limit ?? DEFAULT_LIMIT;

    // The most selective index first; a second filter is applied to what it yields.
    const source: Source =
      correlationId !== undefined
        ? { kind: "corr", correlationId }
        : type !== undefined
          ? { kind: "type", type }
          : { kind: "event" };
    const keep = (event: StoredEvent) =>
      (type === undefined || event.type === type) &&
      (correlationId === undefined || event.correlationId === correlationId);

    const events: LoggedEvent[] = [];
    let more = false;
    for await (const event of this.#read(source, { from, to, after, reverse })) {
      if (!keep(event)) continue;
      if (events.length === pageSize) {
        more = true;
        break;
      }
      events.push(toLogged(event));
    }
    const last = events.at(-1);
    return more && last !== undefined ? { events, nextCursor: encodeCursor(last) } : { events };
  }

  /**
   * Removes every month that ends at or before `before` (epoch ms): all events of the months
   * before `before`'s month, with their index entries, in bounded atomic chunks.
   */
  async deleteMonthsBefore(before: number): Promise<RetentionResult> {
    this.#assertOpen();
    requireTimestamp(before, "before");
    const upper = monthsBeforeKey(monthOf(before));
    const months: string[] = [];
    let deletedEvents = 0;
    for (;;) {
      const chunk: Entry[] = [];
      for await (const entry of this.#backend.scan({
        prefix: EVENT_PREFIX,
        lt: upper,
        limit: RETENTION_CHUNK,
      })) {
        chunk.push(entry);
      }
      if (chunk.length === 0) break;
      const ops: WriteOp[] = [];
      for (const [key, value] of chunk) {
        const month = monthOfEventKey(key);
        if (months.at(-1) !== month) months.push(month);
        for (const op of eventOps(codec.decode(value, key))) ops.push({ type: "del", key: op.key });
      }
      await this.#backend.write(ops);
      deletedEvents += chunk.length;
    }
    return { months, deletedEvents };
  }

  /**
   * Events appended after the call, as they commit. Without `pollIntervalMs`, only appends
   * made through THIS instance; with it, the store is also polled for other writers' events
   * (see README for the lag window).
   */
  tail(options: TailOptions = {}): AsyncIterableIterator<LoggedEvent> {
    this.#assertOpen();
    requireObject(options, "options");
    const type = optional(options.type, "type", requireId);
    const correlationId = optional(options.correlationId, "correlationId", requireId);
    const pollIntervalMs = optional(options.pollIntervalMs, "pollIntervalMs", (v, f) =>
      requireInteger(v, f, 1, 3_600_000),
    );
    const pollLagMs =
      optional(options.pollLagMs, "pollLagMs", (v, f) => requireInteger(v, f, 1, 86_400_000)) ??
      DEFAULT_POLL_LAG_MS;
    const filter = {
      ...(type === undefined ? {} : { type }),
      ...(correlationId === undefined ? {} : { correlationId }),
    };
    const tail = new Tail(
      filter,
      (ended) => this.#tails.delete(ended),
      pollIntervalMs !== undefined,
    );
    this.#tails.add(tail);
    const signal = options.signal;
    if (signal !== undefined) {
      if (signal.aborted) tail.end();
      else signal.addEventListener("abort", () => tail.end(), { once: true });
    }
    if (pollIntervalMs !== undefined && !tail.ended) {
      void this.#poll(tail, filter, pollIntervalMs, pollLagMs);
    }
    return tail;
  }

  /**
   * Feeds `tail` with events of other writers: every interval, reads everything from
   * `watermark` on and pushes what the tail has not seen. The watermark trails the newest
   * timestamp seen by `lagMs`, so an event that commits late with a slightly older timestamp
   * (clock skew, a slow writer) is still found.
   */
  async #poll(
    tail: Tail,
    filter: { type?: string; correlationId?: string },
    intervalMs: number,
    lagMs: number,
  ): Promise<void> {
    const startedAt = this.#clock.now();
    let watermark = startedAt - lagMs;
    const source: Source =
      filter.correlationId !== undefined
        ? { kind: "corr", correlationId: filter.correlationId }
        : filter.type !== undefined
          ? { kind: "type", type: filter.type }
          : { kind: "event" };
    let first = true;
    try {
      while (!tail.ended) {
        let newest = watermark + lagMs;
        for await (const event of this.#read(source, {
          from: Math.max(0, watermark),
          to: undefined,
          after: undefined,
          reverse: false,
        })) {
          if (tail.ended) return;
          const logged = toLogged(event);
          // What is already there when the tail starts is history, not news.
          if (first && event.timestamp <= startedAt) tail.markSeen(logged);
          else tail.push(logged, true);
          newest = Math.max(newest, event.timestamp);
        }
        first = false;
        watermark = Math.max(watermark, newest - lagMs);
        tail.forgetBefore(watermark);
        let timer: ReturnType<typeof setTimeout> | undefined;
        await Promise.race([
          new Promise((resolve) => {
            timer = setTimeout(resolve, intervalMs);
          }),
          tail.whenEnded,
        ]);
        clearTimeout(timer);
      }
    } catch (error) {
      tail.fail(error);
    }
  }

  /** Ends every tail; later calls fail with CLOSED. The backend handle stays open. */
  close(): void {
    this.#closed = true;
    for (const tail of [...this.#tails]) tail.end();
  }

  #assertOpen(): void {
    if (this.#closed) throw new StorageError("CLOSED", "this event log is closed");
  }

  /** Events of `source` in log order within the bounds, resuming after `after`. */
  async *#read(
    source: Source,
    bounds: {
      from: number | undefined;
      to: number | undefined;
      after: Position | undefined;
      reverse: boolean;
    },
  ): AsyncGenerator<StoredEvent> {
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
    const scan = this.#backend.scan({
      prefix: sourceRangePrefix(source),
      ...(lower === undefined ? {} : lower.inclusive ? { gte: lower.key } : { gt: lower.key }),
      ...(upper === undefined ? {} : { lt: upper }),
      reverse,
    });
    if (source.kind === "event") {
      for await (const [key, value] of scan) yield codec.decode(value, key);
      return;
    }
    // An index: resolve its entries to records a page at a time.
    let page: string[] = [];
    const resolve = async function* (this: EventLog, keys: string[]) {
      const records = await this.#backend.getBatch(keys);
      for (const key of keys) {
        const value = records.get(key);
        if (value === undefined) {
          throw new StorageError("CORRUPTED", `index entry points at missing event ${key}`, {
            details: { key },
          });
        }
        yield codec.decode(value, key);
      }
    }.bind(this);
    for await (const [key] of scan) {
      page.push(eventKey(positionOfKey(key)));
      if (page.length === INDEX_PAGE) {
        yield* resolve(page);
        page = [];
      }
    }
    if (page.length > 0) yield* resolve(page);
  }
}

function checkEvent(input: unknown, field: string, now: number): Omit<StoredEvent, "seq"> {
  const event = requireObject(input, field);
  const type = requireId(event.type, `${field}.type`);
  if (!("data" in event) || event.data === undefined) {
    throw new StorageError("INVALID_ARGUMENT", `${field}.data is required`, {
      details: { field: `${field}.data` },
    });
  }
  // Round-trip through JSON so what is stored (and tailed) is exactly what a query returns.
  const data: unknown = JSON.parse(toJson(event.data, `${field}.data`));
  const correlationId = optional(event.correlationId, `${field}.correlationId`, requireId);
  const timestamp = optional(event.timestamp, `${field}.timestamp`, requireTimestamp) ?? now;
  return correlationId === undefined
    ? { type, data, timestamp }
    : { type, data, correlationId, timestamp };
}

/** The record and its index entries: written together, deleted together. */
function eventOps(event: StoredEvent): WriteOp[] {
  const ops: WriteOp[] = [
    { type: "put", key: eventKey(event), value: codec.encode(event) },
    { type: "put", key: typeKey(event.type, event), value: EMPTY },
  ];
  if (event.correlationId !== undefined) {
    ops.push({ type: "put", key: correlationKey(event.correlationId, event), value: EMPTY });
  }
  return ops;
}

function toLogged(event: StoredEvent): LoggedEvent {
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
