/** Hook history's public shapes: plain JSON-able data, times in epoch milliseconds. */

import type { Clock, Page } from "@mnemo/core";

export type { Clock };

export type Outcome = "success" | "error";

export interface HookExecution {
  /** Non-empty, at most 256 UTF-8 bytes. */
  readonly hookId: string;
  /** Non-empty, at most 256 UTF-8 bytes (e.g. "pre-tool", "post-response"). */
  readonly hookType: string;
  /** Any JSON-serialisable value. */
  readonly input: unknown;
  readonly output?: unknown;
  /** The failure message; its presence makes the outcome "error". */
  readonly error?: string;
  /** Epoch ms. */
  readonly startedAt: number;
  /** Non-negative, finite. */
  readonly durationMs: number;
  readonly correlationId?: string;
}

export interface HookRecord extends HookExecution {
  /** Position in the hash chain, from 1. */
  readonly seq: number;
  /** Random id, unique per record. */
  readonly id: string;
  /** Epoch ms from the history's clock, when the record joined the chain. */
  readonly recordedAt: number;
  /** blake3 of the previous record (or of the retention anchor / genesis). */
  readonly prevHash: string;
  /** blake3 of this record's canonical content, `prevHash` included. */
  readonly hash: string;
}

export interface HookQuery {
  readonly hookId?: string;
  /** Inclusive, on `startedAt`. */
  readonly from?: number;
  /** Exclusive, on `startedAt`. */
  readonly to?: number;
  readonly outcome?: Outcome;
  /** Newest first. */
  readonly reverse?: boolean;
  /** Default 100, at most 1,000. */
  readonly limit?: number;
  /** `nextCursor` of the previous page of the same query. */
  readonly cursor?: string;
}

export type HookPage = Page<HookRecord>;
export type HookStatsPage = Page<HookStats>;

export interface StatsQuery {
  /** Only this hook; default every hook in the window. */
  readonly hookId?: string;
  readonly from?: number;
  readonly to?: number;
  /** Hooks per page: default 20, at most 100 (each costs one index scan). */
  readonly limit?: number;
  readonly cursor?: string;
}

export interface HookStats {
  readonly hookId: string;
  readonly count: number;
  readonly errors: number;
  /** errors / count. */
  readonly errorRate: number;
  /** Nearest-rank percentiles of `durationMs`. */
  readonly p50Ms: number;
  readonly p95Ms: number;
  readonly p99Ms: number;
}

export type TamperReason = "changed" | "removed" | "reordered" | "unlinked";

export type VerifyResult =
  | {
      readonly ok: true;
      /** Records checked (those after the retention anchor). */
      readonly checked: number;
      /** The chain head: keep `headHash` elsewhere to detect a rewrite of the whole tail. */
      readonly headSeq: number;
      readonly headHash: string;
    }
  | {
      readonly ok: false;
      readonly checked: number;
      /** The first position whose record was changed, removed or reordered. */
      readonly firstBadSeq: number;
      /** The id of the record found there, when one was. */
      readonly id?: string;
      readonly reason: TamperReason;
      readonly message: string;
    };

export interface RetentionResult {
  readonly deletedRecords: number;
  /** Where the verifiable chain now starts: the last removed record's seq and hash. */
  readonly anchorSeq: number;
  readonly anchorHash: string;
}

export interface HookHistoryOptions {
  /** Where `recordedAt` comes from. Default: the system clock. */
  readonly clock?: Clock;
  /** Commit attempts of one append or retention chunk before `CONFLICT`. Default 1,000. */
  readonly maxAttempts?: number;
}
