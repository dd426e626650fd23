/**
 * Workflow runs with a state machine that refuses illegal transitions, step records, and
 * listings by status and by workflow. Every change is a compare-and-swap on the expected
 * current record, so of two processes racing to move a run exactly one wins.
 */
import { randomUUID } from "node:crypto";
import {
  type Clock,
  decodeTuple,
  describe,
  jsonRecordCodec,
  optional,
  requireId,
  requireJsonObject,
  requireLimit,
  type StorageBackend,
  StorageError,
  systemClock,
} from "@mnemo/core";
import {
  runKey,
  statusKey,
  statusRange,
  stepKey,
  stepsOf,
  workflowKey,
  workflowRange,
} from "./keys.js";
import {
  optionalJson,
  type RunError,
  type RunRecord,
  type RunView,
  type StepRecord,
  type Transition,
  toRunError,
  viewRun,
  type WorkflowRun,
} from "./records.js";
import { canMove, isTerminal, type RunStatus, requireRunStatus } from "./run-status.js";

export interface WorkflowStateStoreOptions {
  readonly clock?: Clock;
  /** Compare-and-swap attempts for step changes before giving up with `CONFLICT`. Default 1000. */
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
  /** Stored on the run, typically with `failed`: a message or `{ message, code?, details? }`. */
  readonly error?: string | RunError;
  readonly reason?: string;
}

export interface ListRunsOptions {
  readonly status?: RunStatus;
  readonly workflowId?: string;
  /** Default 100, at most 10000. */
  readonly limit?: number;
  /** Newest first. Default oldest first (by creation time). */
  readonly reverse?: boolean;
}

const runCodec = jsonRecordCodec<RunRecord>();
const stepCodec = jsonRecordCodec<StepRecord>();
/** Index entries carry the run revision they were written for: see `README.md`. */
const markCodec = jsonRecordCodec<{ readonly revision: number }>();

const PAGE = 128;

const runExists = (runId: string) =>
  new StorageError("CONFLICT", `run ${describe(runId)} already exists`, { details: { runId } });

export class WorkflowStateStore {
  readonly #store: StorageBackend;
  readonly #clock: Clock;
  readonly #maxAttempts: number;

  constructor(store: StorageBackend, options: WorkflowStateStoreOptions = {}) {
    this.#store = store;
    this.#clock = options.clock ?? systemClock;
    this.#maxAttempts = options.maxAttempts ?? 1000;
  }

