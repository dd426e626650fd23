/**
 * A month-partitioned event log over one backend handle. See the README for the keyspace
 * and the ordering guarantees.
 */
import {
  type Clock,
  clockNow,
  describe,
  invalidArgument,
  optional,
  requireArray,
  requireClock,
  requireId,
  requireInteger,
  requireOptions,
  requirePositiveInteger,
  requireTimestamp,
  type StorageBackend,
  StorageError,
  type WriteOp,
} from "@mnemo/core";
import {
  checkEvent,
  eventOps,
  MAX_BATCH_BYTES,
  requireEventFits,
  type StoredEvent,
  toLogged,
} from "./event-input.js";
import { poll } from "./poll.js";
import { queryEvents } from "./read.js";
import { deleteMonthsBefore } from "./retention.js";
import { SequenceAllocator } from "./sequence.js";
import { Tail } from "./tail.js";
import type {
  EventInput,
  EventLogOptions,
  EventPage,
  EventQuery,
  LoggedEvent,
  RetentionResult,
  TailOptions,
} from "./types.js";

/** Largest batch `appendBatch` writes atomically. */
export const MAX_BATCH = 1000;
/** How far behind the newest event a polling tail keeps reading, by default. */
const DEFAULT_POLL_LAG_MS = 5_000;
/** Events a tail buffers for its reader, by default and at most. */
export const DEFAULT_TAIL_BUFFER = 10_000;
export const MAX_TAIL_BUFFER = 1_000_000;

export class EventLog {
  readonly #store: StorageBackend;
  readonly #clock: Clock;
  readonly #maxAttempts: number;
  readonly #sequence: SequenceAllocator;
  readonly #tails = new Set<Tail>();
  #closed = false;

  constructor(store: StorageBackend, options?: EventLogOptions) {
    const opts = requireOptions(options);
    const blockSize = requirePositiveInteger(opts.sequenceBlockSize, "sequenceBlockSize", 100);
    this.#store = store;
    this.#clock = requireClock(opts.clock);
    this.#maxAttempts = requirePositiveInteger(opts.maxAttempts, "maxAttempts", 1000);
    this.#sequence = new SequenceAllocator(store, blockSize, this.#maxAttempts);
  }

  /** Appends one event; returns it with its sequence number and timestamp. */
  async append(input: EventInput): Promise<LoggedEvent> {
    const [event] = await this.appendBatch([input]);
    return event!;
  }

  /** Appends up to MAX_BATCH events in one atomic write, in the order given. */
  async appendBatch(inputs: readonly EventInput[]): Promise<LoggedEvent[]> {
    this.#assertOpen();
    requireArray(inputs, "events", MAX_BATCH);
    if (inputs.length === 0) return [];
    const now = clockNow(this.#clock);
    // Everything is checked, sizes included, before a sequence number is taken or a byte
    // written: a refused batch leaves the counter where it was.
    const checked = inputs.map((input, i) => checkEvent(input, `events[${i}]`, now));
    let bytes = 0;
    for (const [i, event] of checked.entries()) {
      bytes += requireEventFits(this.#store, event, `events[${i}]`);
    }
    if (bytes > MAX_BATCH_BYTES) {
      throw new StorageError(
        "VALUE_TOO_LARGE",
        `the batch is ${bytes} bytes encoded; a batch holds at most ${MAX_BATCH_BYTES}`,
        { details: { field: "events", bytes, max: MAX_BATCH_BYTES } },
      );
    }
    const seqs = await this.#sequence.reserve(checked.length);
    const events: StoredEvent[] = checked.map(({ event }, i) => ({ ...event, seq: seqs[i]! }));
    const ops: WriteOp[] = [];
    for (const event of events) ops.push(...eventOps(event));
    await this.#store.write(ops);
    const logged = events.map(toLogged);
    for (const event of logged) for (const tail of this.#tails) tail.push(event);
    return logged;
  }

  /** One page of events in [from, to), filtered by type and/or correlation id. */
  async query(query?: EventQuery): Promise<EventPage> {
    this.#assertOpen();
    return queryEvents(this.#store, query);
  }

  /**
   * Removes every month that ends at or before `before` (epoch ms): all events of the months
   * before `before`'s month, with their index entries, in bounded checked commits.
   */
  async deleteMonthsBefore(before: number): Promise<RetentionResult> {
    this.#assertOpen();
    requireTimestamp(before, "before");
    return deleteMonthsBefore(this.#store, before, this.#maxAttempts);
  }

  /**
   * Events appended after the call, as they commit. Without `pollIntervalMs`, only appends
   * made through THIS instance; with it, the store is also polled for other writers' events
   * (see README for the lag window and the buffer bound).
   */
  tail(options?: TailOptions): AsyncIterableIterator<LoggedEvent> {
    this.#assertOpen();
    const opts = requireOptions(options);
    const type = optional(opts.type, "type", requireId);
    const correlationId = optional(opts.correlationId, "correlationId", requireId);
    const pollIntervalMs = optional(opts.pollIntervalMs, "pollIntervalMs", (v, f) =>
      requireInteger(v, f, 1, 3_600_000),
    );
    const pollLagMs =
      optional(opts.pollLagMs, "pollLagMs", (v, f) => requireInteger(v, f, 1, 86_400_000)) ??
      DEFAULT_POLL_LAG_MS;
    const bufferLimit =
      optional(opts.bufferLimit, "bufferLimit", (v, f) =>
        requireInteger(v, f, 1, MAX_TAIL_BUFFER),
      ) ?? DEFAULT_TAIL_BUFFER;
    const signal = opts.signal;
    if (signal !== undefined && !(signal instanceof AbortSignal)) {
      throw invalidArgument("signal", `must be an AbortSignal, got ${describe(signal)}`);
    }
    const filter = {
      ...(type === undefined ? {} : { type }),
      ...(correlationId === undefined ? {} : { correlationId }),
    };
    const startedAt = pollIntervalMs === undefined ? 0 : clockNow(this.#clock);
    const tail = new Tail(
      filter,
      (ended) => this.#tails.delete(ended),
      bufferLimit,
      pollIntervalMs !== undefined,
    );
    this.#tails.add(tail);
    if (signal !== undefined) {
      if (signal.aborted) tail.end();
      else signal.addEventListener("abort", () => tail.end(), { once: true });
    }
    if (pollIntervalMs !== undefined && !tail.ended) {
      void poll(this.#store, tail, filter, pollIntervalMs, pollLagMs, startedAt);
    }
    return tail;
  }

  /** Ends every tail; later calls fail with CLOSED. The backend handle stays open. */
  close(): void {
    this.#closed = true;
    for (const tail of [...this.#tails]) tail.end();
  }

  #assertOpen(): void {
    if (this.#closed) throw new StorageError("CLOSED", "this event log is closed");
  }
}
