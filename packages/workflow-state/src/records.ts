/** Run and step records as stored, and the errors they carry. */
import { jsonRecordCodec, StorageError, toJson } from "@mnemo/core";
import type { RunStatus, StepStatus } from "./run-status.js";

/** What went wrong, as the caller reported it. A plain string is `{ message }`. */
export interface RunError {
  readonly message: string;
  readonly code?: string;
  readonly details?: Readonly<Record<string, unknown>>;
}

export interface Transition {
  /** 1 for the run's first transition. */
  readonly n: number;
  readonly from: RunStatus;
  readonly to: RunStatus;
  /** Epoch ms. */
  readonly at: number;
  readonly reason?: string;
}

/** A run as stored, without its steps. Times are epoch ms. */
export interface RunRecord {
  readonly workflowId: string;
  readonly runId: string;
  readonly status: RunStatus;
  readonly createdAt: number;
  readonly updatedAt: number;
  /** First move to running. */
  readonly startedAt?: number;
  /** Move to a final status. */
  readonly endedAt?: number;
  /** Set while paused. */
  readonly pausedAt?: number;
  /** Time spent paused before the current pause, in ms. */
  readonly pausedMs: number;
  readonly input?: unknown;
  readonly output?: unknown;
  readonly error?: RunError;
  readonly metadata?: Readonly<Record<string, unknown>>;
  /** Transitions so far; each is its own key (`listTransitions`). */
  readonly transitions: number;
}

/** A run as returned: the record plus durations computed at read time. */
export interface RunView extends RunRecord {
  /** From start to end (or to now while not ended), pauses included; absent before start. */
  readonly durationMs?: number;
  /** `durationMs` without the time spent paused. */
  readonly activeMs?: number;
}

export interface StepRecord {
  readonly runId: string;
  readonly stepId: string;
  readonly name?: string;
  readonly status: StepStatus;
  /** 1 for the first start; a failed step started again counts up. */
  readonly attempt: number;
  readonly startedAt?: number;
  readonly endedAt?: number;
  /** `endedAt - startedAt` once ended. */
  readonly durationMs?: number;
  readonly input?: unknown;
  readonly output?: unknown;
  readonly error?: RunError;
  readonly reason?: string;
}

export const transitionCodec = jsonRecordCodec<Transition>();

/** Longest `reason`, in UTF-16 code units. */
export const MAX_REASON_LENGTH = 4096;

export function toRunError(value: unknown, field = "error"): RunError {
  if (typeof value === "string" && value.length > 0) return { message: value };
  if (value !== null && typeof value === "object" && !Array.isArray(value)) {
    const raw = value as Record<string, unknown>;
    if (typeof raw.message === "string" && raw.message.length > 0) {
      if (raw.code !== undefined && typeof raw.code !== "string") {
        throw new StorageError("INVALID_ARGUMENT", `${field}.code must be a string`, {
          details: { field },
        });
      }
      return JSON.parse(
        toJson(
          {
            message: raw.message,
            ...(raw.code === undefined ? {} : { code: raw.code }),
            ...(raw.details === undefined ? {} : { details: raw.details }),
          },
          field,
        ),
      ) as RunError;
    }
  }
  throw new StorageError(
    "INVALID_ARGUMENT",
    `${field} must be a non-empty string or { message, code?, details? }`,
    { details: { field } },
  );
}

/** A JSON value, copied; `undefined` stays absent. */
export function optionalJson(value: unknown, field: string): unknown {
  return value === undefined ? undefined : JSON.parse(toJson(value, field));
}

export function viewRun(run: RunRecord, now: number): RunView {
  if (run.startedAt === undefined) return run;
  const end = run.endedAt ?? Math.max(now, run.startedAt);
  const durationMs = end - run.startedAt;
  const pausing = run.pausedAt === undefined ? 0 : Math.max(0, end - run.pausedAt);
  return { ...run, durationMs, activeMs: Math.max(0, durationMs - run.pausedMs - pausing) };
}
