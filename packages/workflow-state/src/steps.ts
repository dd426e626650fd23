/**
 * Step records. A step changes in one checked commit guarded by the versions of the step
 * record and of its run, so "the run must be running" holds at the commit, not only when it
 * was read: a run that leaves `running` meanwhile makes the change retry and be refused.
 */
import {
  describe,
  jsonRecordCodec,
  type Page,
  type StorageBackend,
  StorageError,
  transact,
} from "@mnemo/core";
import { runKey, stepKey } from "./keys.js";
import type { RunRecord, StepRecord } from "./records.js";

export const runCodec = jsonRecordCodec<RunRecord>(2);
export const stepCodec = jsonRecordCodec<StepRecord>();

export type { Page };

export function notFound(runId: string): StorageError {
  return new StorageError("NOT_FOUND", `run ${describe(runId)} does not exist`, {
    details: { runId },
  });
}

export function stepRefused(step: StepRecord, to: string): StorageError {
  return new StorageError(
    "FAILED_PRECONDITION",
    `step ${describe(step.stepId)} of run ${describe(step.runId)} cannot move from ${step.status} to ${to}`,
    { details: { runId: step.runId, stepId: step.stepId, from: step.status, to } },
  );
}

export async function changeStep(
  store: StorageBackend,
  maxAttempts: number,
  runId: string,
  stepId: string,
  now: () => number,
  change: (step: StepRecord | undefined, now: number) => StepRecord,
): Promise<StepRecord> {
  const rKey = runKey(runId);
  const sKey = stepKey(runId, stepId);
  const { result } = await transact(
    store,
    async (tx) => {
      const runEntry = await tx.getEntry(rKey);
      if (runEntry === undefined) throw notFound(runId);
      const run = runCodec.decode(runEntry.value, rKey);
      if (run.status !== "running") {
        throw new StorageError(
          "FAILED_PRECONDITION",
          `run ${describe(runId)} is ${run.status}: steps change only while it is running`,
          { details: { runId, status: run.status } },
        );
      }
      const stepEntry = await tx.getEntry(sKey);
      const step = stepEntry === undefined ? undefined : stepCodec.decode(stepEntry.value, sKey);
      const next = change(step, now());
      tx.put(sKey, stepCodec.encode(next));
      return next;
    },
    { maxAttempts },
  );
  return result;
}
