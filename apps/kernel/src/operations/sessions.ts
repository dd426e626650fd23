/**
 * Every public operation of `SessionStore` (@mnemo/sessions), defined once: the HTTP routes,
 * the OpenAPI entries and the MCP tools are generated from this list.
 */
import { StorageError } from "@mnemo/core";
import { MAX_DATA_DEPTH, type Session, SessionStore } from "@mnemo/sessions";
import { Schema } from "effect";
import { defineComponent, defineOperation } from "./define.js";
import { anyText, Blake3Hash, Deleted, Id, json, page, pageFields, Timestamp } from "./schemas.js";

const Label = anyText(1024, "A label for it (at most 1,024 characters).");
/** The session record around `data` is one level, so it may nest one level less. */
const JsonValue = json("Any JSON value.", MAX_DATA_DEPTH);

const SessionOut = Schema.Struct({
  id: Schema.String,
  data: JsonValue,
  expiry: Schema.Literals(["fixed", "sliding"]),
  ttlMs: Schema.Number,
  createdAt: Schema.Number,
  updatedAt: Schema.Number,
  expiresAt: Schema.Number,
}).annotate({ identifier: "Session" });

const SnapshotOut = Schema.Struct({
  id: Schema.String,
  sessionId: Schema.String,
  createdAt: Schema.Number,
  label: Schema.optionalKey(Schema.String),
  data: JsonValue,
}).annotate({ identifier: "SessionSnapshot" });

const ArtifactLinkOut = Schema.Struct({
  hash: Schema.String,
  linkedAt: Schema.Number,
  label: Schema.optionalKey(Schema.String),
}).annotate({ identifier: "SessionArtifactLink" });

const ById = Schema.Struct({ id: Id });
const ListInput = Schema.Struct({
  ...pageFields(),
});
const ListBySession = Schema.Struct({
  sessionId: Id,
  ...pageFields(),
});

/** A read the convention answers with `undefined` becomes NOT_FOUND at the edge. */
function found<T>(value: T | undefined, what: string): T {
  if (value === undefined) {
    throw new StorageError("NOT_FOUND", `${what} does not exist or has expired`);
  }
  return value;
}

const create = defineOperation({
  name: "sessions.create",
  component: "sessions",
  summary: "Create a session with a TTL",
  description:
    "Creates a session holding JSON `data` that expires `ttlMs` after creation (`fixed`) or after its last touch or update (`sliding`). Returns the session; an id that is live already is refused (FAILED_PRECONDITION).",
  scope: "write",
  http: { method: "POST", path: "/sessions" },
  input: Schema.Struct({
    id: Schema.optionalKey(Id),
    data: Schema.optionalKey(JsonValue),
    ttlMs: Schema.Int.check(Schema.isGreaterThanOrEqualTo(1)),
    expiry: Schema.optionalKey(Schema.Literals(["fixed", "sliding"])),
  }),
  output: SessionOut,
  handler: (s: SessionStore, input) => s.create(input),
});

const get = defineOperation({
  name: "sessions.get",
  component: "sessions",
  summary: "Read a session",
  description:
    "Reads a live session by id: its data, expiry mode, TTL and times. An absent or expired session is NOT_FOUND. Does not extend a sliding session.",
  scope: "read",
  http: { method: "GET", path: "/sessions/{id}" },
  input: ById,
  output: SessionOut,
  handler: async (s: SessionStore, input): Promise<Session> =>
    found(await s.get(input.id), `session ${JSON.stringify(input.id)}`),
});

const list = defineOperation({
  name: "sessions.list",
  component: "sessions",
  summary: "List live sessions",
  description:
    "Lists live sessions by id, one page at a time: pass `nextCursor` back as `cursor` for the next page (`limit` default 100, at most 1,000).",
  scope: "read",
  http: { method: "GET", path: "/sessions" },
  input: ListInput,
  output: page(SessionOut),
  handler: (s: SessionStore, input) => s.listSessions(input),
});

const touch = defineOperation({
  name: "sessions.touch",
  component: "sessions",
  summary: "Extend a sliding session",
  description:
    "Marks a session as used now: a sliding session then expires `ttlMs` from now. Returns the session; an absent or expired one is NOT_FOUND.",
  scope: "write",
  http: { method: "POST", path: "/sessions/{id}/touch" },
  input: ById,
  output: SessionOut,
  handler: (s: SessionStore, input) => s.touch(input.id),
});

const update = defineOperation({
  name: "sessions.update",
  component: "sessions",
  summary: "Replace a session's data",
  description:
    "Replaces the JSON data of a live session (a sliding session is extended). Returns the session; an absent or expired one is NOT_FOUND.",
  scope: "write",
  http: { method: "PUT", path: "/sessions/{id}/data" },
  input: Schema.Struct({ id: Id, data: JsonValue }),
  output: SessionOut,
  handler: (s: SessionStore, input) => s.update(input.id, input.data),
});

