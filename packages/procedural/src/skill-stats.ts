/** Execution statistics of one skill, folded one execution at a time. */
import { wilsonLowerBound } from "./wilson.js";

export interface SkillStats {
  readonly successCount: number;
  readonly failureCount: number;
  readonly usageCount: number;
  /** Epoch ms of the latest recorded execution; never moves backwards. */
  readonly lastUsedAt: number;
  readonly lastSuccessAt?: number;
  readonly lastFailureAt?: number;
  readonly lastError?: string;
  /** Running (Welford) mean of `durationMs` over every execution. */
  readonly meanDurationMs: number;
  /** Welford's sum of squared deviations; variance = m2 / (usageCount - 1). */
  readonly m2DurationMs: number;
  /** Exponentially weighted mean (alpha 0.2): follows recent executions. */
  readonly ewmaDurationMs: number;
  readonly minDurationMs: number;
  readonly maxDurationMs: number;
}

export interface Execution {
  readonly success: boolean;
  readonly durationMs: number;
  readonly error?: string;
}

export const EWMA_ALPHA = 0.2;

export function foldExecution(
  stats: SkillStats | undefined,
  execution: Execution,
  at: number,
): SkillStats {
  const d = execution.durationMs;
  if (stats === undefined) {
    return {
      successCount: execution.success ? 1 : 0,
      failureCount: execution.success ? 0 : 1,
      usageCount: 1,
      lastUsedAt: at,
      ...(execution.success ? { lastSuccessAt: at } : { lastFailureAt: at }),
      ...(execution.error === undefined ? {} : { lastError: execution.error }),
      meanDurationMs: d,
      m2DurationMs: 0,
      ewmaDurationMs: d,
      minDurationMs: d,
      maxDurationMs: d,
    };
  }
  const n = stats.usageCount + 1;
  const delta = d - stats.meanDurationMs;
  const mean = stats.meanDurationMs + delta / n;
  // Clocks of different processes disagree: keep lastUsedAt monotonic so index keys built
  // from it are never reused once superseded.
  const lastUsedAt = Math.max(stats.lastUsedAt, at);
  const { lastError: _previousError, ...rest } = stats;
  return {
    ...rest,
    successCount: stats.successCount + (execution.success ? 1 : 0),
    failureCount: stats.failureCount + (execution.success ? 0 : 1),
    usageCount: n,
    lastUsedAt,
    ...(execution.success ? { lastSuccessAt: lastUsedAt } : { lastFailureAt: lastUsedAt }),
    ...(execution.error !== undefined
      ? { lastError: execution.error }
      : stats.lastError !== undefined
        ? { lastError: stats.lastError }
        : {}),
    meanDurationMs: mean,
    m2DurationMs: stats.m2DurationMs + delta * (d - mean),
    ewmaDurationMs: stats.ewmaDurationMs + EWMA_ALPHA * (d - stats.ewmaDurationMs),
    minDurationMs: Math.min(stats.minDurationMs, d),
    maxDurationMs: Math.max(stats.maxDurationMs, d),
  };
}

/** What callers see: the stored stats plus derived figures. */
export interface SkillStatsView extends SkillStats {
  readonly successRate: number;
  readonly wilsonScore: number;
  readonly durationStdDevMs: number;
}

export function viewStats(stats: SkillStats): SkillStatsView {
  const n = stats.usageCount;
  return {
    ...stats,
    successRate: n === 0 ? 0 : stats.successCount / n,
    wilsonScore: wilsonLowerBound(stats.successCount, n),
    durationStdDevMs: n > 1 ? Math.sqrt(stats.m2DurationMs / (n - 1)) : 0,
  };
}
