/** Agent lifecycle: created → active ⇄ suspended, and any of them → terminated (final). */
import { describe, StorageError } from "@mnemo/core";

export const AGENT_STATUSES = ["created", "active", "suspended", "terminated"] as const;
export type AgentStatus = (typeof AGENT_STATUSES)[number];

/** Where each status may go; `undefined` is an agent with no status yet. */
const NEXT: Readonly<Record<AgentStatus | "none", readonly AgentStatus[]>> = {
  none: ["created", "active"],
  created: ["active", "terminated"],
  active: ["suspended", "terminated"],
  suspended: ["active", "terminated"],
  terminated: [],
};

export function requireStatus(value: unknown): AgentStatus {
  if (typeof value !== "string" || !(AGENT_STATUSES as readonly string[]).includes(value)) {
    throw new StorageError(
      "INVALID_ARGUMENT",
      `status ${describe(value)} is not one of ${AGENT_STATUSES.join(", ")}`,
      { details: { field: "status" } },
    );
  }
  return value as AgentStatus;
}

export function canMove(from: AgentStatus | undefined, to: AgentStatus): boolean {
  return NEXT[from ?? "none"].includes(to);
}

export interface StatusChange {
  readonly status: AgentStatus;
  /** Epoch ms. */
  readonly at: number;
  readonly reason?: string;
}

export interface AgentLifecycle {
  readonly agentId: string;
  readonly status: AgentStatus;
  /** Epoch ms of the latest change. */
  readonly changedAt: number;
  /** Changes oldest first; the oldest are dropped past `maxHistory`. */
  readonly history: readonly StatusChange[];
}
