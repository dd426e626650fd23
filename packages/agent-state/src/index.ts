export type { Clock } from "@mnemo/core";
export {
  AgentStateStore,
  type ListSnapshotsOptions,
  type LoadOptions,
  type PageOptions,
  type SaveOptions,
  type SetStatusOptions,
} from "./agent-state-store.js";
export { type AgentSummary, MAX_REASON_BYTES } from "./agents.js";
export { type AgentStateStoreOptions, MAX_HISTORY } from "./context.js";
export {
  AGENT_STATUSES,
  type AgentLifecycle,
  type AgentStatus,
  type StatusChange,
} from "./lifecycle.js";
export type { Snapshot, SnapshotEncoding, SnapshotInfo } from "./snapshot.js";
export { DEFAULT_PAGE, MAX_METADATA_BYTES, MAX_PAGE, MAX_PAGE_BYTES } from "./snapshots.js";
