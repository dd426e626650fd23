export type {
  ArtifactLink,
  CreateSessionInput,
  ExpiryMode,
  Session,
  Snapshot,
} from "./session.js";
export { type Clock, SessionStore, type SessionStoreOptions } from "./session-store.js";
