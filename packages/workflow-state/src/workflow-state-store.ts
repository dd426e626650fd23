/**
 * Workflow runs with a state machine that refuses illegal transitions, step records, and
 * listings by status and by workflow. A run, its index entries and its transition change in
 * one checked commit guarded by the run record's version, so of two processes racing to move
 * a run exactly one wins and the indexes never name a run under a status it does not have.
 */
import { randomUUID } from "node:crypto";
import {
  type Clock,
  clockNow,
  describe,
  invalidArgument,
  type Page,
  requireId,
  requireJsonObject,
  requireObject,
  requireOptions,
  requirePositiveInteger,
  type StorageBackend,
  StorageError,
  systemClock,
  transact,
} from "@mnemo/core";
import { INDEX_VALUE, runKey, statusKey, stepKey, transitionKey, workflowKey } from "./keys.js";
import {
  type ListRunsOptions,
  listRuns,
  listSteps,
  listTransitions,
  type PageOptions,
} from "./listings.js";
import {
  MAX_REASON_LENGTH,
  optionalJson,
  type RunError,
  type RunRecord,
  type RunView,
  type StepRecord,
  type Transition,
  toRunError,
  transitionCodec,
  viewRun,
} from "./records.js";
import { moved } from "./run-changes.js";
import { canMove, isTerminal, type RunStatus, requireRunStatus } from "./run-status.js";
import { changeStep, notFound, runCodec, stepCodec, stepRefused } from "./steps.js";

export interface WorkflowStateStoreOptions {
  /** Default `systemClock`. */
  readonly clock?: Clock;
  /** Attempts of a change that lost a checked commit before `CONFLICT`. Default 100. */
  readonly maxAttempts?: number;
}

export interface CreateRunInput {
  readonly workflowId: string;
  /** Default: a random UUID. Unique within the store. */
  readonly runId?: string;
  readonly input?: unknown;
  readonly metadata?: Readonly<Record<string, unknown>>;
}

export interface TransitionOptions {
  /** Stored on the run, typically with `completed`. */
  readonly output?: unknown;
  /** Stored on the run; required with `failed`: a message or `{ message, code?, details? }`. */
  readonly error?: string | RunError;
  readonly reason?: string;
}

/** Attempts of a change that lost a checked commit, by default. */
const DEFAULT_MAX_ATTEMPTS = 100;

export type { ListRunsOptions, PageOptions };

export class WorkflowStateStore {
  readonly #store: StorageBackend;
  readonly #clock: Clock;
  readonly #maxAttempts: number;

