/** The turn a caller appends and reads back, and the checks an input must pass. */
import { describe, invalidArgument, toJson } from "@mnemo/core";

export const ROLES = ["user", "assistant", "system", "tool"] as const;
export type Role = (typeof ROLES)[number];

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

/** Longest session id accepted, in UTF-16 code units: keeps every key under 1024 bytes. */
export const MAX_SESSION_ID_LENGTH = 200;

export function assertSessionId(value: unknown, field = "sessionId"): asserts value is string {
  if (typeof value !== "string" || value.length === 0) {
    throw invalidArgument(field, `must be a non-empty string, got ${describe(value)}`);
  }
  if (value.length > MAX_SESSION_ID_LENGTH || !value.isWellFormed()) {
    throw invalidArgument(
      field,
      `must be well-formed and at most ${MAX_SESSION_ID_LENGTH} characters`,
    );
  }
}

export function assertRole(value: unknown, field = "role"): asserts value is Role {
  if (!(ROLES as readonly unknown[]).includes(value)) {
    throw invalidArgument(field, `must be one of ${ROLES.join(", ")}, got ${describe(value)}`);
  }
}

/** A timestamp: a non-negative integer of epoch milliseconds. */
export function assertEpochMs(value: unknown, field: string): asserts value is number {
  if (typeof value !== "number" || !Number.isSafeInteger(value) || value < 0) {
    throw invalidArgument(
      field,
      `must be a non-negative integer of epoch milliseconds, got ${describe(value)}`,
    );
  }
}

/** `from` (inclusive) and `to` (exclusive), either optional; `to` must not precede `from`. */
export function assertTimeRange(from: unknown, to: unknown): void {
  if (from !== undefined) assertEpochMs(from, "from");
  if (to !== undefined) assertEpochMs(to, "to");
  if (typeof from === "number" && typeof to === "number" && to < from) {
    throw invalidArgument("to", `(${to}) must not be before from (${from})`);
  }
}

export function assertLimit(value: unknown, field = "limit"): asserts value is number {
  if (typeof value !== "number" || !Number.isSafeInteger(value) || value < 0) {
    throw invalidArgument(field, `must be a non-negative integer, got ${describe(value)}`);
  }
}

/** Checks every field of `input`; returns the turn without its id. */
export function validateTurnInput(input: unknown, index: number, now: number): Omit<Turn, "id"> {
  const where = (field: string) => (index < 0 ? field : `turns[${index}].${field}`);
  if (typeof input !== "object" || input === null) {
    throw invalidArgument(where("turn"), `must be an object, got ${describe(input)}`);
  }
  const t = input as Record<string, unknown>;
  assertSessionId(t.sessionId, where("sessionId"));
  assertRole(t.role, where("role"));
  if (typeof t.content !== "string" || !t.content.isWellFormed()) {
    throw invalidArgument(
      where("content"),
      `must be a well-formed string, got ${describe(t.content)}`,
    );
  }
  const timestamp = t.timestamp ?? now;
  assertEpochMs(timestamp, where("timestamp"));
  const turn: { -readonly [K in keyof Omit<Turn, "id">]: Omit<Turn, "id">[K] } = {
    sessionId: t.sessionId,
    role: t.role,
    content: t.content,
    timestamp,
  };
  if (t.metadata !== undefined) {
    if (typeof t.metadata !== "object" || t.metadata === null || Array.isArray(t.metadata)) {
      throw invalidArgument(
        where("metadata"),
        `must be a JSON object, got ${describe(t.metadata)}`,
      );
    }
    // Round-trip so the stored copy is exactly what JSON keeps, and the caller's object is not shared.
    turn.metadata = JSON.parse(toJson(t.metadata, where("metadata")));
  }
  if (t.embeddingRef !== undefined) {
    if (typeof t.embeddingRef !== "string" || t.embeddingRef.length === 0) {
      throw invalidArgument(
        where("embeddingRef"),
        `must be a non-empty string, got ${describe(t.embeddingRef)}`,
      );
    }
    turn.embeddingRef = t.embeddingRef;
  }
  return turn;
}
