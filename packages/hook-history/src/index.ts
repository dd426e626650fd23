export { MAX_ERROR_BYTES } from "./execution.js";
export { HookHistory } from "./hook-history.js";
export {
  DEFAULT_LIMIT,
  DEFAULT_STATS_LIMIT,
  MAX_LIMIT,
  MAX_SCANNED_PER_PAGE,
  MAX_STATS_LIMIT,
} from "./query.js";
export type {
  Clock,
  HookExecution,
  HookHistoryOptions,
  HookPage,
  HookQuery,
  HookRecord,
  HookStats,
  HookStatsPage,
  Outcome,
  RetentionResult,
  StatsQuery,
  TamperReason,
  VerifyResult,
} from "./types.js";