  constructor(store: StorageBackend, options?: WorkflowStateStoreOptions) {
    const opts = requireOptions(options);
    this.#store = store;
    if (
      opts.clock !== undefined &&
      (opts.clock === null ||
        typeof opts.clock !== "object" ||
        typeof opts.clock.now !== "function")
    ) {
      throw invalidArgument("clock", "must be an object with a now() method");
    }
    this.#clock = opts.clock ?? systemClock;
    this.#maxAttempts = requirePositiveInteger(
      opts.maxAttempts,
      "maxAttempts",
      DEFAULT_MAX_ATTEMPTS,
      10_000,
    );
  }

  /**
   * Creates a run in `pending`: the record and both index entries in one checked commit that
   * requires the run id to be free. A run id already taken is `FAILED_PRECONDITION`.
   */
  async createRun(input: CreateRunInput): Promise<RunView> {
    const raw = requireObject(input, "input") as Partial<CreateRunInput>;
    const workflowId = requireId(raw.workflowId, "workflowId");
    const runId = raw.runId === undefined ? randomUUID() : requireId(raw.runId, "runId");
    const data = optionalJson(raw.input, "input");
    const metadata = optional(raw.metadata, "metadata", requireJsonObject);
    const now = this.#now();
    const run: RunRecord = {
      workflowId,
      runId,
      status: "pending",
      createdAt: now,
      updatedAt: now,
      pausedMs: 0,
      ...(data === undefined ? {} : { input: data }),
      ...(metadata === undefined ? {} : { metadata }),
      transitions: 0,
    };
    const result = await this.#store
      .atomic()
      .check(runKey(runId), null)
      .put(runKey(runId), runCodec.encode(run))
      .put(workflowKey(workflowId, now, runId), INDEX_VALUE)
      .put(statusKey("pending", now, runId), INDEX_VALUE)
      .commit();
    if (!result.ok) {
      throw new StorageError("FAILED_PRECONDITION", `run ${describe(runId)} already exists`, {
        details: { runId },
      });
    }
    return viewRun(run, now);
  }

  /** The run (without its steps: `listSteps`), or `undefined`. */
  async getRun(runId: string): Promise<RunView | undefined> {
    requireId(runId, "runId");
    const key = runKey(runId);
    const bytes = await this.#store.get(key);
    return bytes === undefined ? undefined : viewRun(runCodec.decode(bytes, key), this.#now());
  }

  /**
   * Moves the run to `to` if the state machine allows it from the current status: otherwise
   * `FAILED_PRECONDITION` (or `INVALID_ARGUMENT` for an unknown status) and nothing changes.
   * Moving to `failed` needs an `error`. Of several racing moves from the same status, one
   * wins; the others are re-checked against its result.
   */
  async transition(runId: string, to: RunStatus, options?: TransitionOptions): Promise<RunView> {
    requireId(runId, "runId");
    const target = requireRunStatus(to);
    const opts = requireOptions(options);
    const output = optionalJson(opts.output, "output");
    const error = opts.error === undefined ? undefined : toRunError(opts.error);
    if (target === "failed" && error === undefined) {
      throw invalidArgument(
        "error",
        "is required to fail a run: a message or { message, code?, details? }",
      );
    }
    const reason = opts.reason === undefined ? undefined : checkReason(opts.reason);
    const key = runKey(runId);
    const { result } = await transact(
      this.#store,
      async (tx) => {
        const entry = await tx.getEntry(key);
        if (entry === undefined) throw notFound(runId);
        const run = runCodec.decode(entry.value, key);
        if (!canMove(run.status, target)) {
          throw new StorageError(
            "FAILED_PRECONDITION",
            `run ${describe(runId)} cannot move from ${run.status} to ${target}${isTerminal(run.status) ? ` (${run.status} is final)` : ""}`,
            { details: { runId, from: run.status, to: target } },
          );
        }
        const { next, transition } = moved(run, target, { output, error, reason }, this.#now());
        tx.put(key, runCodec.encode(next));
        tx.delete(statusKey(run.status, run.createdAt, runId));
        tx.put(statusKey(target, run.createdAt, runId), INDEX_VALUE);
        tx.put(transitionKey(runId, transition.n), transitionCodec.encode(transition));
        return next;
      },
      { maxAttempts: this.#maxAttempts },
    );
    return viewRun(result, result.updatedAt);
  }

  start(runId: string): Promise<RunView> {
    return this.transition(runId, "running");
  }
  pause(runId: string, reason?: string): Promise<RunView> {
    return this.transition(runId, "paused", reason === undefined ? {} : { reason });
  }
  resume(runId: string): Promise<RunView> {
    return this.transition(runId, "running");
  }
  complete(runId: string, output?: unknown): Promise<RunView> {
    return this.transition(runId, "completed", output === undefined ? {} : { output });
  }
  /** `error` is required: a run never fails without saying why. */
  fail(runId: string, error: string | RunError): Promise<RunView> {
    if (error === undefined) {
      throw invalidArgument(
        "error",
        "is required to fail a run: a message or { message, code?, details? }",
      );
    }
    return this.transition(runId, "failed", { error });
  }
  cancel(runId: string, reason?: string): Promise<RunView> {
    return this.transition(runId, "cancelled", reason === undefined ? {} : { reason });
  }

  /** A run's transitions, oldest first, a page at a time. */
  listTransitions(runId: string, options?: PageOptions): Promise<Page<Transition>> {
    return listTransitions(this.#store, runId, options);
  }

  /**
   * Runs by status, or by workflow, or both, in order of creation (newest first with
   * `reverse`), a page at a time. Reads an index and checks each entry against its run
   * record, so it never lists a run under a status it has left.
   */
  listRuns(options?: ListRunsOptions): Promise<Page<RunView>> {
    return listRuns(this.#store, options, this.#now());
  }

  /** A run's steps in step id order, a page at a time. */
  listSteps(runId: string, options?: PageOptions): Promise<Page<StepRecord>> {
    return listSteps(this.#store, runId, options);
  }

  /** Starts a step (again, after a failure: the attempt counts up). The run must be running. */
  async startStep(
    runId: string,
    stepId: string,
    options?: { readonly name?: string; readonly input?: unknown },
  ): Promise<StepRecord> {
    requireId(runId, "runId");
    requireId(stepId, "stepId");
    const opts = requireOptions(options);
    const name = opts.name === undefined ? undefined : requireId(opts.name, "name");
    const input = optionalJson(opts.input, "input");
    return this.#changeStep(runId, stepId, (step, now) => {
      if (step !== undefined && step.status !== "failed") throw stepRefused(step, "running");
      return {
        runId,
        stepId,
        ...(name === undefined ? (step?.name === undefined ? {} : { name: step.name }) : { name }),
        status: "running",
        attempt: (step?.attempt ?? 0) + 1,
        startedAt: now,
        ...(input === undefined ? {} : { input }),
      };
    });
  }

  async completeStep(
    runId: string,
    stepId: string,
    options?: { readonly output?: unknown },
  ): Promise<StepRecord> {
    requireId(runId, "runId");
    requireId(stepId, "stepId");
    const output = optionalJson(requireOptions(options).output, "output");
    return this.#endStep(runId, stepId, "completed", output === undefined ? {} : { output });
  }

  async failStep(runId: string, stepId: string, error: string | RunError): Promise<StepRecord> {
    requireId(runId, "runId");
    requireId(stepId, "stepId");
    return this.#endStep(runId, stepId, "failed", { error: toRunError(error) });
  }

  /** Marks a step that never started as skipped. */
  async skipStep(runId: string, stepId: string, reason?: string): Promise<StepRecord> {
    requireId(runId, "runId");
    requireId(stepId, "stepId");
    const checked = reason === undefined ? undefined : checkReason(reason);
    return this.#changeStep(runId, stepId, (step, now) => {
      if (step !== undefined) throw stepRefused(step, "skipped");
      return {
        runId,
        stepId,
        status: "skipped",
        attempt: 0,
        endedAt: now,
        ...(checked === undefined ? {} : { reason: checked }),
      };
    });
  }

  async getStep(runId: string, stepId: string): Promise<StepRecord | undefined> {
    requireId(runId, "runId");
    requireId(stepId, "stepId");
    const key = stepKey(runId, stepId);
    const raw = await this.#store.get(key);
    return raw === undefined ? undefined : stepCodec.decode(raw, key);
  }

  #now(): number {
    return clockNow(this.#clock);
  }

  #endStep(
    runId: string,
    stepId: string,
    status: "completed" | "failed",
    extra: { readonly output?: unknown; readonly error?: RunError },
  ): Promise<StepRecord> {
    return this.#changeStep(runId, stepId, (step, now) => {
      if (step === undefined) {
        throw new StorageError(
          "NOT_FOUND",
          `step ${describe(stepId)} of run ${describe(runId)} was never started`,
          { details: { runId, stepId } },
        );
      }
      if (step.status !== "running" || step.startedAt === undefined)
        throw stepRefused(step, status);
      const endedAt = Math.max(now, step.startedAt);
      const { output: _o, error: _e, ...rest } = step;
      return { ...rest, status, endedAt, durationMs: endedAt - step.startedAt, ...extra };
    });
  }

  #changeStep(
    runId: string,
    stepId: string,
    change: (step: StepRecord | undefined, now: number) => StepRecord,
  ): Promise<StepRecord> {
    return changeStep(this.#store, this.#maxAttempts, runId, stepId, () => this.#now(), change);
  }
}

function checkReason(value: unknown): string {
  if (typeof value !== "string")
    throw invalidArgument("reason", `must be a string, got ${describe(value)}`);
  if (value.length > MAX_REASON_LENGTH) {
    throw invalidArgument("reason", `is longer than ${MAX_REASON_LENGTH} characters`);
  }
  return value;
}

function optional<T>(
  value: unknown,
  field: string,
  check: (v: unknown, f: string) => T,
): T | undefined {
  return value === undefined ? undefined : check(value, field);
}
