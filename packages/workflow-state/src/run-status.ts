/**
 * The run state machine: pending → running → completed | failed | cancelled, running ⇄
 * paused, and pending or paused → cancelled. Completed, failed and cancelled are final.
 */
import { describe, StorageError } from "@mnemo/core";

export const RUN_STATUSES = [
  "pending",
  "running",
  "paused",
  "completed",
  "failed",
  "cancelled",
] as const;
export type RunStatus = (typeof RUN_STATUSES)[number];

const NEXT: Readonly<Record<RunStatus, readonly RunStatus[]>> = {
  pending: ["running", "cancelled"],
  running: ["paused", "completed", "failed", "cancelled"],
  paused: ["running", "cancelled"],
  completed: [],
  failed: [],
  cancelled: [],
};

export const isTerminal = (status: RunStatus) => NEXT[status].length === 0;

export const canMove = (from: RunStatus, to: RunStatus) => NEXT[from].includes(to);

export function requireRunStatus(value: unknown, field = "status"): RunStatus {
  if (typeof value !== "string" || !(RUN_STATUSES as readonly string[]).includes(value)) {
    throw new StorageError(
      "INVALID_ARGUMENT",
      `${field} ${describe(value)} is not one of ${RUN_STATUSES.join(", ")}`,
      { details: { field, value } },
    );
  }
  return value as RunStatus;
}

export const STEP_STATUSES = ["running", "completed", "failed", "skipped"] as const;
export type StepStatus = (typeof STEP_STATUSES)[number];