const end = defineOperation({
  name: "sessions.end",
  component: "sessions",
  summary: "End a session",
  description:
    "Removes a live session with its snapshots and artifact links. Returns `{ deleted }`: whether a live session was removed.",
  scope: "write",
  http: { method: "DELETE", path: "/sessions/{id}" },
  input: ById,
  output: Deleted,
  handler: async (s: SessionStore, input) => ({ deleted: await s.end(input.id) }),
});

const sweepExpired = defineOperation({
  name: "sessions.sweepExpired",
  component: "sessions",
  summary: "Remove expired sessions",
  description:
    "Removes sessions that have expired by the kernel's clock (or by `now`, which may only be earlier), with their snapshots and links. Returns `{ removed }`: how many this call removed.",
  scope: "write",
  http: { method: "POST", path: "/sessions/sweep" },
  input: Schema.Struct({ now: Schema.optionalKey(Timestamp) }),
  output: Schema.Struct({ removed: Schema.Number }),
  handler: async (s: SessionStore, input) => ({ removed: await s.sweepExpired(input.now) }),
});

const saveSnapshot = defineOperation({
  name: "sessions.saveSnapshot",
  component: "sessions",
  summary: "Snapshot a session's data",
  description:
    "Saves a copy of a live session's current data, with an optional label. Returns the snapshot; its id restores it later.",
  scope: "write",
  http: { method: "POST", path: "/sessions/{sessionId}/snapshots" },
  input: Schema.Struct({ sessionId: Id, label: Schema.optionalKey(Label) }),
  output: SnapshotOut,
  handler: (s: SessionStore, { sessionId, ...options }) => s.saveSnapshot(sessionId, options),
});

const listSnapshots = defineOperation({
  name: "sessions.listSnapshots",
  component: "sessions",
  summary: "List a session's snapshots",
  description: "Lists the snapshots of a session, oldest first, one page at a time.",
  scope: "read",
  http: { method: "GET", path: "/sessions/{sessionId}/snapshots" },
  input: ListBySession,
  output: page(SnapshotOut),
  handler: (s: SessionStore, { sessionId, ...options }) => s.listSnapshots(sessionId, options),
});

const restoreSnapshot = defineOperation({
  name: "sessions.restoreSnapshot",
  component: "sessions",
  summary: "Restore a snapshot",
  description:
    "Replaces a live session's data with a snapshot's data. Returns the session; an absent session or snapshot is NOT_FOUND.",
  scope: "write",
  http: { method: "POST", path: "/sessions/{sessionId}/snapshots/{snapshotId}/restore" },
  input: Schema.Struct({ sessionId: Id, snapshotId: Id }),
  output: SessionOut,
  handler: (s: SessionStore, input) => s.restoreSnapshot(input.sessionId, input.snapshotId),
});

const linkArtifact = defineOperation({
  name: "sessions.linkArtifact",
  component: "sessions",
  summary: "Link an artifact to a session",
  description:
    "Links an artifact, named by its blake3 hash (64 lowercase hex), to a live session, with an optional label. Returns the link.",
  scope: "write",
  http: { method: "PUT", path: "/sessions/{sessionId}/artifacts/{hash}" },
  input: Schema.Struct({ sessionId: Id, hash: Blake3Hash, label: Schema.optionalKey(Label) }),
  output: ArtifactLinkOut,
  handler: (s: SessionStore, { sessionId, hash, ...options }) =>
    s.linkArtifact(sessionId, hash, options),
});

const unlinkArtifact = defineOperation({
  name: "sessions.unlinkArtifact",
  component: "sessions",
  summary: "Unlink an artifact from a session",
  description: "Removes an artifact link. Returns `{ deleted }`: whether a link was removed.",
  scope: "write",
  http: { method: "DELETE", path: "/sessions/{sessionId}/artifacts/{hash}" },
  input: Schema.Struct({ sessionId: Id, hash: Blake3Hash }),
  output: Deleted,
  handler: async (s: SessionStore, input) => ({
    deleted: await s.unlinkArtifact(input.sessionId, input.hash),
  }),
});

const listArtifacts = defineOperation({
  name: "sessions.listArtifacts",
  component: "sessions",
  summary: "List a session's artifact links",
  description: "Lists the artifact links of a session by hash, one page at a time.",
  scope: "read",
  http: { method: "GET", path: "/sessions/{sessionId}/artifacts" },
  input: ListBySession,
  output: page(ArtifactLinkOut),
  handler: (s: SessionStore, { sessionId, ...options }) => s.listArtifacts(sessionId, options),
});

export const sessions = defineComponent({
  key: "sessions",
  namespace: "sessions",
  create: (store) => new SessionStore(store),
  operations: [
    create,
    get,
    list,
    touch,
    update,
    end,
    sweepExpired,
    saveSnapshot,
    listSnapshots,
    restoreSnapshot,
    linkArtifact,
    unlinkArtifact,
    listArtifacts,
  ],
});
