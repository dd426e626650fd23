/** What `record` accepts, and the keys one record owns. */
import { randomUUID } from "node:crypto";
import {
  assertJson,
  describe,
  invalidArgument,
  jsonRecordCodec,
  MAX_JSON_DEPTH,
  type Mutation,
  optional,
  requireId,
  requireNonNegative,
  requireObject,
  requireTimestamp,
  utf8Length,
} from "@mnemo/core";
import { recordCodec } from "./chain.js";
import { indexKey, recordKey } from "./keys.js";
import type { HookRecord, Outcome } from "./types.js";

export interface HookIndexValue {
  readonly d: number;
  readonly e: boolean;
}

export interface TimeIndexValue extends HookIndexValue {
  readonly h: string;
}

export const hookIndexCodec = jsonRecordCodec<HookIndexValue>();
export const timeIndexCodec = jsonRecordCodec<TimeIndexValue>();
const EMPTY = new Uint8Array(0);

/** Longest `error` message kept, in UTF-8 bytes. */
export const MAX_ERROR_BYTES = 64 * 1024;

export type Content = Omit<HookRecord, "seq" | "prevHash" | "hash">;

export function checkOutcome(value: unknown, field: string): Outcome {
  if (value !== "success" && value !== "error") {
    throw invalidArgument(field, `must be "success" or "error", got ${describe(value)}`);
  }
  return value;
}

/**
 * A JSON copy of a payload, so what is hashed is exactly what a reader decodes. One level
 * less than core's limit: the payload sits one level down in the record, which is hashed
 * whole.
 */
function payload(value: unknown, field: string): unknown {
  assertJson(value, field, MAX_JSON_DEPTH - 1);
  return JSON.parse(JSON.stringify(value));
}

/** The execution checked and copied; `recordedAt` from the history's clock. */
export function checkExecution(input: unknown, recordedAt: number): Content {
  const execution = requireObject(input, "execution");
  const hookId = requireId(execution.hookId, "hookId");
  const hookType = requireId(execution.hookType, "hookType");
  if (execution.input === undefined) throw invalidArgument("input", "is required");
  const recordInput = payload(execution.input, "input");
  const output = execution.output === undefined ? undefined : payload(execution.output, "output");
  const error = execution.error;
  if (error !== undefined) {
    if (typeof error !== "string" || error.length === 0) {
      throw invalidArgument("error", `must be a non-empty string, got ${describe(error)}`);
    }
    if (utf8Length(error, MAX_ERROR_BYTES) > MAX_ERROR_BYTES) {
      throw invalidArgument("error", `is longer than ${MAX_ERROR_BYTES} UTF-8 bytes`);
    }
  }
  const startedAt = requireTimestamp(execution.startedAt, "startedAt");
  // Measured durations may be fractional; they must be finite and not negative.
  const durationMs = requireNonNegative(execution.durationMs, "durationMs");
  const correlationId = optional(execution.correlationId, "correlationId", requireId);
  return {
    id: randomUUID(),
    hookId,
    hookType,
    input: recordInput,
    ...(output === undefined ? {} : { output }),
    ...(error === undefined ? {} : { error }),
    startedAt,
    durationMs,
    ...(correlationId === undefined ? {} : { correlationId }),
    recordedAt,
  };
}

const outcomeOf = (record: HookRecord): Outcome =>
  record.error !== undefined ? "error" : "success";

/** The record's key and its three index keys, in the order `recordMutations` writes them. */
export function recordKeys(record: HookRecord): [string, string, string, string] {
  const position = { startedAt: record.startedAt, seq: record.seq };
  return [
    recordKey(record.seq),
    indexKey({ kind: "hook", hookId: record.hookId }, position),
    indexKey({ kind: "time" }, position),
    indexKey({ kind: "outcome", outcome: outcomeOf(record) }, position),
  ];
}

/** The record and its three index entries: written in one commit, deleted in one commit. */
export function recordMutations(record: HookRecord): Mutation[] {
  const [rec, hook, time, outcome] = recordKeys(record);
  const d = record.durationMs;
  const e = record.error !== undefined;
  return [
    { type: "put", key: rec, value: recordCodec.encode(record) },
    { type: "put", key: hook, value: hookIndexCodec.encode({ d, e }) },
    { type: "put", key: time, value: timeIndexCodec.encode({ h: record.hookId, d, e }) },
    { type: "put", key: outcome, value: EMPTY },
  ];
}
