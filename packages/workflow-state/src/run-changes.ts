/** A run's next record after a move, as a pure function. */
import type { RunError, RunRecord, Transition } from "./records.js";
import { isTerminal, type RunStatus } from "./run-status.js";

export interface MoveExtra {
  readonly output: unknown;
  readonly error: RunError | undefined;
  readonly reason: string | undefined;
}

export function moved(
  run: RunRecord,
  to: RunStatus,
  extra: MoveExtra,
  clockNow: number,
): { next: RunRecord; transition: Transition } {
  // Never before the previous change, so durations stay >= 0 across skewed clocks.
  const now = Math.max(clockNow, run.updatedAt);
  const transition: Transition = {
    n: run.transitions + 1,
    from: run.status,
    to,
    at: now,
    ...(extra.reason === undefined ? {} : { reason: extra.reason }),
  };
  const { pausedAt, ...rest } = run;
  const pausedMs = pausedAt === undefined ? run.pausedMs : run.pausedMs + (now - pausedAt);
  const next: RunRecord = {
    ...rest,
    status: to,
    updatedAt: now,
    ...(to === "running" && run.startedAt === undefined ? { startedAt: now } : {}),
    ...(isTerminal(to) ? { endedAt: now } : {}),
    ...(to === "paused" ? { pausedAt: now } : {}),
    pausedMs,
    ...(extra.output === undefined ? {} : { output: extra.output }),
    ...(extra.error === undefined ? {} : { error: extra.error }),
    transitions: transition.n,
  };
  return { next, transition };
}
