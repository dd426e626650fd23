export type { Clock, Page } from "@mnemo/core";
export { DEFAULT_LIST_LIMIT, MAX_LIST_LIMIT } from "./owned.js";
export type {
  ArtifactLink,
  CreateSessionInput,
  ExpiryMode,
  LabelOptions,
  ListOptions,
  Session,
  Snapshot,
} from "./session.js";
export { MAX_DATA_DEPTH, MAX_LABEL_BYTES } from "./session.js";
export { SessionStore, type SessionStoreOptions } from "./session-store.js";
