/**
 * Episodic memory for a model: `remember` a turn of a conversation, `recall` a session's
 * last turns, `search_memory` across sessions. Operations of the episodic component, so they
 * run through the `Invoker` on the session's tenant. MCP-only, like the graph tools.
 */
import { DEFAULT_RECENT, type EpisodicMemory, ROLES } from "@mnemo/episodic";
import { Schema } from "effect";
import { defineOperation } from "../operations/define.js";

const SessionId = Schema.String.annotate({
  description: "Which conversation or thread the memory belongs to (at most 256 UTF-8 bytes)",
});
const Role = Schema.Literals(ROLES);
const Metadata = Schema.Record(Schema.String, Schema.Json);
const Limit = (max: number, fallback: number) =>
  Schema.optionalKey(
    Schema.Int.check(Schema.isBetween({ minimum: 1, maximum: max })).annotate({
      description: `How many to return (1 to ${max}, default ${fallback})`,
    }),
  );

const Turn = Schema.Struct({
  id: Schema.String,
  sessionId: Schema.String,
  role: Role,
  content: Schema.String,
  timestamp: Schema.Number.annotate({ description: "Epoch milliseconds" }),
  metadata: Schema.optionalKey(Schema.Record(Schema.String, Schema.Unknown)),
  embeddingRef: Schema.optionalKey(Schema.String),
});

const mcpOnly = (tool: string) => ({ method: "POST" as const, path: `/mcp/episodic/${tool}` });

export const remember = defineOperation({
  name: "episodic.remember",
  component: "episodic",
  summary: "Remember a turn of a conversation",
  description:
    "Store something said or observed in a conversation (a user message, your answer, a " +
    "tool's output) under a session id, so it can be recalled or searched later. Call it " +
    "for anything worth keeping beyond this context window. Returns the stored turn.",
  scope: "write",
  http: mcpOnly("remember"),
  input: Schema.Struct({
    sessionId: SessionId,
    content: Schema.String.annotate({ description: "The text to remember (at most 1 MiB)" }),
    role: Schema.optionalKey(
      Role.annotate({ description: "Who said it: user, assistant, system or tool (default user)" }),
    ),
    metadata: Schema.optionalKey(
      Metadata.annotate({ description: "Any JSON object to keep with the turn" }),
    ),
  }),
  output: Turn,
  handler: (memory: EpisodicMemory, input) =>
    memory.append({
      sessionId: input.sessionId,
      role: input.role ?? "user",
      content: input.content,
      ...(input.metadata === undefined ? {} : { metadata: input.metadata }),
    }),
});

export const recall = defineOperation({
  name: "episodic.recall",
  component: "episodic",
  summary: "Recall a session's last turns",
  description:
    "Read back the most recent turns of one session, oldest first: what was said before " +
    "in this conversation. Use search_memory to find something by its content instead.",
  scope: "read",
  http: mcpOnly("recall"),
  input: Schema.Struct({ sessionId: SessionId, limit: Limit(1000, DEFAULT_RECENT) }),
  output: Schema.Struct({ turns: Schema.Array(Turn) }),
  handler: async (memory: EpisodicMemory, input) => ({
    turns: await memory.recent(input.sessionId, input.limit ?? DEFAULT_RECENT),
  }),
});

export const searchMemory = defineOperation({
  name: "episodic.searchMemory",
  component: "episodic",
  summary: "Search remembered turns",
  description:
    "Full-text search (BM25 ranking, stemmed: 'resetting routers' finds 'reset the router') " +
    "over every remembered turn, or one session's. Returns the best matches with scores, " +
    "best first.",
  scope: "read",
  http: mcpOnly("search_memory"),
  input: Schema.Struct({
    query: Schema.String.annotate({ description: "Words to look for" }),
    sessionId: Schema.optionalKey(SessionId),
    limit: Limit(1000, 10),
  }),
  output: Schema.Struct({
    hits: Schema.Array(Schema.Struct({ turn: Turn, score: Schema.Number })),
  }),
  handler: async (memory: EpisodicMemory, input) => ({
    hits: await memory.search(input.query, {
      ...(input.sessionId === undefined ? {} : { sessionId: input.sessionId }),
      ...(input.limit === undefined ? {} : { limit: input.limit }),
    }),
  }),
});

export const episodicTools = [
  ["remember", remember],
  ["recall", recall],
  ["search_memory", searchMemory],
] as const;
