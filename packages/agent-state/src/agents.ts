/** Agents: the registry listing, and lifecycle changes by checked commit. */
import {
  decodeCursor,
  decodeTuple,
  describe,
  encodeCursor,
  invalidArgument,
  type Page,
  page,
  requireLimit,
  requireString,
  StorageError,
  transact,
  utf8Length,
} from "@mnemo/core";
import { agentCodec, type Context, headCodec } from "./context.js";
import { agentKey, agentsRange, headKey, statusKey } from "./keys.js";
import { type AgentLifecycle, type AgentStatus, canMove, type StatusChange } from "./lifecycle.js";
import { DEFAULT_PAGE, lifecycleCodec, MAX_PAGE } from "./snapshots.js";

/** Longest `reason` of a status change, in UTF-8 bytes. */
export const MAX_REASON_BYTES = 4096;

export interface AgentSummary {
  readonly agentId: string;
  /** Epoch ms of the agent's first save or status change. */
  readonly createdAt: number;
  readonly status?: AgentStatus;
  /** The highest version saved (0: none yet). Pruned versions still count. */
  readonly lastVersion: number;
}

export async function getStatus(ctx: Context, agent: string): Promise<AgentLifecycle | undefined> {
  const raw = await ctx.store.get(statusKey(agent));
  return raw === undefined ? undefined : lifecycleCodec.decode(raw, statusKey(agent));
}

export function requireReason(value: unknown): string | undefined {
  if (value === undefined) return undefined;
  const reason = requireString(value, "reason");
  if (utf8Length(reason, MAX_REASON_BYTES) > MAX_REASON_BYTES) {
    throw invalidArgument("reason", `is longer than ${MAX_REASON_BYTES} UTF-8 bytes`);
  }
  return reason;
}

/**
 * Moves the agent to `to` in one checked commit on its status record (and registry entry,
 * the first time). An illegal move is `FAILED_PRECONDITION` and changes nothing.
 */
export async function setStatus(
  ctx: Context,
  agent: string,
  to: AgentStatus,
  reason: string | undefined,
): Promise<AgentLifecycle> {
  const now = ctx.now();
  const { result } = await transact(
    ctx.store,
    async (tx) => {
      const raw = await tx.get(statusKey(agent));
      const current = raw === undefined ? undefined : lifecycleCodec.decode(raw, statusKey(agent));
      if (!canMove(current?.status, to)) {
        throw new StorageError(
          "FAILED_PRECONDITION",
          `agent ${describe(agent)} cannot move from ${current?.status ?? "no status"} to ${to}`,
          { details: { agentId: agent, from: current?.status ?? null, to } },
        );
      }
      if ((await tx.get(agentKey(agent))) === undefined) {
        tx.put(agentKey(agent), agentCodec.encode({ agentId: agent, createdAt: now }));
      }
      const at = Math.max(now, current?.changedAt ?? 0);
      const change: StatusChange = { status: to, at, ...(reason === undefined ? {} : { reason }) };
      const next: AgentLifecycle = {
        agentId: agent,
        status: to,
        changedAt: at,
        history: [...(current?.history ?? []), change].slice(-ctx.maxHistory),
      };
      tx.put(statusKey(agent), lifecycleCodec.encode(next));
      return next;
    },
    { maxAttempts: ctx.maxAttempts },
  );
  return result;
}

/** A page of agents in id order, each with its status and highest version. */
export async function listAgents(
  ctx: Context,
  cursor: unknown,
  limitInput: unknown,
): Promise<Page<AgentSummary>> {
  const limit = requireLimit(limitInput, DEFAULT_PAGE, MAX_PAGE);
  const after =
    cursor === undefined
      ? undefined
      : decodeCursor(cursor, "agent listing", (parts) =>
          parts.length === 2 && parts[0] === "agents" && typeof parts[1] === "string"
            ? parts[1]
            : undefined,
        );
  const range = agentsRange();
  const bounds =
    after === undefined
      ? range
      : { gt: agentKey(after), ...(range.lt === undefined ? {} : { lt: range.lt }) };
  const records: { agentId: string; createdAt: number }[] = [];
  for await (const [key, value] of ctx.store.scan({ ...bounds, limit: limit + 1 })) {
    const record = agentCodec.decode(value, key);
    records.push({ agentId: decodeTuple(key)[1] as string, createdAt: record.createdAt });
  }
  const more = records.length > limit;
  const shown = records.slice(0, limit);
  const found = await ctx.store.getBatch(
    shown.flatMap(({ agentId }) => [statusKey(agentId), headKey(agentId)]),
  );
  const items = shown.map(({ agentId, createdAt }): AgentSummary => {
    const status = found.get(statusKey(agentId));
    const head = found.get(headKey(agentId));
    return {
      agentId,
      createdAt,
      ...(status === undefined
        ? {}
        : { status: lifecycleCodec.decode(status, statusKey(agentId)).status }),
      lastVersion: head === undefined ? 0 : headCodec.decode(head, headKey(agentId)).lastVersion,
    };
  });
  const last = shown.at(-1);
  return page(
    items,
    more && last !== undefined ? encodeCursor(["agents", last.agentId]) : undefined,
  );
}
