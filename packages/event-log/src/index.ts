export { MAX_BATCH_BYTES } from "./event-input.js";
export { DEFAULT_TAIL_BUFFER, EventLog, MAX_BATCH, MAX_TAIL_BUFFER } from "./event-log.js";
export { monthOf } from "./month.js";
export { DEFAULT_LIMIT, MAX_LIMIT, MAX_SCANNED_PER_PAGE } from "./read.js";
export type {
  Clock,
  EventInput,
  EventLogOptions,
  EventPage,
  EventQuery,
  LoggedEvent,
  RetentionResult,
  TailOptions,
} from "./types.js";
