export type { Clock } from "@mnemo/core";
export {
  AgentStateStore,
  type AgentStateStoreOptions,
  type SaveOptions,
} from "./agent-state-store.js";
export {
  AGENT_STATUSES,
  type AgentLifecycle,
  type AgentStatus,
  type StatusChange,
} from "./lifecycle.js";
export type { Snapshot, SnapshotEncoding, SnapshotInfo } from "./snapshot.js";
