/** Agent state: versioned, checksummed snapshots of an agent and its lifecycle status. */
import {
  AGENT_STATUSES,
  type Snapshot as AgentSnapshot,
  AgentStateStore,
  DEFAULT_PAGE,
  MAX_PAGE,
  MAX_REASON_BYTES,
} from "@mnemo/agent-state";
import { Schema } from "effect";
import { defineComponent, defineOperation } from "./define.js";
import {
  DeletedCount,
  found,
  id,
  int,
  isBase64,
  json,
  jsonObject,
  page,
  pageFields,
  text,
  timestamp,
} from "./schemas.js";

const AgentId = id("The agent's id.");
const Status = Schema.Literals(AGENT_STATUSES).annotate({
  description:
    "created → active | terminated; active → suspended | terminated; suspended → active | terminated; terminated is final.",
});
const Metadata = jsonObject("Free JSON about the snapshot (at most 64 KiB), returned with it.");
const Version = int(1, Number.MAX_SAFE_INTEGER, "A snapshot version (1 is the first saved).");

const infoFields = {
  agentId: AgentId,
  version: Version,
  savedAt: timestamp("When it was saved."),
  size: int(0, Number.MAX_SAFE_INTEGER, "Payload size in bytes."),
  checksum: Schema.String.annotate({ description: "blake3 hex of the payload bytes." }),
  metadata: Schema.optionalKey(Metadata),
};
const SnapshotInfo = Schema.Struct({
  ...infoFields,
  encoding: Schema.Literals(["json", "bytes"]),
});

/** A JSON payload as itself; a byte payload as base64 (JSON has no bytes), told by `encoding`. */
const jsonPayload = { encoding: Schema.Literal("json"), data: json("The saved JSON value.") };
/**
 * Results are written as they are (`JSON.stringify`), so the handler turns bytes into base64
 * itself and the output schema is plain text.
 */
const Snapshot = Schema.Union([
  Schema.Struct({ ...infoFields, ...jsonPayload }),
  Schema.Struct({
    ...infoFields,
    encoding: Schema.Literal("bytes"),
    data: Schema.String.annotate({ description: "The saved bytes, standard base64." }),
  }),
]);

function withBase64(snapshot: AgentSnapshot) {
  return snapshot.encoding === "bytes"
    ? {
        ...snapshot,
        encoding: "bytes" as const,
        data: Buffer.from(snapshot.data as Uint8Array).toString("base64"),
      }
    : { ...snapshot, encoding: "json" as const };
}

const StatusChange = Schema.Struct({
  status: Status,
  at: timestamp("When the agent moved to this status."),
  reason: Schema.optionalKey(Schema.String),
});
const Lifecycle = Schema.Struct({
  agentId: AgentId,
  status: Status,
  changedAt: timestamp("When the current status was set."),
  history: Schema.Array(StatusChange),
});
const AgentSummary = Schema.Struct({
  agentId: AgentId,
  createdAt: timestamp("When the agent was first saved or given a status."),
  status: Schema.optionalKey(Status),
  lastVersion: int(0, Number.MAX_SAFE_INTEGER, "The latest version saved; 0 when none."),
});

const saveSnapshot = defineOperation({
  name: "agentState.saveSnapshot",
  component: "agent_state",
  summary: "Save the agent's next state snapshot",
  description:
    'Stores a new version of an agent\'s state: any JSON value (encoding "json") or bytes given as base64 (encoding "bytes"), with optional metadata. Versions count up from 1 and are never reused; a terminated agent refuses new snapshots. Returns the new version\'s info (version, checksum, size), not the data.',
  scope: "write",
  http: { method: "POST", path: "/agent-state/agents/{agentId}/snapshots" },
  input: Schema.Struct({
    agentId: AgentId,
    encoding: Schema.optionalKey(
      Schema.Literals(["json", "bytes"]).annotate({
        description:
          'How to read data: "json" (default) stores it as JSON; "bytes": data is base64 of the bytes to store.',
      }),
    ),
    data: json('The state: any JSON value, or with encoding "bytes" a standard base64 string.'),
    metadata: Schema.optionalKey(Metadata),
  }).check(
    Schema.makeFilter((input) =>
      input.encoding !== "bytes" || isBase64(input.data)
        ? undefined
        : { path: ["data"], issue: 'must be a standard base64 string with encoding "bytes"' },
    ),
  ),
  output: SnapshotInfo,
  handler: (states: AgentStateStore, { agentId, encoding, data, metadata }) =>
    states.saveSnapshot(
      agentId,
      encoding === "bytes" ? Buffer.from(data as string, "base64") : data,
      metadata === undefined ? {} : { metadata },
    ),
});

