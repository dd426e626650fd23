/** The event log's public shapes: plain JSON-able data, timestamps in epoch milliseconds. */

import type { Clock, Page } from "@mnemo/core";

export type { Clock };

export interface EventInput {
  /** Non-empty, at most 256 UTF-8 bytes. */
  readonly type: string;
  /** Any JSON-serialisable value. */
  readonly data: unknown;
  readonly correlationId?: string;
  /** Epoch ms; default: the log's clock. */
  readonly timestamp?: number;
}

export interface LoggedEvent {
  /** Unique in the log; orders events that share a timestamp. */
  readonly seq: number;
  readonly type: string;
  readonly data: unknown;
  readonly correlationId?: string;
  readonly timestamp: number;
}

export interface EventQuery {
  /** Inclusive lower bound, epoch ms. */
  readonly from?: number;
  /** Exclusive upper bound, epoch ms. */
  readonly to?: number;
  readonly type?: string;
  readonly correlationId?: string;
  /** Newest first. */
  readonly reverse?: boolean;
  /** Default 100, at most 1,000. */
  readonly limit?: number;
  /** `nextCursor` of the previous page of the same query. */
  readonly cursor?: string;
}

/** `nextCursor` is present when more events may match: pass it as `cursor` for the next page. */
export type EventPage = Page<LoggedEvent>;

export interface RetentionResult {
  /** Months removed, "YYYY-MM", oldest first. */
  readonly months: string[];
  /** Events removed. */
  readonly deletedEvents: number;
}

export interface TailOptions {
  readonly type?: string;
  readonly correlationId?: string;
  /** Ends the tail when aborted. */
  readonly signal?: AbortSignal;
  /**
   * Also poll the store every this many ms for events other processes append. Without it a
   * tail sees only this instance's appends.
   */
  readonly pollIntervalMs?: number;
  /**
   * How far (ms) behind the newest event seen a polling tail keeps re-reading, to catch
   * events that commit late with an older timestamp. Default 5000.
   */
  readonly pollLagMs?: number;
  /**
   * Events buffered for a reader that has not consumed them, at most (default 10,000). A
   * polling tail stops polling while full; an in-process push into a full non-polling tail
   * ends it with `FAILED_PRECONDITION` (`details.reason` "TAIL_OVERFLOW", `details.cursor`
   * a query cursor after the last event it delivered).
   */
  readonly bufferLimit?: number;
}

export interface EventLogOptions {
  readonly clock?: Clock;
  /** Sequence numbers reserved per compareAndSwap on the shared counter. Default 100. */
  readonly sequenceBlockSize?: number;
  /** Attempts of one sequence reservation or retention chunk before `CONFLICT`. Default 1,000. */
  readonly maxAttempts?: number;
}
