/** Workflow state: runs through a state machine that refuses illegal moves, and their steps. */
import {
  MAX_REASON_LENGTH,
  RUN_STATUSES,
  STEP_STATUSES,
  WorkflowStateStore,
} from "@mnemo/workflow-state";
import { Schema } from "effect";
import { defineComponent, defineOperation } from "./define.js";
import { found, id, int, json, jsonObject, page, pageFields, text, timestamp } from "./schemas.js";

/** Longest error message and code the kernel accepts (the component sets no bound). */
const MAX_ERROR_MESSAGE = 64 * 1024;

const RunId = id("The run's id.");
const StepId = id("The step's id, unique within its run.");
const RunStatus = Schema.Literals(RUN_STATUSES).annotate({
  description:
    "pending → running | cancelled; running → paused | completed | failed | cancelled; paused → running | cancelled; completed, failed, cancelled are final.",
});
const StepStatus = Schema.Literals(STEP_STATUSES);
const Reason = text(MAX_REASON_LENGTH, "Why, kept with the change (at most 4,096 characters).");
const Millis = int(0, Number.MAX_SAFE_INTEGER, "Milliseconds.");
const RunError = Schema.Struct({
  message: text(MAX_ERROR_MESSAGE, "What went wrong."),
  code: Schema.optionalKey(text(256, "A machine-readable error code.")),
  details: Schema.optionalKey(jsonObject("Free JSON about the error.")),
});
const ErrorInput = Schema.Union([
  text(MAX_ERROR_MESSAGE, "What went wrong, as a message."),
  RunError,
]).annotate({ description: "What went wrong: a message, or { message, code?, details? }." });

const RunView = Schema.Struct({
  workflowId: id("The workflow this run belongs to."),
  runId: RunId,
  status: RunStatus,
  createdAt: timestamp("When the run was created."),
  updatedAt: timestamp("When the run last changed."),
  startedAt: Schema.optionalKey(timestamp("When it first ran.")),
  endedAt: Schema.optionalKey(timestamp("When it reached a final status.")),
  pausedAt: Schema.optionalKey(timestamp("When the current pause began.")),
  pausedMs: Millis,
  input: Schema.optionalKey(json("The run's input.")),
  output: Schema.optionalKey(json("The run's output.")),
  error: Schema.optionalKey(RunError),
  metadata: Schema.optionalKey(jsonObject("Free JSON about the run.")),
  transitions: int(0, Number.MAX_SAFE_INTEGER, "How many transitions so far."),
  durationMs: Schema.optionalKey(Millis),
  activeMs: Schema.optionalKey(Millis),
});
const Transition = Schema.Struct({
  n: int(1, Number.MAX_SAFE_INTEGER, "1 for the run's first transition."),
  from: RunStatus,
  to: RunStatus,
  at: timestamp("When."),
  reason: Schema.optionalKey(Schema.String),
});
const StepRecord = Schema.Struct({
  runId: RunId,
  stepId: StepId,
  name: Schema.optionalKey(Schema.String),
  status: StepStatus,
  attempt: int(
    0,
    Number.MAX_SAFE_INTEGER,
    "1 for the first start, counting up on restarts; 0 if skipped.",
  ),
  startedAt: Schema.optionalKey(timestamp("When the last attempt started.")),
  endedAt: Schema.optionalKey(timestamp("When it ended.")),
  durationMs: Schema.optionalKey(Millis),
  input: Schema.optionalKey(json("The step's input.")),
  output: Schema.optionalKey(json("The step's output.")),
  error: Schema.optionalKey(RunError),
  reason: Schema.optionalKey(Schema.String),
});

const REFUSED =
  "An illegal move for the run's current status is refused with FAILED_PRECONDITION; an unknown run is NOT_FOUND.";
const runPath = "/workflow-state/runs/{runId}";
const stepPath = `${runPath}/steps/{stepId}`;

const createRun = defineOperation({
  name: "workflowState.createRun",
  component: "workflow_state",
  summary: "Create a workflow run",
  description:
    "Records a new run of a workflow, status pending, with optional input and metadata. Give runId to choose it (a taken id is FAILED_PRECONDITION); otherwise a UUID is made. Returns the run.",
  scope: "write",
  http: { method: "POST", path: "/workflow-state/runs" },
  input: Schema.Struct({
    workflowId: id("The workflow this run belongs to."),
    runId: Schema.optionalKey(RunId),
    input: Schema.optionalKey(json("The run's input.")),
    metadata: Schema.optionalKey(jsonObject("Free JSON about the run.")),
  }),
  output: RunView,
  handler: (runs: WorkflowStateStore, input) => runs.createRun(input),
});

