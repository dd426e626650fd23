export { HookHistory } from "./hook-history.js";
export type {
  Clock,
  HookExecution,
  HookHistoryOptions,
  HookPage,
  HookQuery,
  HookRecord,
  HookStats,
  Outcome,
  RetentionResult,
  StatsQuery,
  TamperReason,
  VerifyResult,
} from "./types.js";
