/** The workflow-state keyspace (see the README's table). Every key is a core tuple. */
import { key, tupleRange } from "@mnemo/core";
import type { RunStatus } from "./run-status.js";

export const runKey = (runId: string) => key("run", runId);
export const stepKey = (runId: string, stepId: string) => key("step", runId, stepId);
export const stepsOf = (runId: string) => tupleRange(["step", runId]);

export const workflowKey = (workflowId: string, createdAt: number, runId: string) =>
  key("by-workflow", workflowId, createdAt, runId);
export const workflowRange = (workflowId: string) => tupleRange(["by-workflow", workflowId]);

export const statusKey = (status: RunStatus, createdAt: number, runId: string) =>
  key("by-status", status, createdAt, runId);
export const statusRange = (status: RunStatus) => tupleRange(["by-status", status]);
