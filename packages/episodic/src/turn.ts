/** The turn a caller appends and reads back, and the checks an input must pass. */
import {
  describe,
  invalidArgument,
  requireId,
  requireJsonObject,
  requireObject,
  requireTimestamp,
  utf8Length,
} from "@mnemo/core";

export const ROLES = ["user", "assistant", "system", "tool"] as const;
export type Role = (typeof ROLES)[number];

/** Longest turn content, in UTF-8 bytes. */
export const MAX_CONTENT_BYTES = 1024 * 1024;
/** Largest metadata, in UTF-8 bytes of JSON. */
export const MAX_METADATA_BYTES = 64 * 1024;

export interface TurnInput {
  readonly sessionId: string;
  readonly role: Role;
  readonly content: string;
  /** Any JSON object; kept as given. */
  readonly metadata?: Readonly<Record<string, unknown>>;
  /** Epoch milliseconds; default: the component's clock. */
  readonly timestamp?: number;
  /** The id of this turn's embedding in a vector store, for callers that join the two. */
  readonly embeddingRef?: string;
}

export interface Turn {
  /** Sorts by timestamp; unique across processes. */
  readonly id: string;
  readonly sessionId: string;
  readonly role: Role;
  readonly content: string;
  /** Epoch milliseconds. */
  readonly timestamp: number;
  readonly metadata?: Readonly<Record<string, unknown>>;
  readonly embeddingRef?: string;
}

export function requireSessionId(value: unknown, field = "sessionId"): string {
  return requireId(value, field);
}

export function requireTurnId(value: unknown): string {
  const id = requireId(value, "id");
  if (id.length > 64) throw invalidArgument("id", `${describe(id)} is not a turn id`);
  return id;
}

export function requireRole(value: unknown, field = "role"): Role {
  if (!(ROLES as readonly unknown[]).includes(value)) {
    throw invalidArgument(field, `must be one of ${ROLES.join(", ")}, got ${describe(value)}`);
  }
  return value as Role;
}

/** `from` (inclusive) and `to` (exclusive), either optional; `to` must not precede `from`. */
export function requireTimeRange(
  from: unknown,
  to: unknown,
): { from: number | undefined; to: number | undefined } {
  const f = from === undefined ? undefined : requireTimestamp(from, "from");
  const t = to === undefined ? undefined : requireTimestamp(to, "to");
  if (f !== undefined && t !== undefined && t < f) {
    throw invalidArgument("to", `(${t}) must not be before from (${f})`);
  }
  return { from: f, to: t };
}

/** Checks every field of `input`; returns the turn without its id. */
export function validateTurnInput(input: unknown, index: number, now: number): Omit<Turn, "id"> {
  const where = (field: string) => (index < 0 ? field : `turns[${index}].${field}`);
  const t = requireObject(input, where("turn"));
  const sessionId = requireSessionId(t.sessionId, where("sessionId"));
  const role = requireRole(t.role, where("role"));
  const content = t.content;
  if (typeof content !== "string" || !content.isWellFormed()) {
    throw invalidArgument(
      where("content"),
      `must be a well-formed string, got ${describe(content)}`,
    );
  }
  if (utf8Length(content, MAX_CONTENT_BYTES) > MAX_CONTENT_BYTES) {
    throw invalidArgument(where("content"), `is over ${MAX_CONTENT_BYTES} UTF-8 bytes`);
  }
  const timestamp = requireTimestamp(t.timestamp ?? now, where("timestamp"));
  const turn: { -readonly [K in keyof Omit<Turn, "id">]: Omit<Turn, "id">[K] } = {
    sessionId,
    role,
    content,
    timestamp,
  };
  if (t.metadata !== undefined) {
    // A copy of exactly what JSON keeps; the caller's object is not shared.
    const metadata = requireJsonObject(t.metadata, where("metadata"));
    if (utf8Length(JSON.stringify(metadata), MAX_METADATA_BYTES) > MAX_METADATA_BYTES) {
      throw invalidArgument(where("metadata"), `is over ${MAX_METADATA_BYTES} bytes of JSON`);
    }
    turn.metadata = metadata;
  }
  if (t.embeddingRef !== undefined)
    turn.embeddingRef = requireId(t.embeddingRef, where("embeddingRef"));
  return turn;
}
