/** Event log: an append-only, time-ordered log with correlation ids, month retention and tails. */
import {
  DEFAULT_LIMIT,
  DEFAULT_TAIL_BUFFER,
  EventLog,
  type LoggedEvent as LoggedEventRecord,
  MAX_BATCH,
  MAX_LIMIT,
  MAX_TAIL_BUFFER,
} from "@mnemo/event-log";
import { Schema } from "effect";
import type { EventStreamResult } from "./define.js";
import { defineComponent, defineOperation } from "./define.js";
import { id, int, json, page, pageFields, timestamp } from "./schemas.js";

/** How often a kernel tail also polls the store, so it sees other processes' appends. */
const DEFAULT_TAIL_POLL_MS = 1000;

const Type = id("The event's type, e.g. tool.called.");
const CorrelationId = id("Ties the events of one request, session or job together.");
const eventFields = {
  type: Type,
  data: json("The event's payload (any JSON)."),
  correlationId: Schema.optionalKey(CorrelationId),
  timestamp: Schema.optionalKey(timestamp("When it happened; default: now.")),
};
const EventInput = Schema.Struct(eventFields);
const LoggedEvent = Schema.Struct({
  ...eventFields,
  seq: int(0, Number.MAX_SAFE_INTEGER, "Unique in the log; orders events of one timestamp."),
  timestamp: timestamp("When it happened."),
});
const filters = {
  type: Schema.optionalKey(Type),
  correlationId: Schema.optionalKey(CorrelationId),
};

const append = defineOperation({
  name: "eventLog.append",
  component: "event_log",
  summary: "Append an event",
  description:
    "Appends one event to the log: a type, any JSON data, an optional correlation id and timestamp (default now). Events are never changed afterwards. Returns the event with its sequence number.",
  scope: "write",
  http: { method: "POST", path: "/event-log/events" },
  input: EventInput,
  output: LoggedEvent,
  handler: (log: EventLog, event) => log.append(event),
});

const appendBatch = defineOperation({
  name: "eventLog.appendBatch",
  component: "event_log",
  summary: "Append up to 1,000 events atomically",
  description:
    "Appends up to 1,000 events (at most 64 MiB encoded) in one atomic write: all or none; one bad event refuses the batch. Returns { items } with the events in the order given, with their sequence numbers.",
  scope: "write",
  http: { method: "POST", path: "/event-log/events/batch" },
  input: Schema.Struct({
    events: Schema.Array(EventInput).check(Schema.isMinLength(1), Schema.isMaxLength(MAX_BATCH)),
  }),
  output: Schema.Struct({ items: Schema.Array(LoggedEvent) }),
  handler: async (log: EventLog, { events }) => ({ items: await log.appendBatch(events) }),
});

const query = defineOperation({
  name: "eventLog.query",
  component: "event_log",
  summary: "Read events by time, type and correlation id",
  description:
    "Pages through events in log order (newest first with reverse) within a [from, to) window, filtered by type and/or correlation id. Use it to replay what happened in a request or a time range.",
  scope: "read",
  http: { method: "GET", path: "/event-log/events" },
  input: Schema.Struct({
    from: Schema.optionalKey(timestamp("Only events at or after this time.")),
    to: Schema.optionalKey(timestamp("Only events before this time.")),
    ...filters,
    reverse: Schema.optionalKey(Schema.Boolean),
    ...pageFields(DEFAULT_LIMIT, MAX_LIMIT),
  }),
  output: page(LoggedEvent),
  handler: (log: EventLog, input) => log.query(input),
});

const deleteMonthsBefore = defineOperation({
  name: "eventLog.deleteMonthsBefore",
  component: "event_log",
  summary: "Retention: drop every month before a time's month",
  description:
    "Deletes every event of each whole UTC month before the month of `before`. An operator's retention call. Returns the months dropped (YYYY-MM) and how many events went.",
  scope: "admin",
  http: { method: "DELETE", path: "/event-log/events" },
  input: Schema.Struct({ before: timestamp("Months before this time's UTC month go.") }),
  output: Schema.Struct({
    months: Schema.Array(Schema.String),
    deletedEvents: int(0, Number.MAX_SAFE_INTEGER, "Events removed."),
  }),
  handler: (log: EventLog, { before }) => log.deleteMonthsBefore(before),
});

/** Each event becomes one SSE message whose `id` is its sequence number. */
async function* asMessages(events: AsyncIterable<LoggedEventRecord>) {
  for await (const event of events) yield { id: String(event.seq), data: event };
}

const tail = defineOperation({
  name: "eventLog.tail",
  component: "event_log",
  summary: "Follow new events as Server-Sent Events",
  description:
    "Streams events appended after the call, optionally of one type or correlation id, as Server-Sent Events (each data one event as JSON, id its seq). Also polls every pollIntervalMs (default 1,000) for other processes' appends. Ends when the client disconnects, or with a TAIL_OVERFLOW error when the reader falls bufferLimit events behind.",
  scope: "read",
  http: { method: "GET", path: "/event-log/tail" },
  response: "sse",
  mcp: false,
  input: Schema.Struct({
    ...filters,
    pollIntervalMs: Schema.optionalKey(int(1, 3_600_000, "Poll the store this often, ms.")),
    pollLagMs: Schema.optionalKey(
      int(1, 86_400_000, "How far back (ms) a poll re-reads for late commits; default 5,000."),
    ),
    bufferLimit: Schema.optionalKey(
      int(
        1,
        MAX_TAIL_BUFFER,
        `Events buffered for a slow reader (default ${DEFAULT_TAIL_BUFFER}).`,
      ),
    ),
  }),
  output: LoggedEvent,
  handler: async (log: EventLog, input, ctx): Promise<EventStreamResult> => ({
    kind: "sse",
    events: asMessages(
      log.tail({ pollIntervalMs: DEFAULT_TAIL_POLL_MS, ...input, signal: ctx.signal }),
    ),
  }),
});

export const eventLog = defineComponent({
  key: "event_log",
  namespace: "event_log",
  create: (store) => new EventLog(store),
  close: async (log) => log.close(),
  operations: [append, appendBatch, query, deleteMonthsBefore, tail],
});
