/**
 * Versioned agent snapshots with a checksum verified on every load, and a lifecycle status
 * per agent. Every change is one checked commit, so two writers never take the same version,
 * a terminated agent never gets another snapshot, and a refused call writes nothing.
 */
import {
  optional,
  type Page,
  requireId,
  requireInteger,
  requireOptions,
  type StorageBackend,
} from "@mnemo/core";
import { type AgentSummary, getStatus, listAgents, requireReason, setStatus } from "./agents.js";
import { type AgentStateStoreOptions, Context } from "./context.js";
import { type AgentLifecycle, type AgentStatus, requireStatus } from "./lifecycle.js";
import type { Snapshot, SnapshotInfo } from "./snapshot.js";
import { listSnapshots, loadSnapshot, prune, saveSnapshot } from "./snapshots.js";

export interface SaveOptions {
  readonly metadata?: Readonly<Record<string, unknown>>;
}

export interface LoadOptions {
  /** A version number; default the latest. */
  readonly version?: number;
}

export interface PageOptions {
  /** From a previous page's `nextCursor`. */
  readonly cursor?: string;
  /** Default 100, at most 1,000. */
  readonly limit?: number;
}

export interface ListSnapshotsOptions extends PageOptions {
  /** Newest first. Default false (oldest first). */
  readonly reverse?: boolean;
}

export interface SetStatusOptions {
  /** Why, kept in the history (at most 4 KiB). */
  readonly reason?: string;
}

const requireVersion = (value: unknown, field: string) =>
  requireInteger(value, field, 1, Number.MAX_SAFE_INTEGER);

export class AgentStateStore {
  readonly #ctx: Context;

  constructor(store: StorageBackend, options?: AgentStateStoreOptions) {
    this.#ctx = new Context(store, options);
  }

  /**
   * Saves `data` (a `Uint8Array`, or any JSON value) as the agent's next version. A terminated
   * agent's save is `FAILED_PRECONDITION`.
   */
  async saveSnapshot(agentId: string, data: unknown, options?: SaveOptions): Promise<SnapshotInfo> {
    const agent = requireId(agentId, "agentId");
    const { metadata } = requireOptions(options);
    return saveSnapshot(this.#ctx, agent, data, metadata);
  }

  /**
   * The latest snapshot, or the given version; `undefined` when there is none. The payload's
   * checksum is recomputed: a snapshot changed behind the store's back is `CORRUPTED`.
   */
  async loadSnapshot(agentId: string, options?: LoadOptions): Promise<Snapshot | undefined> {
    const agent = requireId(agentId, "agentId");
    const { version } = requireOptions(options);
    return loadSnapshot(this.#ctx, agent, optional(version, "version", requireVersion));
  }

  /** A page of the agent's snapshot infos (no payloads), oldest first unless `reverse`. */
  async listSnapshots(
    agentId: string,
    options?: ListSnapshotsOptions,
  ): Promise<Page<SnapshotInfo>> {
    const agent = requireId(agentId, "agentId");
    const { cursor, limit, reverse } = requireOptions(options);
    return listSnapshots(this.#ctx, agent, cursor, limit, reverse);
  }

  /** Keeps the latest `keep` (≥ 1) versions; returns how many were removed. */
  async prune(agentId: string, keep: number): Promise<number> {
    const agent = requireId(agentId, "agentId");
    return prune(this.#ctx, agent, requireInteger(keep, "keep", 1, Number.MAX_SAFE_INTEGER));
  }

  /** A page of agents (any agent that was saved or given a status), in id order. */
  async listAgents(options?: PageOptions): Promise<Page<AgentSummary>> {
    const { cursor, limit } = requireOptions(options);
    return listAgents(this.#ctx, cursor, limit);
  }

  async getStatus(agentId: string): Promise<AgentLifecycle | undefined> {
    return getStatus(this.#ctx, requireId(agentId, "agentId"));
  }

  /**
   * Moves the agent to `status`: created → active ⇄ suspended → terminated (final); a new
   * agent starts as created or active. An illegal move is `FAILED_PRECONDITION`.
   */
  async setStatus(
    agentId: string,
    status: AgentStatus,
    options?: SetStatusOptions,
  ): Promise<AgentLifecycle> {
    const agent = requireId(agentId, "agentId");
    const to = requireStatus(status);
    const { reason } = requireOptions(options);
    return setStatus(this.#ctx, agent, to, requireReason(reason));
  }
}