const getRun = defineOperation({
  name: "workflowState.getRun",
  component: "workflow_state",
  summary: "Get a workflow run",
  description:
    "Reads a run: its status, times, input, output, error and durations (durationMs from first start, activeMs without pauses). NOT_FOUND when there is no such run.",
  scope: "read",
  http: { method: "GET", path: runPath },
  input: Schema.Struct({ runId: RunId }),
  output: RunView,
  handler: async (runs: WorkflowStateStore, { runId }) =>
    found(await runs.getRun(runId), "run", runId),
});

const transition = defineOperation({
  name: "workflowState.transition",
  component: "workflow_state",
  summary: "Move a run to a status",
  description: `Moves a run to \`to\`, storing output or error with it (an error is required to move to failed). ${REFUSED} Returns the run.`,
  scope: "write",
  http: { method: "POST", path: `${runPath}/transition` },
  input: Schema.Struct({
    runId: RunId,
    to: RunStatus,
    output: Schema.optionalKey(json("Stored on the run, typically with completed.")),
    error: Schema.optionalKey(ErrorInput),
    reason: Schema.optionalKey(Reason),
  }),
  output: RunView,
  handler: (runs: WorkflowStateStore, { runId, to, ...options }) =>
    runs.transition(runId, to, options),
});

/** The one-status shortcuts: start and resume take the run only, pause and cancel a reason. */
function shortcut(verb: string, what: string) {
  const sentence = `${what[0]!.toUpperCase()}${what.slice(1)}`;
  return {
    name: `workflowState.${verb}`,
    component: "workflow_state",
    summary: sentence.replace(/ \(.*/, ""),
    description: `${sentence}. ${REFUSED} Returns the run.`,
    scope: "write",
    http: { method: "POST", path: `${runPath}/${verb}` },
    output: RunView,
  } as const;
}

const start = defineOperation({
  ...shortcut("start", "start a pending run (pending → running)"),
  input: Schema.Struct({ runId: RunId }),
  handler: (runs: WorkflowStateStore, { runId }) => runs.start(runId),
});
const resume = defineOperation({
  ...shortcut("resume", "resume a paused run (paused → running)"),
  input: Schema.Struct({ runId: RunId }),
  handler: (runs: WorkflowStateStore, { runId }) => runs.resume(runId),
});
const pause = defineOperation({
  ...shortcut("pause", "pause a running run (running → paused)"),
  input: Schema.Struct({ runId: RunId, reason: Schema.optionalKey(Reason) }),
  handler: (runs: WorkflowStateStore, { runId, reason }) => runs.pause(runId, reason),
});
const cancel = defineOperation({
  ...shortcut("cancel", "cancel a run that has not ended (→ cancelled, final)"),
  input: Schema.Struct({ runId: RunId, reason: Schema.optionalKey(Reason) }),
  handler: (runs: WorkflowStateStore, { runId, reason }) => runs.cancel(runId, reason),
});

const complete = defineOperation({
  name: "workflowState.complete",
  component: "workflow_state",
  summary: "Complete a running run",
  description: `Moves a running run to completed (final), storing its output. ${REFUSED} Returns the run.`,
  scope: "write",
  http: { method: "POST", path: `${runPath}/complete` },
  input: Schema.Struct({ runId: RunId, output: Schema.optionalKey(json("The run's output.")) }),
  output: RunView,
  handler: (runs: WorkflowStateStore, { runId, output }) => runs.complete(runId, output),
});

const fail = defineOperation({
  name: "workflowState.fail",
  component: "workflow_state",
  summary: "Fail a running run",
  description: `Moves a running run to failed (final), storing what went wrong. ${REFUSED} Returns the run.`,
  scope: "write",
  http: { method: "POST", path: `${runPath}/fail` },
  input: Schema.Struct({ runId: RunId, error: ErrorInput }),
  output: RunView,
  handler: (runs: WorkflowStateStore, { runId, error }) => runs.fail(runId, error),
});

const listRuns = defineOperation({
  name: "workflowState.listRuns",
  component: "workflow_state",
  summary: "List runs by workflow and/or status",
  description:
    "Pages through runs by creation time (newest first with reverse), filtered by workflowId, status or both; at least one of them is required. Use it to find runs waiting, failed or done.",
  scope: "read",
  http: { method: "GET", path: "/workflow-state/runs" },
  input: Schema.Struct({
    workflowId: Schema.optionalKey(id("Only runs of this workflow.")),
    status: Schema.optionalKey(RunStatus),
    reverse: Schema.optionalKey(Schema.Boolean),
    ...pageFields(),
  }),
  output: page(RunView),
  handler: (runs: WorkflowStateStore, options) => runs.listRuns(options),
});

const listTransitions = defineOperation({
  name: "workflowState.listTransitions",
  component: "workflow_state",
  summary: "List a run's transitions",
  description:
    "Pages through a run's status changes, oldest first: from, to, when and why. The run's audit trail.",
  scope: "read",
  http: { method: "GET", path: `${runPath}/transitions` },
  input: Schema.Struct({ runId: RunId, ...pageFields() }),
  output: page(Transition),
  handler: (runs: WorkflowStateStore, { runId, ...options }) =>
    runs.listTransitions(runId, options),
});

const startStep = defineOperation({
  name: "workflowState.startStep",
  component: "workflow_state",
  summary: "Start (or restart) a step of a running run",
  description:
    "Marks a step of a running run as running, with an optional name and input; a failed step may be started again (attempt counts up). FAILED_PRECONDITION when the run is not running or the step is already running or done. Returns the step.",
  scope: "write",
  http: { method: "POST", path: `${stepPath}/start` },
  input: Schema.Struct({
    runId: RunId,
    stepId: StepId,
    name: Schema.optionalKey(id("A human name for the step.")),
    input: Schema.optionalKey(json("The step's input.")),
  }),
  output: StepRecord,
  handler: (runs: WorkflowStateStore, { runId, stepId, ...options }) =>
    runs.startStep(runId, stepId, options),
});

const completeStep = defineOperation({
  name: "workflowState.completeStep",
  component: "workflow_state",
  summary: "Complete a running step",
  description:
    "Marks a running step completed with its output; its durationMs is from its last start. NOT_FOUND for a step never started. Returns the step.",
  scope: "write",
  http: { method: "POST", path: `${stepPath}/complete` },
  input: Schema.Struct({
    runId: RunId,
    stepId: StepId,
    output: Schema.optionalKey(json("The step's output.")),
  }),
  output: StepRecord,
  handler: (runs: WorkflowStateStore, { runId, stepId, ...options }) =>
    runs.completeStep(runId, stepId, options),
});

const failStep = defineOperation({
  name: "workflowState.failStep",
  component: "workflow_state",
  summary: "Fail a running step",
  description:
    "Marks a running step failed with what went wrong; it may be started again later. NOT_FOUND for a step never started. Returns the step.",
  scope: "write",
  http: { method: "POST", path: `${stepPath}/fail` },
  input: Schema.Struct({ runId: RunId, stepId: StepId, error: ErrorInput }),
  output: StepRecord,
  handler: (runs: WorkflowStateStore, { runId, stepId, error }) =>
    runs.failStep(runId, stepId, error),
});

const skipStep = defineOperation({
  name: "workflowState.skipStep",
  component: "workflow_state",
  summary: "Skip a step that never started",
  description:
    "Marks a step of a running run as skipped, with an optional reason; only for a step that never started. Returns the step.",
  scope: "write",
  http: { method: "POST", path: `${stepPath}/skip` },
  input: Schema.Struct({ runId: RunId, stepId: StepId, reason: Schema.optionalKey(Reason) }),
  output: StepRecord,
  handler: (runs: WorkflowStateStore, { runId, stepId, reason }) =>
    runs.skipStep(runId, stepId, reason),
});

const getStep = defineOperation({
  name: "workflowState.getStep",
  component: "workflow_state",
  summary: "Get a step of a run",
  description:
    "Reads one step of a run: status, attempt, times, input, output, error. NOT_FOUND when the step was never recorded.",
  scope: "read",
  http: { method: "GET", path: stepPath },
  input: Schema.Struct({ runId: RunId, stepId: StepId }),
  output: StepRecord,
  handler: async (runs: WorkflowStateStore, { runId, stepId }) =>
    found(await runs.getStep(runId, stepId), "step", stepId),
});

const listSteps = defineOperation({
  name: "workflowState.listSteps",
  component: "workflow_state",
  summary: "List a run's steps",
  description: "Pages through a run's steps in step id order, with their status and durations.",
  scope: "read",
  http: { method: "GET", path: `${runPath}/steps` },
  input: Schema.Struct({ runId: RunId, ...pageFields() }),
  output: page(StepRecord),
  handler: (runs: WorkflowStateStore, { runId, ...options }) => runs.listSteps(runId, options),
});

export const workflowState = defineComponent({
  key: "workflow_state",
  namespace: "workflow_state",
  create: (store) => new WorkflowStateStore(store),
  operations: [
    createRun,
    getRun,
    transition,
    start,
    resume,
    pause,
    cancel,
    complete,
    fail,
    listRuns,
    listTransitions,
    startStep,
    completeStep,
    failStep,
    skipStep,
    getStep,
    listSteps,
  ],
});
