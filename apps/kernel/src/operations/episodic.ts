/** Episodic memory: conversation turns per session, time-ordered, with BM25 full-text search. */
import {
  DEFAULT_LIMIT,
  DEFAULT_RECENT,
  DEFAULT_SEARCH_LIMIT,
  EpisodicMemory,
  MAX_BATCH_TURNS,
  MAX_CONTENT_BYTES,
  MAX_LIMIT,
  MAX_QUERY_LENGTH,
  MAX_SEARCH_LIMIT,
  ROLES,
} from "@mnemo/episodic";
import { Schema } from "effect";
import { defineComponent, defineOperation } from "./define.js";
import {
  anyText,
  Deleted,
  DeletedCount,
  found,
  id,
  int,
  jsonObject,
  limit,
  NoInput,
  page,
  pageFields,
  text,
  timestamp,
} from "./schemas.js";

const SessionId = id("The conversation (session) the turn belongs to.");
const TurnId = id("A turn's id, as append returned it.");
const Role = Schema.Literals(ROLES);
const Count = int(0, Number.MAX_SAFE_INTEGER, "A count.");
const turnFields = {
  sessionId: SessionId,
  role: Role,
  content: anyText(MAX_CONTENT_BYTES, "What was said (at most 1 MiB of UTF-8)."),
  metadata: Schema.optionalKey(jsonObject("Free JSON about the turn (at most 64 KiB).")),
  embeddingRef: Schema.optionalKey(id("The id of this turn's embedding in a vector store.")),
};
const TurnInput = Schema.Struct({
  ...turnFields,
  timestamp: Schema.optionalKey(timestamp("When it was said; default: now.")),
});
const Turn = Schema.Struct({
  id: TurnId,
  ...turnFields,
  timestamp: timestamp("When it was said."),
});
const range = {
  from: Schema.optionalKey(timestamp("Only turns at or after this time.")),
  to: Schema.optionalKey(timestamp("Only turns before this time.")),
};
const sessionPath = "/episodic/sessions/{sessionId}";

const append = defineOperation({
  name: "episodic.append",
  component: "episodic",
  summary: "Append a conversation turn",
  description:
    "Stores one turn of a conversation: the session, who spoke (user, assistant, system, tool), the content, optional metadata, timestamp (default now) and embedding reference. The content becomes searchable. Returns the turn with its id.",
  scope: "write",
  http: { method: "POST", path: "/episodic/turns" },
  input: TurnInput,
  output: Turn,
  handler: (memory: EpisodicMemory, turn) => memory.append(turn),
});

const appendBatch = defineOperation({
  name: "episodic.appendBatch",
  component: "episodic",
  summary: "Append up to 500 turns atomically",
  description:
    "Stores up to 500 turns (16 MiB of content in all) in one atomic write: all or none. Returns { items } with the turns, ids included, in the order given.",
  scope: "write",
  http: { method: "POST", path: "/episodic/turns/batch" },
  input: Schema.Struct({
    turns: Schema.Array(TurnInput).check(
      Schema.isMinLength(1),
      Schema.isMaxLength(MAX_BATCH_TURNS),
    ),
  }),
  output: Schema.Struct({ items: Schema.Array(Turn) }),
  handler: async (memory: EpisodicMemory, { turns }) => ({
    items: await memory.appendBatch(turns),
  }),
});

const get = defineOperation({
  name: "episodic.get",
  component: "episodic",
  summary: "Get a turn by id",
  description: "Reads one turn by the id append returned. NOT_FOUND when there is none.",
  scope: "read",
  http: { method: "GET", path: "/episodic/turns/{id}" },
  input: Schema.Struct({ id: TurnId }),
  output: Turn,
  handler: async (memory: EpisodicMemory, input) =>
    found(await memory.get(input.id), "turn", input.id),
});

const list = defineOperation({
  name: "episodic.list",
  component: "episodic",
  summary: "Read a session's turns in time order",
  description:
    "Pages through a session's turns oldest first (order desc: newest first), within a [from, to) window and optionally only some roles. Use it to replay a conversation.",
  scope: "read",
  http: { method: "GET", path: `${sessionPath}/turns` },
  input: Schema.Struct({
    sessionId: SessionId,
    order: Schema.optionalKey(Schema.Literals(["asc", "desc"])),
    ...range,
    roles: Schema.optionalKey(Schema.Array(Role).check(Schema.isMaxLength(ROLES.length))),
    ...pageFields(DEFAULT_LIMIT, MAX_LIMIT),
  }),
  output: page(Turn),
  handler: (memory: EpisodicMemory, { sessionId, ...options }) => memory.list(sessionId, options),
});

