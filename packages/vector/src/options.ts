/** The options of `VectorStore`, checked once at construction. */
import {
  type Clock,
  describe,
  invalidArgument,
  requireBoolean,
  requireClock,
  requireDuration,
  requireInteger,
  requireOptions,
  requirePositiveInteger,
} from "@mnemo/core";

export interface VectorStoreOptions {
  /** Write an index snapshot once this many changes are in the log. Default 10 000. */
  readonly snapshotEvery?: number;
  /** ...or once the log holds this fraction of the live count, if larger. Default 0.05. */
  readonly snapshotFraction?: number;
  /** Size of the values a snapshot is cut into, in bytes. Default 4 MiB. */
  readonly snapshotChunkBytes?: number;
  /** Snapshot on `close()` when the log is not empty, so the next open replays nothing. Default true. */
  readonly snapshotOnClose?: boolean;
  /**
   * How long a process may take to write a snapshot before another may (the lease), in ms.
   * Default 600 000 (10 minutes). Clocks of the processes are compared: keep them in sync.
   */
  readonly snapshotLeaseMs?: number;
  /** recall@10 the calibrated default ef aims for. Default 0.95. */
  readonly recallTarget?: number;
  /** Filters matching at most this many vectors use an exact scan of them. Default 1000. */
  readonly filterExactBelow?: number;
  /** Deleted fraction of the index above which `compact()` rebuilds. Default 0.2. */
  readonly compactThreshold?: number;
  /** Calibration work bound, in vector components compared. Default 1e9. */
  readonly calibrationBudget?: number;
  /** Attempts of a write against other writers before `CONFLICT`. Default 100. */
  readonly maxAttempts?: number;
  /** Where time comes from (collection `createdAt`, leases, calibration). Default the system clock. */
  readonly clock?: Clock;
}

export interface CollectionTuning {
  readonly snapshotEvery: number;
  readonly snapshotFraction: number;
  readonly snapshotChunkBytes: number;
  readonly snapshotOnClose: boolean;
  readonly snapshotLeaseMs: number;
  readonly recallTarget: number;
  readonly filterExactBelow: number;
  readonly compactThreshold: number;
  readonly calibrationBudget: number;
  readonly maxAttempts: number;
  readonly clock: Clock;
}

/** A number in (0, max]. */
function fraction(value: unknown, fallback: number, field: string, max = 1): number {
  if (value === undefined) return fallback;
  if (typeof value !== "number" || !(value > 0) || !(value <= max)) {
    throw invalidArgument(field, `must be a number in (0, ${max}], got ${describe(value)}`, value);
  }
  return value;
}

export function readOptions(options: VectorStoreOptions | undefined): CollectionTuning {
  const o = requireOptions(options);
  return {
    snapshotEvery: requirePositiveInteger(o.snapshotEvery, "snapshotEvery", 10_000, 1e9),
    snapshotFraction: fraction(o.snapshotFraction, 0.05, "snapshotFraction"),
    snapshotChunkBytes:
      o.snapshotChunkBytes === undefined
        ? 4 * 1024 * 1024
        : requireInteger(o.snapshotChunkBytes, "snapshotChunkBytes", 256, 8 * 1024 * 1024),
    snapshotOnClose:
      o.snapshotOnClose === undefined ? true : requireBoolean(o.snapshotOnClose, "snapshotOnClose"),
    snapshotLeaseMs:
      o.snapshotLeaseMs === undefined
        ? 600_000
        : requireDuration(o.snapshotLeaseMs, "snapshotLeaseMs", 1),
    recallTarget: fraction(o.recallTarget, 0.95, "recallTarget"),
    filterExactBelow:
      o.filterExactBelow === undefined
        ? 1000
        : requireInteger(o.filterExactBelow, "filterExactBelow", 0, 1_000_000),
    compactThreshold: fraction(o.compactThreshold, 0.2, "compactThreshold"),
    calibrationBudget:
      o.calibrationBudget === undefined
        ? 1e9
        : requireInteger(o.calibrationBudget, "calibrationBudget", 1, Number.MAX_SAFE_INTEGER),
    maxAttempts: requirePositiveInteger(o.maxAttempts, "maxAttempts", 100),
    clock: requireClock(o.clock),
  };
}
