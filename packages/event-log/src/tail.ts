/**
 * Live tails. The log pushes each event this instance commits to every open tail; a polling
 * tail also reads the store for events other processes appended. A tail buffers what its
 * reader has not consumed yet, at most `bufferLimit` events: the poller waits for room
 * (backpressure), and an in-process push into a full tail ends it with an overflow error
 * that carries a query cursor to catch up from. When it polls, a tail drops an event it has
 * already yielded.
 */
import { StorageError } from "@mnemo/core";
import { encodeCursor } from "./cursor.js";
import type { LoggedEvent } from "./types.js";

export interface TailFilter {
  readonly type?: string;
  readonly correlationId?: string;
}

export class Tail implements AsyncIterableIterator<LoggedEvent> {
  readonly #filter: TailFilter;
  readonly #onEnd: (tail: Tail) => void;
  readonly #buffer: LoggedEvent[] = [];
  /** Events yielded or present at start, by seq; only when polling. */
  readonly #seen: Map<number, { timestamp: number; yielded: boolean }> | undefined;
  #waiting:
    | { resolve: (result: IteratorResult<LoggedEvent>) => void; reject: (error: unknown) => void }
    | undefined;
  #ended = false;
  #signalEnded: () => void = () => {};
  /** Settles when the tail ends, so a poller's wait can stop early. */
  readonly whenEnded = new Promise<void>((resolve) => {
    this.#signalEnded = resolve;
  });
  #failure: { error: unknown } | undefined;
  readonly #bufferLimit: number;
  /** The last event handed to the buffer or the reader: where a reader catches up from. */
  #lastAccepted: LoggedEvent | undefined;
  #signalRoom: (() => void) | undefined;

  constructor(
    filter: TailFilter,
    onEnd: (tail: Tail) => void,
    bufferLimit: number,
    deduplicate = false,
  ) {
    this.#filter = filter;
    this.#onEnd = onEnd;
    this.#bufferLimit = bufferLimit;
    this.#seen = deduplicate ? new Map() : undefined;
  }

  get ended(): boolean {
    return this.#ended;
  }

  /** How many more events the buffer takes. */
  get room(): number {
    return this.#bufferLimit - this.#buffer.length;
  }

  /** Settles once the buffer has room (or the tail ended): the poller's backpressure. */
  whenRoom(): Promise<void> {
    if (this.room > 0 || this.#ended) return Promise.resolve();
    return new Promise((resolve) => {
      this.#signalRoom = resolve;
    });
  }

  /**
   * Called by the log after this instance commits an append (`polled` false) and by the
   * poller (`polled` true). A polled event is dropped if the tail knows it at all; a committed
   * one only if it was already yielded.
   */
  push(event: LoggedEvent, polled = false): void {
    if (this.#ended || !this.#matches(event)) return;
    if (this.#seen !== undefined) {
      const known = this.#seen.get(event.seq);
      if (known !== undefined && (polled || known.yielded)) return;
    }
    const waiting = this.#waiting;
    if (waiting === undefined && this.#buffer.length >= this.#bufferLimit) {
      // A polling tail finds this event in the store once the reader makes room.
      if (this.#seen !== undefined && !polled) return;
      this.fail(this.#overflow());
      return;
    }
    this.#seen?.set(event.seq, { timestamp: event.timestamp, yielded: true });
    this.#lastAccepted = event;
    if (waiting === undefined) {
      this.#buffer.push(event);
    } else {
      this.#waiting = undefined;
      waiting.resolve({ value: event, done: false });
    }
  }

  /** Records an event that existed before the tail started, so polling never yields it. */
  markSeen(event: LoggedEvent): void {
    if (this.#seen?.has(event.seq) === false) {
      this.#seen.set(event.seq, { timestamp: event.timestamp, yielded: false });
    }
  }

  /** Forgets seen events older than `timestamp`: the poller no longer reads that far back. */
  forgetBefore(timestamp: number): void {
    if (this.#seen === undefined) return;
    for (const [seq, entry] of this.#seen) if (entry.timestamp < timestamp) this.#seen.delete(seq);
  }

  next(): Promise<IteratorResult<LoggedEvent>> {
    const event = this.#buffer.shift();
    if (event !== undefined) {
      const room = this.#signalRoom;
      this.#signalRoom = undefined;
      room?.();
      return Promise.resolve({ value: event, done: false });
    }
    if (this.#failure !== undefined) return Promise.reject(this.#failure.error);
    if (this.#ended) return Promise.resolve({ value: undefined, done: true });
    return new Promise((resolve, reject) => {
      this.#waiting = { resolve, reject };
    });
  }

  /** Ends the tail: a pending `next()` and every later one report done. */
  return(): Promise<IteratorResult<LoggedEvent>> {
    this.end();
    return Promise.resolve({ value: undefined, done: true });
  }

  end(): void {
    if (this.#ended) return;
    this.#ended = true;
    this.#buffer.length = 0;
    this.#seen?.clear();
    this.#onEnd(this);
    this.#signalEnded();
    this.#signalRoom?.();
    const waiting = this.#waiting;
    this.#waiting = undefined;
    waiting?.resolve({ value: undefined, done: true });
  }

  /** Ends the tail with an error: the reader gets it once buffered events are consumed. */
  fail(error: unknown): void {
    if (this.#ended) return;
    const waiting = this.#waiting;
    this.#waiting = undefined;
    this.#failure = { error };
    this.#ended = true;
    this.#seen?.clear();
    this.#onEnd(this);
    this.#signalEnded();
    this.#signalRoom?.();
    waiting?.reject(error);
  }

  #overflow(): StorageError {
    const last = this.#lastAccepted;
    return new StorageError(
      "FAILED_PRECONDITION",
      `tail overflowed: its reader fell ${this.#bufferLimit} events behind; query from details.cursor to catch up`,
      {
        details: {
          reason: "TAIL_OVERFLOW",
          bufferLimit: this.#bufferLimit,
          ...(last === undefined ? {} : { cursor: encodeCursor(last) }),
        },
      },
    );
  }

  [Symbol.asyncIterator](): this {
    return this;
  }

  #matches(event: LoggedEvent): boolean {
    return (
      (this.#filter.type === undefined || event.type === this.#filter.type) &&
      (this.#filter.correlationId === undefined ||
        event.correlationId === this.#filter.correlationId)
    );
  }
}
