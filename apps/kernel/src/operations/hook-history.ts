/** Hook history: hook executions in a tamper-evident hash chain, with per-hook statistics. */

import { MAX_JSON_DEPTH } from "@mnemo/core";
import {
  DEFAULT_LIMIT,
  DEFAULT_STATS_LIMIT,
  HookHistory,
  MAX_ERROR_BYTES,
  MAX_LIMIT,
  MAX_STATS_LIMIT,
} from "@mnemo/hook-history";
import { Schema } from "effect";
import { defineComponent, defineOperation } from "./define.js";
import {
  finite,
  id,
  int,
  json,
  NoInput,
  nonNegative,
  page,
  pageFields,
  text,
  timestamp,
} from "./schemas.js";

const HookId = id("The hook's id, e.g. redact-secrets.");
const Outcome = Schema.Literals(["success", "error"]).annotate({
  description: "success: no error was recorded; error: one was.",
});
/** The record around `input`/`output` is one level, so they may nest one level less. */
const Payload = (what: string) => json(what, MAX_JSON_DEPTH - 1);
const Count = int(0, Number.MAX_SAFE_INTEGER, "A count.");
const Hash = Schema.String.annotate({ description: "blake3 hex." });
const Millis = nonNegative("Milliseconds.");

const executionFields = {
  hookId: HookId,
  hookType: id("The kind of hook, e.g. pre-tool or post-response."),
  input: Payload("What the hook was given (any JSON)."),
  output: Schema.optionalKey(Payload("What the hook returned (any JSON).")),
  error: Schema.optionalKey(
    text(MAX_ERROR_BYTES, "The failure message; its presence makes the outcome error."),
  ),
  startedAt: timestamp("When the hook started."),
  durationMs: nonNegative("How long it ran, ms (fractions allowed)."),
  correlationId: Schema.optionalKey(id("Ties executions of one request or turn together.")),
};
const HookRecord = Schema.Struct({
  ...executionFields,
  seq: int(1, Number.MAX_SAFE_INTEGER, "Position in the hash chain, from 1."),
  id: Schema.String.annotate({ description: "The record's id." }),
  recordedAt: timestamp("When the record joined the chain."),
  prevHash: Hash,
  hash: Hash,
});
const HookStats = Schema.Struct({
  hookId: HookId,
  count: Count,
  errors: Count,
  errorRate: finite(0, 1, "errors / count."),
  p50Ms: Millis,
  p95Ms: Millis,
  p99Ms: Millis,
});
const window = {
  hookId: Schema.optionalKey(HookId),
  from: Schema.optionalKey(timestamp("Only executions started at or after this time.")),
  to: Schema.optionalKey(timestamp("Only executions started before this time.")),
};

const record = defineOperation({
  name: "hookHistory.record",
  component: "hook_history",
  summary: "Record one hook execution",
  description:
    "Appends what a hook did to the history: its id and type, input, output or error, start time and duration, and an optional correlation id. Each record is chained to the previous one by hash, so later tampering shows in verify. Returns the stored record with seq, id and hash.",
  scope: "write",
  http: { method: "POST", path: "/hook-history/executions" },
  input: Schema.Struct(executionFields),
  output: HookRecord,
  handler: (history: HookHistory, execution) => history.record(execution),
});

const query = defineOperation({
  name: "hookHistory.query",
  component: "hook_history",
  summary: "Find hook executions",
  description:
    "Pages through recorded executions ordered by start time (newest first with reverse), filtered by hook, outcome (success or error) and a [from, to) window. Use it to see what a hook did, or which runs failed.",
  scope: "read",
  http: { method: "GET", path: "/hook-history/executions" },
  input: Schema.Struct({
    ...window,
    outcome: Schema.optionalKey(Outcome),
    reverse: Schema.optionalKey(Schema.Boolean),
    ...pageFields(DEFAULT_LIMIT, MAX_LIMIT),
  }),
  output: page(HookRecord),
  handler: (history: HookHistory, input) => history.query(input),
});

const stats = defineOperation({
  name: "hookHistory.stats",
  component: "hook_history",
  summary: "Per-hook counts, error rates and latency percentiles",
  description:
    "Summarises executions per hook within a [from, to) window: count, errors, error rate and exact p50/p95/p99 durations, one item per hook in id order (at most 100 hooks a page). Use it to find slow or failing hooks.",
  scope: "read",
  http: { method: "GET", path: "/hook-history/stats" },
  input: Schema.Struct({ ...window, ...pageFields(DEFAULT_STATS_LIMIT, MAX_STATS_LIMIT) }),
  output: page(HookStats),
  handler: (history: HookHistory, input) => history.stats(input),
});

const verify = defineOperation({
  name: "hookHistory.verify",
  component: "hook_history",
  summary: "Check the hash chain for tampering",
  description:
    "Walks the whole hash chain and reports whether every record is as written: { ok: true, checked, headSeq, headHash } or { ok: false, firstBadSeq, reason: changed | removed | reordered | unlinked, message }. Costs one read of every record kept.",
  scope: "read",
  http: { method: "GET", path: "/hook-history/verify" },
  input: NoInput,
  output: Schema.Union([
    Schema.Struct({ ok: Schema.Literal(true), checked: Count, headSeq: Count, headHash: Hash }),
    Schema.Struct({
      ok: Schema.Literal(false),
      checked: Count,
      firstBadSeq: Count,
      id: Schema.optionalKey(Schema.String),
      reason: Schema.Literals(["changed", "removed", "reordered", "unlinked"]),
      message: Schema.String,
    }),
  ]),
  handler: (history: HookHistory) => history.verify(),
});

const deleteBefore = defineOperation({
  name: "hookHistory.deleteBefore",
  component: "hook_history",
  summary: "Retention: delete executions recorded before a time",
  description:
    "Deletes every execution recorded before `before` (on recordedAt), oldest first, leaving an anchor so the rest of the chain still verifies. An operator's retention call. Returns how many were deleted and the new anchor.",
  scope: "admin",
  http: { method: "DELETE", path: "/hook-history/executions" },
  input: Schema.Struct({ before: timestamp("Delete what was recorded before this time.") }),
  output: Schema.Struct({ deletedRecords: Count, anchorSeq: Count, anchorHash: Hash }),
  handler: (history: HookHistory, { before }) => history.deleteBefore(before),
});

export const hookHistory = defineComponent({
  key: "hook_history",
  namespace: "hook_history",
  create: (store) => new HookHistory(store),
  operations: [record, query, stats, verify, deleteBefore],
});
