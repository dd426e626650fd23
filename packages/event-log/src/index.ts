export { EventLog, MAX_BATCH } from "./event-log.js";
export { monthOf } from "./month.js";
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
