/** The paged listings: runs by status or workflow, a run's transitions, a run's steps. */
import {
  compareKeys,
  decodeCursor,
  decodeTuple,
  encodeCursor,
  invalidArgument,
  type Page,
  page,
  requireBoolean,
  requireId,
  requireLimit,
  requireOptions,
  type StorageBackend,
} from "@mnemo/core";
import {
  runKey,
  statusRange,
  stepKey,
  stepsOf,
  transitionKey,
  transitionsOf,
  workflowRange,
} from "./keys.js";
import {
  type RunView,
  type StepRecord,
  type Transition,
  transitionCodec,
  viewRun,
} from "./records.js";
import { type RunStatus, requireRunStatus } from "./run-status.js";
import { runCodec, stepCodec } from "./steps.js";

export const DEFAULT_PAGE = 100;
export const MAX_PAGE = 1000;
/** Index entries one `listRuns` page reads, as a multiple of its limit (it filters by both). */
export const SCAN_FACTOR = 4;

export interface PageOptions {
  /** Default 100, at most 1,000. */
  readonly limit?: number;
  /** The `nextCursor` of the previous page (same filters). */
  readonly cursor?: string;
}

export interface ListRunsOptions extends PageOptions {
  readonly status?: RunStatus;
  readonly workflowId?: string;
  /** Newest first. Default false: oldest first (by creation time). */
  readonly reverse?: boolean;
}

const isCount = (value: unknown): value is number =>
  typeof value === "number" && Number.isSafeInteger(value) && value > 0;

/**
 * One page of the records under a run (its transitions or its steps), in key order: `keyOf`
 * turns a cursor's position into the key to continue after, `positionOf` a record into the
 * position its page's cursor names.
 */
async function listUnderRun<T, P extends string | number>(
  store: StorageBackend,
  runId: string,
  options: PageOptions | undefined,
  listing: {
    readonly tag: string;
    readonly source: string;
    readonly range: { readonly gte: string; readonly lt?: string };
    readonly isPosition: (value: unknown) => value is P;
    readonly keyOf: (position: P) => string;
    readonly positionOf: (record: T) => P;
    readonly decode: (bytes: Uint8Array, key: string) => T;
  },
): Promise<Page<T>> {
  const opts = requireOptions(options);
  const limit = requireLimit(opts.limit, DEFAULT_PAGE, MAX_PAGE);
  const after =
    opts.cursor === undefined
      ? undefined
      : decodeCursor(opts.cursor, listing.source, (parts) =>
          parts.length === 3 &&
          parts[0] === listing.tag &&
          parts[1] === runId &&
          listing.isPosition(parts[2])
            ? parts[2]
            : undefined,
        );
  const { range } = listing;
  const lower = after === undefined ? { gte: range.gte } : { gt: listing.keyOf(after) };
  const items: T[] = [];
  for await (const [key, bytes] of store.scan({
    ...lower,
    ...(range.lt && { lt: range.lt }),
    limit: limit + 1,
  })) {
    items.push(listing.decode(bytes, key));
  }
  const shown = items.slice(0, limit);
  const more = items.length > limit;
  return page(
    shown,
    more ? encodeCursor([listing.tag, runId, listing.positionOf(shown.at(-1)!)]) : undefined,
  );
}

const isStepId = (value: unknown): value is string => typeof value === "string";

export async function listTransitions(
  store: StorageBackend,
  runId: string,
  options: PageOptions | undefined,
): Promise<Page<Transition>> {
  requireId(runId, "runId");
  return listUnderRun(store, runId, options, {
    tag: "transitions",
    source: "transition listing",
    range: transitionsOf(runId),
    isPosition: isCount,
    keyOf: (n) => transitionKey(runId, n),
    positionOf: (transition) => transition.n,
    decode: (bytes, key) => transitionCodec.decode(bytes, key),
  });
}

export async function listSteps(
  store: StorageBackend,
  runId: string,
  options: PageOptions | undefined,
): Promise<Page<StepRecord>> {
  requireId(runId, "runId");
  return listUnderRun(store, runId, options, {
    tag: "steps",
    source: "step listing",
    range: stepsOf(runId),
    isPosition: isStepId,
    keyOf: (stepId) => stepKey(runId, stepId),
    positionOf: (step) => step.stepId,
    decode: (bytes, key) => stepCodec.decode(bytes, key),
  });
}

export async function listRuns(
  store: StorageBackend,
  options: ListRunsOptions | undefined,
  now: number,
): Promise<Page<RunView>> {
  const opts = requireOptions(options);
  const status = opts.status === undefined ? undefined : requireRunStatus(opts.status);
  const workflowId =
    opts.workflowId === undefined ? undefined : requireId(opts.workflowId, "workflowId");
  if (status === undefined && workflowId === undefined) {
    throw invalidArgument("status", "or workflowId is required: listRuns lists by one or both");
  }
  const limit = requireLimit(opts.limit, DEFAULT_PAGE, MAX_PAGE);
  const reverse = opts.reverse === undefined ? false : requireBoolean(opts.reverse, "reverse");
  const range = status === undefined ? workflowRange(workflowId!) : statusRange(status);
  const tag = ["runs", status ?? "", workflowId ?? "", reverse ? 1 : 0] as const;
  let bound: string | undefined;
  if (opts.cursor !== undefined) {
    bound = decodeCursor(opts.cursor, "run listing", (parts) =>
      parts.length === 5 && tag.every((t, i) => parts[i] === t) && typeof parts[4] === "string"
        ? parts[4]
        : undefined,
    );
    // A cursor is forgeable: never let it move the scan outside the listing's range.
    if (
      compareKeys(bound, range.gte) < 0 ||
      (range.lt !== undefined && compareKeys(bound, range.lt) >= 0)
    ) {
      throw invalidArgument("cursor", "is not one this run listing returned");
    }
  }
  const lower = bound !== undefined && !reverse ? { gt: bound } : { gte: range.gte };
  const upper =
    bound !== undefined && reverse ? { lt: bound } : range.lt === undefined ? {} : { lt: range.lt };
  const budget = limit * SCAN_FACTOR;
  const entries: { key: string; runId: string; createdAt: number }[] = [];
  for await (const [key] of store.scan({ ...lower, ...upper, reverse, limit: budget })) {
    const tuple = decodeTuple(key);
    entries.push({ key, createdAt: tuple[2] as number, runId: tuple[3] as string });
  }
  const found = await store.getBatch(entries.map((e) => runKey(e.runId)));
  const items: RunView[] = [];
  let last: string | undefined;
  for (const entry of entries) {
    last = entry.key;
    const bytes = found.get(runKey(entry.runId));
    if (bytes === undefined) continue; // defensive: no commit leaves an entry without its run
    const run = runCodec.decode(bytes, runKey(entry.runId));
    if (run.createdAt !== entry.createdAt) continue;
    if (status !== undefined && run.status !== status) continue;
    if (workflowId !== undefined && run.workflowId !== workflowId) continue;
    items.push(viewRun(run, now));
    if (items.length === limit) break;
  }
  const more = last !== undefined && (last !== entries.at(-1)?.key || entries.length === budget);
  return page(items, more ? encodeCursor([...tag, last!]) : undefined);
}
