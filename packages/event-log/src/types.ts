/** The event log's public shapes: plain JSON-able data, timestamps in epoch milliseconds. */

import type { Clock } from "@mnemo/core";

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
  /** Default 100, at most 10 000. */
  readonly limit?: number;
  /** `nextCursor` of the previous page of the same query. */
  readonly cursor?: string;
}

export interface EventPage {
  readonly events: LoggedEvent[];
  /** Present when more events match: pass it as `cursor` to read the next page. */
  readonly nextCursor?: string;
}

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
}

export interface EventLogOptions {
  readonly clock?: Clock;
  /** Sequence numbers reserved per compareAndSwap on the shared counter. Default 100. */
  readonly sequenceBlockSize?: number;
}
