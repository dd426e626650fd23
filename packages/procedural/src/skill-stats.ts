/**
 * Execution statistics of one skill, kept as counters that every execution adds to with the
 * backend's atomic `sum` (no read), plus the latest success and failure.
 */
import {
  decodeCounter,
  invalidArgument,
  jsonRecordCodec,
  optional,
  requireBoolean,
  requireNonNegative,
  requireObject,
  requireString,
  utf8Length,
} from "@mnemo/core";
import type { StatField } from "./keys.js";
import { wilsonLowerBound } from "./wilson.js";

export interface Execution {
  readonly success: boolean;
  /** Milliseconds, fractions allowed (kept to the microsecond), at most `MAX_EXECUTION_MS`. */
  readonly durationMs: number;
  readonly error?: string;
}

/** Longest execution counted: one day. Keeps the duration counter far from 64-bit overflow. */
export const MAX_EXECUTION_MS = 86_400_000;
/** Longest `error` text kept, in UTF-8 bytes. */
export const MAX_ERROR_BYTES = 16 * 1024;

export interface SkillStats {
  readonly successCount: number;
  readonly failureCount: number;
  /** successCount + failureCount. */
  readonly usageCount: number;
  /** Sum of every execution's duration (to the microsecond). */
  readonly totalDurationMs: number;
  readonly meanDurationMs: number;
  /** Epoch ms of the latest execution (success or failure); absent before the first. */
  readonly lastUsedAt?: number;
  readonly lastSuccessAt?: number;
  readonly lastFailureAt?: number;
  /** The error of the latest failure that gave one. */
  readonly lastError?: string;
  readonly successRate: number;
  /** Lower bound of the Wilson score interval of the success rate (z = 1.96). */
  readonly wilsonScore: number;
}

/** The latest success or failure: written blind by each execution (the last commit wins). */
export interface LastExecution {
  readonly at: number;
  readonly error?: string;
}

export const lastCodec = jsonRecordCodec<LastExecution>();

export function validateExecution(execution: unknown): Execution {
  const raw = requireObject(execution, "execution");
  const success = requireBoolean(raw.success, "success");
  const durationMs = requireNonNegative(raw.durationMs, "durationMs");
  if (durationMs > MAX_EXECUTION_MS) {
    throw invalidArgument(
      "durationMs",
      `must be at most ${MAX_EXECUTION_MS} (one day), got ${durationMs}`,
      durationMs,
    );
  }
  const error = optional(raw.error, "error", requireString);
  if (error !== undefined && utf8Length(error, MAX_ERROR_BYTES) > MAX_ERROR_BYTES) {
    throw invalidArgument("error", `is longer than ${MAX_ERROR_BYTES} UTF-8 bytes`);
  }
  return { success, durationMs, ...(error === undefined ? {} : { error }) };
}

/** The duration as whole microseconds, the unit of the duration counter. */
export const durationMicros = (durationMs: number) => Math.round(durationMs * 1000);

/** Folds the stored stat entries of one skill (missing ones count as zero) into its view. */
export function viewStats(entries: ReadonlyMap<StatField, Uint8Array>, key: string): SkillStats {
  const count = (field: StatField) => {
    const bytes = entries.get(field);
    return bytes === undefined ? 0 : Number(decodeCounter(bytes, `${key}/${field}`));
  };
  const last = (field: StatField) => {
    const bytes = entries.get(field);
    return bytes === undefined ? undefined : lastCodec.decode(bytes, `${key}/${field}`);
  };
  const successCount = count("ok");
  const failureCount = count("fail");
  const usageCount = successCount + failureCount;
  const totalDurationMs = count("us") / 1000;
  const ok = last("last-ok");
  const fail = last("last-fail");
  const lastUsedAt =
    ok === undefined ? fail?.at : fail === undefined ? ok.at : Math.max(ok.at, fail.at);
  return {
    successCount,
    failureCount,
    usageCount,
    totalDurationMs,
    meanDurationMs: usageCount === 0 ? 0 : totalDurationMs / usageCount,
    ...(lastUsedAt === undefined ? {} : { lastUsedAt }),
    ...(ok === undefined ? {} : { lastSuccessAt: ok.at }),
    ...(fail === undefined ? {} : { lastFailureAt: fail.at }),
    ...(fail?.error === undefined ? {} : { lastError: fail.error }),
    successRate: usageCount === 0 ? 0 : successCount / usageCount,
    wilsonScore: wilsonLowerBound(successCount, usageCount),
  };
}