  /** Creates a run in `pending`. A run id already taken is `CONFLICT`. */
  async createRun(input: CreateRunInput): Promise<RunView> {
    if (input === null || typeof input !== "object") {
      throw new StorageError("INVALID_ARGUMENT", "createRun takes an object");
    }
    const workflowId = requireId(input.workflowId, "workflowId");
    const runId = input.runId === undefined ? randomUUID() : requireId(input.runId, "runId");
    const data = optionalJson(input.input, "input");
    const metadata = optional(input.metadata, "metadata", requireJsonObject);
    const now = this.#clock.now();
    const run: RunRecord = {
      workflowId,
      runId,
      status: "pending",
      createdAt: now,
      updatedAt: now,
      pausedMs: 0,
      ...(data === undefined ? {} : { input: data }),
      ...(metadata === undefined ? {} : { metadata }),
      transitions: [],
      revision: 1,
    };
    if ((await this.#store.get(runKey(runId))) !== undefined) throw runExists(runId);
    const mark = markCodec.encode({ revision: 1 });
    // Index entries first, verified against the record on read: see "Indexes" in the README.
    await this.#store.write([
      { type: "put", key: workflowKey(workflowId, now, runId), value: mark },
      { type: "put", key: statusKey("pending", now, runId), value: mark },
    ]);
    if (!(await this.#store.compareAndSwap(runKey(runId), undefined, runCodec.encode(run)))) {
      // Lost a race for the id: the entries written above match no record; readers drop them.
      throw runExists(runId);
    }
    return viewRun(run, now);
  }

  /** The run with its steps, or `undefined`. */
  async getRun(runId: string): Promise<WorkflowRun | undefined> {
    requireId(runId, "runId");
    const run = await this.#readRun(runId);
    if (run === undefined) return undefined;
    const steps = await this.listSteps(runId);
    return { ...viewRun(run.record, this.#clock.now()), steps };
  }

  /**
   * Moves the run to `to` if the state machine allows it from the current status: otherwise
   * `CONFLICT` (or `INVALID_ARGUMENT` for an unknown status) and nothing changes. Of several
   * racing moves from the same status, one wins; the others are re-checked against its result.
   */
  async transition(
    runId: string,
    to: RunStatus,
    options: TransitionOptions = {},
  ): Promise<RunView> {
    requireId(runId, "runId");
    const target = requireRunStatus(to);
    const output = optionalJson(options.output, "output");
    const error = options.error === undefined ? undefined : toRunError(options.error);
    if (options.reason !== undefined && typeof options.reason !== "string") {
      throw new StorageError("INVALID_ARGUMENT", "reason must be a string", {
        details: { field: "reason" },
      });
    }
    /** The status entry of an attempt whose swap lost, to remove unless the winner needs it. */
    let lost: { key: string; value: Uint8Array; status: RunStatus } | undefined;
    for (;;) {
      const current = await this.#readRun(runId);
      if (current === undefined) {
        throw new StorageError("NOT_FOUND", `run ${describe(runId)} does not exist`, {
          details: { runId },
        });
      }
      const { record: run, raw } = current;
      if (lost !== undefined && run.status !== lost.status) {
        await this.#store.compareAndSwap(lost.key, lost.value, undefined);
      }
      lost = undefined;
      if (!canMove(run.status, target)) {
        throw new StorageError(
          "CONFLICT",
          `run ${describe(runId)} cannot move from ${run.status} to ${target}${isTerminal(run.status) ? ` (${run.status} is final)` : ""}`,
          { details: { runId, from: run.status, to: target } },
        );
      }
      const next = this.#moved(run, target, { output, error, reason: options.reason });
      const entry = {
        key: statusKey(target, run.createdAt, runId),
        value: markCodec.encode({ revision: next.revision }),
        status: target,
      };
      await this.#store.write([{ type: "put", key: entry.key, value: entry.value }]);
      if (await this.#store.compareAndSwap(runKey(runId), raw, runCodec.encode(next))) {
        // Only if nobody re-entered the old status since (they would have rewritten the
        // entry with a newer revision).
        await this.#store.compareAndSwap(
          statusKey(run.status, run.createdAt, runId),
          markCodec.encode({ revision: run.revision }),
          undefined,
        );
        return viewRun(next, next.updatedAt);
      }
      // Lost a race: read the winner's record and check the move again.
      lost = entry;
    }
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
  fail(runId: string, error: string | RunError): Promise<RunView> {
    return this.transition(runId, "failed", { error });
  }
  cancel(runId: string, reason?: string): Promise<RunView> {
    return this.transition(runId, "cancelled", reason === undefined ? {} : { reason });
  }

  /**
   * Runs by status, or by workflow, or both, in order of creation. Reads an index and checks
   * each entry against its run record, so it never lists a run under a status it has left.
   */
  async listRuns(options: ListRunsOptions = {}): Promise<RunView[]> {
    const status = options.status === undefined ? undefined : requireRunStatus(options.status);
    const workflowId =
      options.workflowId === undefined ? undefined : requireId(options.workflowId, "workflowId");
    if (status === undefined && workflowId === undefined) {
      throw new StorageError("INVALID_ARGUMENT", "listRuns needs a status or a workflowId");
    }
    const limit = requireLimit(options.limit, 100);
    const reverse = options.reverse === true;
    const range = status === undefined ? workflowRange(workflowId!) : statusRange(status);
    const out: RunView[] = [];
    const now = this.#clock.now();
    let page: { key: string; value: Uint8Array; createdAt: number; runId: string }[] = [];
    const flush = async () => {
      const found = await this.#store.getBatch(page.map((entry) => runKey(entry.runId)));
      for (const entry of page) {
        if (out.length >= limit) break;
        const raw = found.get(runKey(entry.runId));
        if (raw === undefined) continue; // a create in flight, or one that crashed
        const run = runCodec.decode(raw, runKey(entry.runId));
        const mark = markCodec.decode(entry.value, entry.key).revision;
        const matches =
          run.createdAt === entry.createdAt &&
          (status === undefined ? run.workflowId === workflowId : run.status === status);
        if (!matches) {
          // Stale for good once the run has reached the revision the entry was written for.
          if (run.revision >= mark || run.createdAt !== entry.createdAt) {
            await this.#store.compareAndSwap(entry.key, entry.value, undefined);
          }
          continue;
        }
        if (workflowId !== undefined && run.workflowId !== workflowId) continue;
        out.push(viewRun(run, now));
      }
      page = [];
    };
    for await (const [key, value] of this.#store.scan({ ...range, reverse })) {
      const tuple = decodeTuple(key);
      page.push({ key, value, createdAt: tuple[2] as number, runId: tuple[3] as string });
      if (page.length >= Math.max(PAGE, limit)) {
        await flush();
        if (out.length >= limit) break;
      }
    }
    if (page.length > 0 && out.length < limit) await flush();
    return out;
  }

  /** Starts a step (again, after a failure: the attempt counts up). The run must be running. */
  async startStep(
    runId: string,
    stepId: string,
    options: { readonly name?: string; readonly input?: unknown } = {},
  ): Promise<StepRecord> {
    requireId(stepId, "stepId");
    const name = options.name === undefined ? undefined : requireId(options.name, "name");
    const input = optionalJson(options.input, "input");
    return this.#changeStep(runId, stepId, (step, now) => {
      if (step !== undefined && step.status !== "failed") {
        throw this.#stepConflict(step, "running");
      }
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
    options: { readonly output?: unknown } = {},
  ): Promise<StepRecord> {
    requireId(stepId, "stepId");
    const output = optionalJson(options.output, "output");
    return this.#endStep(runId, stepId, "completed", output === undefined ? {} : { output });
  }

  async failStep(runId: string, stepId: string, error: string | RunError): Promise<StepRecord> {
    requireId(stepId, "stepId");
    const checked = toRunError(error);
    return this.#endStep(runId, stepId, "failed", { error: checked });
  }

  /** Marks a step that never started as skipped. */
  async skipStep(runId: string, stepId: string, reason?: string): Promise<StepRecord> {
    requireId(stepId, "stepId");
    if (reason !== undefined && typeof reason !== "string") {
      throw new StorageError("INVALID_ARGUMENT", "reason must be a string", {
        details: { field: "reason" },
      });
    }
    return this.#changeStep(runId, stepId, (step, now) => {
      if (step !== undefined) throw this.#stepConflict(step, "skipped");
      return {
        runId,
        stepId,
        status: "skipped",
        attempt: 0,
        endedAt: now,
        ...(reason === undefined ? {} : { reason }),
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

  /** A run's steps in order of start (skipped ones by their end), then id. */
  async listSteps(runId: string): Promise<StepRecord[]> {
    requireId(runId, "runId");
    const steps: StepRecord[] = [];
    for await (const [key, value] of this.#store.scan(stepsOf(runId))) {
      steps.push(stepCodec.decode(value, key));
    }
    const at = (s: StepRecord) => s.startedAt ?? s.endedAt ?? 0;
    return steps.sort(
      (a, b) => at(a) - at(b) || (a.stepId < b.stepId ? -1 : a.stepId > b.stepId ? 1 : 0),
    );
  }

  #moved(
    run: RunRecord,
    to: RunStatus,
    extra: { output: unknown; error: RunError | undefined; reason: string | undefined },
  ): RunRecord {
    // Never before the previous change, so durations stay >= 0 across skewed clocks.
    const now = Math.max(this.#clock.now(), run.updatedAt);
    const transition: Transition = {
      from: run.status,
      to,
      at: now,
      ...(extra.reason === undefined ? {} : { reason: extra.reason }),
    };
    const { pausedAt, ...rest } = run;
    const pausedMs = pausedAt === undefined ? run.pausedMs : run.pausedMs + (now - pausedAt);
    return {
      ...rest,
      status: to,
      updatedAt: now,
      ...(to === "running" && run.startedAt === undefined ? { startedAt: now } : {}),
      ...(isTerminal(to) ? { endedAt: now } : {}),
      ...(to === "paused" ? { pausedAt: now } : {}),
      pausedMs,
      ...(extra.output === undefined ? {} : { output: extra.output }),
      ...(extra.error === undefined ? {} : { error: extra.error }),
      transitions: [...run.transitions, transition],
      revision: run.revision + 1,
    };
  }

  async #endStep(
    runId: string,
    stepId: string,
    status: "completed" | "failed",
    extra: { readonly output?: unknown; readonly error?: RunError },
  ): Promise<StepRecord> {
    return this.#changeStep(runId, stepId, (step, now) => {
      if (step?.status !== "running" || step.startedAt === undefined) {
        throw step === undefined
          ? new StorageError(
              "NOT_FOUND",
              `step ${describe(stepId)} of run ${describe(runId)} was never started`,
              {
                details: { runId, stepId },
              },
            )
          : this.#stepConflict(step, status);
      }
      const endedAt = Math.max(now, step.startedAt);
      const { output: _o, error: _e, ...rest } = step;
      return { ...rest, status, endedAt, durationMs: endedAt - step.startedAt, ...extra };
    });
  }

  /**
   * Read-check-swap of one step record. The run must be running: checked on each attempt,
   * advisory only (a run may leave running between the check and the step's swap).
   */
  async #changeStep(
    runId: string,
    stepId: string,
    change: (step: StepRecord | undefined, now: number) => StepRecord,
  ): Promise<StepRecord> {
    requireId(runId, "runId");
    const key = stepKey(runId, stepId);
    for (let attempt = 0; attempt < this.#maxAttempts; attempt++) {
      const found = await this.#store.getBatch([runKey(runId), key]);
      const runBytes = found.get(runKey(runId));
      if (runBytes === undefined) {
        throw new StorageError("NOT_FOUND", `run ${describe(runId)} does not exist`, {
          details: { runId },
        });
      }
      const run = runCodec.decode(runBytes, runKey(runId));
      if (run.status !== "running") {
        throw new StorageError(
          "CONFLICT",
          `run ${describe(runId)} is ${run.status}: steps change only while it is running`,
          { details: { runId, status: run.status } },
        );
      }
      const raw = found.get(key);
      const step = raw === undefined ? undefined : stepCodec.decode(raw, key);
      const next = change(step, this.#clock.now());
      if (await this.#store.compareAndSwap(key, raw, stepCodec.encode(next))) return next;
    }
    throw new StorageError("CONFLICT", `step ${describe(stepId)} still contended`, {
      details: { runId, stepId },
    });
  }

  #stepConflict(step: StepRecord, to: string): StorageError {
    return new StorageError(
      "CONFLICT",
      `step ${describe(step.stepId)} of run ${describe(step.runId)} cannot move from ${step.status} to ${to}`,
      { details: { runId: step.runId, stepId: step.stepId, from: step.status, to } },
    );
  }

  async #readRun(runId: string): Promise<{ record: RunRecord; raw: Uint8Array } | undefined> {
    const key = runKey(runId);
    const raw = await this.#store.get(key);
    return raw === undefined ? undefined : { record: runCodec.decode(raw, key), raw };
  }
}