const recent = defineOperation({
  name: "episodic.recent",
  component: "episodic",
  summary: "The last turns of a session",
  description: `Reads the latest turns of a session (default ${DEFAULT_RECENT}), returned oldest first: the context to continue a conversation. Returns { items }.`,
  scope: "read",
  http: { method: "GET", path: `${sessionPath}/recent` },
  input: Schema.Struct({
    sessionId: SessionId,
    limit: Schema.optionalKey(limit(DEFAULT_RECENT, MAX_LIMIT)),
  }),
  output: Schema.Struct({ items: Schema.Array(Turn) }),
  handler: async (memory: EpisodicMemory, { sessionId, limit }) => ({
    items: await memory.recent(sessionId, limit),
  }),
});

const count = defineOperation({
  name: "episodic.count",
  component: "episodic",
  summary: "Count a session's turns",
  description: "Returns { count }: how many turns a session holds (0 for an unknown session).",
  scope: "read",
  http: { method: "GET", path: `${sessionPath}/count` },
  input: Schema.Struct({ sessionId: SessionId }),
  output: Schema.Struct({ count: Count }),
  handler: async (memory: EpisodicMemory, { sessionId }) => ({
    count: await memory.count(sessionId),
  }),
});

const listSessions = defineOperation({
  name: "episodic.listSessions",
  component: "episodic",
  summary: "List sessions with turns",
  description:
    "Pages through the sessions that hold turns, in session id order, with how many turns each holds.",
  scope: "read",
  http: { method: "GET", path: "/episodic/sessions" },
  input: Schema.Struct(pageFields(DEFAULT_LIMIT, MAX_LIMIT)),
  output: page(Schema.Struct({ sessionId: SessionId, turns: Count })),
  handler: (memory: EpisodicMemory, options) => memory.listSessions(options),
});

const search = defineOperation({
  name: "episodic.search",
  component: "episodic",
  summary: "Full-text search over turns",
  description:
    "Finds the turns whose content best matches a text query (BM25 over stemmed words; at most 4,096 characters and 32 distinct terms), optionally in one session and a [from, to) window. Use it to recall what was said about something. Returns { items: [{ turn, score }] }, best first.",
  scope: "read",
  http: { method: "POST", path: "/episodic/search" },
  input: Schema.Struct({
    query: text(MAX_QUERY_LENGTH, "Words to look for."),
    sessionId: Schema.optionalKey(SessionId),
    ...range,
    limit: Schema.optionalKey(limit(DEFAULT_SEARCH_LIMIT, MAX_SEARCH_LIMIT)),
  }),
  output: Schema.Struct({
    items: Schema.Array(Schema.Struct({ turn: Turn, score: Schema.Finite })),
  }),
  handler: async (memory: EpisodicMemory, { query, ...options }) => ({
    items: await memory.search(query, options),
  }),
});

const remove = defineOperation({
  name: "episodic.delete",
  component: "episodic",
  summary: "Delete a turn",
  description: "Deletes one turn (and its search entries). Returns whether it existed.",
  scope: "write",
  http: { method: "DELETE", path: "/episodic/turns/{id}" },
  input: Schema.Struct({ id: TurnId }),
  output: Deleted,
  handler: async (memory: EpisodicMemory, input) => ({ deleted: await memory.delete(input.id) }),
});

const deleteSession = defineOperation({
  name: "episodic.deleteSession",
  component: "episodic",
  summary: "Delete a session's turns",
  description: "Deletes every turn of a session. Returns how many this call removed.",
  scope: "write",
  http: { method: "DELETE", path: sessionPath },
  input: Schema.Struct({ sessionId: SessionId }),
  output: DeletedCount,
  handler: async (memory: EpisodicMemory, { sessionId }) => ({
    deleted: await memory.deleteSession(sessionId),
  }),
});

const deleteOlderThan = defineOperation({
  name: "episodic.deleteOlderThan",
  component: "episodic",
  summary: "Retention: delete turns older than a time",
  description:
    "Deletes every turn, of every session, timestamped before `before`. An operator's retention call. Returns how many this call removed.",
  scope: "admin",
  http: { method: "DELETE", path: "/episodic/turns" },
  input: Schema.Struct({ before: timestamp("Turns before this time go.") }),
  output: DeletedCount,
  handler: async (memory: EpisodicMemory, { before }) => ({
    deleted: await memory.deleteOlderThan(before),
  }),
});

const stats = defineOperation({
  name: "episodic.stats",
  component: "episodic",
  summary: "Search corpus statistics",
  description:
    "Returns { documents, totalLength }: how many turns are indexed for search and their summed length in terms (what BM25 scores with).",
  scope: "read",
  http: { method: "GET", path: "/episodic/stats" },
  input: NoInput,
  output: Schema.Struct({ documents: Count, totalLength: Count }),
  handler: (memory: EpisodicMemory) => memory.stats(),
});

export const episodic = defineComponent({
  key: "episodic",
  namespace: "episodic",
  create: (store) => new EpisodicMemory(store),
  operations: [
    append,
    appendBatch,
    get,
    list,
    recent,
    count,
    listSessions,
    search,
    remove,
    deleteSession,
    deleteOlderThan,
    stats,
  ],
});