const loadSnapshot = defineOperation({
  name: "agentState.loadSnapshot",
  component: "agent_state",
  summary: "Load an agent's latest (or a given) snapshot",
  description:
    'Reads an agent\'s saved state: the latest version, or `version`. The checksum is verified before the data is returned. Bytes come back as base64 with encoding "bytes"; JSON as itself. NOT_FOUND when the agent has no such snapshot.',
  scope: "read",
  http: { method: "GET", path: "/agent-state/agents/{agentId}/snapshot" },
  input: Schema.Struct({ agentId: AgentId, version: Schema.optionalKey(Version) }),
  output: Snapshot,
  handler: async (states: AgentStateStore, { agentId, ...options }) =>
    withBase64(found(await states.loadSnapshot(agentId, options), "snapshot of agent", agentId)),
});

const listSnapshots = defineOperation({
  name: "agentState.listSnapshots",
  component: "agent_state",
  summary: "List an agent's snapshot versions",
  description:
    "Pages through the infos (version, savedAt, size, checksum, metadata; no data) of an agent's snapshots, oldest first, or newest first with reverse. Use it to find a version to load.",
  scope: "read",
  http: { method: "GET", path: "/agent-state/agents/{agentId}/snapshots" },
  input: Schema.Struct({
    agentId: AgentId,
    reverse: Schema.optionalKey(Schema.Boolean),
    ...pageFields(DEFAULT_PAGE, MAX_PAGE),
  }),
  output: page(SnapshotInfo),
  handler: (states: AgentStateStore, { agentId, ...options }) =>
    states.listSnapshots(agentId, options),
});

const prune = defineOperation({
  name: "agentState.prune",
  component: "agent_state",
  summary: "Delete all but an agent's latest snapshots",
  description:
    "Deletes an agent's older snapshots, keeping the latest `keep` versions (at least 1). Returns how many versions were deleted.",
  scope: "write",
  http: { method: "POST", path: "/agent-state/agents/{agentId}/prune" },
  input: Schema.Struct({
    agentId: AgentId,
    keep: int(1, Number.MAX_SAFE_INTEGER, "How many latest versions to keep."),
  }),
  output: DeletedCount,
  handler: async (states: AgentStateStore, { agentId, keep }) => ({
    deleted: await states.prune(agentId, keep),
  }),
});

const listAgents = defineOperation({
  name: "agentState.listAgents",
  component: "agent_state",
  summary: "List agents",
  description:
    "Pages through every agent that has a snapshot or a status, in id order, with its status and latest version.",
  scope: "read",
  http: { method: "GET", path: "/agent-state/agents" },
  input: Schema.Struct(pageFields(DEFAULT_PAGE, MAX_PAGE)),
  output: page(AgentSummary),
  handler: (states: AgentStateStore, options) => states.listAgents(options),
});

const getStatus = defineOperation({
  name: "agentState.getStatus",
  component: "agent_state",
  summary: "Get an agent's lifecycle status",
  description:
    "Reads an agent's lifecycle status (created, active, suspended, terminated), when it changed and the recent history of changes. NOT_FOUND when the agent never had a status.",
  scope: "read",
  http: { method: "GET", path: "/agent-state/agents/{agentId}/status" },
  input: Schema.Struct({ agentId: AgentId }),
  output: Lifecycle,
  handler: async (states: AgentStateStore, { agentId }) =>
    found(await states.getStatus(agentId), "status of agent", agentId),
});

const setStatus = defineOperation({
  name: "agentState.setStatus",
  component: "agent_state",
  summary: "Move an agent to a lifecycle status",
  description:
    "Changes an agent's status, with an optional reason kept in its history. A new agent starts created or active; terminated is final. An illegal move (or to the same status) is refused with FAILED_PRECONDITION. Returns the new lifecycle.",
  scope: "write",
  http: { method: "PUT", path: "/agent-state/agents/{agentId}/status" },
  input: Schema.Struct({
    agentId: AgentId,
    status: Status,
    reason: Schema.optionalKey(
      text(MAX_REASON_BYTES, "Why (at most 4 KiB of UTF-8), kept in the history."),
    ),
  }),
  output: Lifecycle,
  handler: (states: AgentStateStore, { agentId, status, reason }) =>
    states.setStatus(agentId, status, reason === undefined ? {} : { reason }),
});

export const agentState = defineComponent({
  key: "agent_state",
  namespace: "agent_state",
  create: (store) => new AgentStateStore(store),
  operations: [saveSnapshot, loadSnapshot, listSnapshots, prune, listAgents, getStatus, setStatus],
});
