export type { Clock } from "@mnemo/core";
export type {
  ArtifactLink,
  CreateSessionInput,
  ExpiryMode,
  Session,
  Snapshot,
} from "./session.js";
export { SessionStore, type SessionStoreOptions } from "./session-store.js";
