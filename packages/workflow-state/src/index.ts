export type { Clock } from "@mnemo/core";
export type {
  RunError,
  RunRecord,
  RunView,
  StepRecord,
  Transition,
  WorkflowRun,
} from "./records.js";
export { RUN_STATUSES, type RunStatus, STEP_STATUSES, type StepStatus } from "./run-status.js";
export {
  type CreateRunInput,
  type ListRunsOptions,
  type TransitionOptions,
  WorkflowStateStore,
  type WorkflowStateStoreOptions,
} from "./workflow-state-store.js";
