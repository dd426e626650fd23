/** The workflow-state keyspace (see the README's table). Every key is a core tuple. */
import { key, tupleRange } from "@mnemo/core";
import type { RunStatus } from "./run-status.js";

export const runKey = (runId: string) => key("run", runId);
export const stepKey = (runId: string, stepId: string) => key("step", runId, stepId);
export const stepsOf = (runId: string) => tupleRange(["step", runId]);

/** One transition of a run, by its number (1 for the first). */
export const transitionKey = (runId: string, n: number) => key("transition", runId, n);
export const transitionsOf = (runId: string) => tupleRange(["transition", runId]);

export const workflowKey = (workflowId: string, createdAt: number, runId: string) =>
  key("by-workflow", workflowId, createdAt, runId);
export const workflowRange = (workflowId: string) => tupleRange(["by-workflow", workflowId]);

export const statusKey = (status: RunStatus, createdAt: number, runId: string) =>
  key("by-status", status, createdAt, runId);
export const statusRange = (status: RunStatus) => tupleRange(["by-status", status]);

/** Index entries hold no data; one byte keeps the "values carry a version" rule. */
export const INDEX_VALUE = Uint8Array.of(1);
