export type { Clock, Page } from "@mnemo/core";
export type { RunError, RunRecord, RunView, StepRecord, Transition } from "./records.js";
export { MAX_REASON_LENGTH } from "./records.js";
export { RUN_STATUSES, type RunStatus, STEP_STATUSES, type StepStatus } from "./run-status.js";
export {
  type CreateRunInput,
  type ListRunsOptions,
  type PageOptions,
  type TransitionOptions,
  WorkflowStateStore,
  type WorkflowStateStoreOptions,
} from "./workflow-state-store.js";
