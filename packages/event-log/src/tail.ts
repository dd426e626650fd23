/**
 * Live tails. The log pushes each event this instance commits to every open tail; a polling
 * tail also reads the store for events other processes appended. A tail buffers what its
 * reader has not consumed yet and, when it polls, drops an event it has already yielded.
 */
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

  constructor(filter: TailFilter, onEnd: (tail: Tail) => void, deduplicate = false) {
    this.#filter = filter;
    this.#onEnd = onEnd;
    this.#seen = deduplicate ? new Map() : undefined;
  }

  get ended(): boolean {
    return this.#ended;
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
      this.#seen.set(event.seq, { timestamp: event.timestamp, yielded: true });
    }
    const waiting = this.#waiting;
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
    if (event !== undefined) return Promise.resolve({ value: event, done: false });
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
    waiting?.reject(error);
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
