/**
 * Versioned agent snapshots with a checksum verified on every load, and a lifecycle status
 * per agent. Version numbers are allocated with compare-and-swap, so two writers never take
 * the same one.
 */
import {
  type Clock,
  casUpdate,
  decodeTuple,
  describe,
  jsonRecordCodec,
  optional,
  requireId,
  requireInteger,
  requireJsonObject,
  type StorageBackend,
  StorageError,
  systemClock,
  type WriteOp,
} from "@mnemo/core";
import { headKey, infoKey, infosOf, snapshotKey, statusKey } from "./keys.js";
import {
  type AgentLifecycle,
  type AgentStatus,
  canMove,
  requireStatus,
  type StatusChange,
} from "./lifecycle.js";
import {
  decodePayload,
  encodePayload,
  infoOf,
  type Snapshot,
  type SnapshotInfo,
  type SnapshotRecord,
} from "./snapshot.js";

export interface AgentStateStoreOptions {
  readonly clock?: Clock;
  /** Status changes kept per agent, newest last. Default 100. */
  readonly maxHistory?: number;
  /** Compare-and-swap attempts before giving up with `CONFLICT`. Default 1000. */
  readonly maxAttempts?: number;
}

export interface SaveOptions {
  readonly metadata?: Readonly<Record<string, unknown>>;
}

const recordCodec = jsonRecordCodec<SnapshotRecord>();
const infoCodec = jsonRecordCodec<SnapshotInfo>();
const headCodec = jsonRecordCodec<{ readonly lastVersion: number }>();
const lifecycleCodec = jsonRecordCodec<AgentLifecycle>();

export class AgentStateStore {
  readonly #store: StorageBackend;
  readonly #clock: Clock;
  readonly #maxHistory: number;
  readonly #maxAttempts: number;

  constructor(store: StorageBackend, options: AgentStateStoreOptions = {}) {
    this.#store = store;
    this.#clock = options.clock ?? systemClock;
    this.#maxHistory = requireInteger(
      options.maxHistory ?? 100,
      "maxHistory",
      1,
      Number.MAX_SAFE_INTEGER,
    );
    this.#maxAttempts = options.maxAttempts ?? 1000;
  }

  /**
   * Saves `data` (a `Uint8Array`, or any JSON value) as the agent's next version. Refused with
   * `CONFLICT` once the agent is terminated.
   */
  async saveSnapshot(
    agentId: string,
    data: unknown,
    options: SaveOptions = {},
  ): Promise<SnapshotInfo> {
    requireId(agentId, "agentId");
    const encoded = encodePayload(data);
    const metadata = optional(options.metadata, "metadata", requireJsonObject);
    const lifecycle = await this.getStatus(agentId);
    if (lifecycle?.status === "terminated") {
      throw new StorageError("CONFLICT", `agent ${describe(agentId)} is terminated`, {
        details: { agentId, status: lifecycle.status },
      });
    }
    const version = await this.#allocateVersion(agentId);
    const info: SnapshotInfo = {
      agentId,
      version,
      savedAt: this.#clock.now(),
      encoding: encoded.encoding,
      size: encoded.size,
      checksum: encoded.checksum,
      ...(metadata === undefined ? {} : { metadata }),
    };
    await this.#store.write([
      {
        type: "put",
        key: snapshotKey(agentId, version),
        value: recordCodec.encode({ ...info, payload: encoded.payload }),
      },
      { type: "put", key: infoKey(agentId, version), value: infoCodec.encode(info) },
    ]);
    return info;
  }

  /**
   * The latest snapshot, or the given version; `undefined` when there is none. The payload's
   * checksum is recomputed: a snapshot changed behind the store's back is `CORRUPTED`.
   */
  async loadSnapshot(
    agentId: string,
    options: { readonly version?: number } = {},
  ): Promise<Snapshot | undefined> {
    requireId(agentId, "agentId");
    let version = options.version;
    if (version !== undefined && (!Number.isInteger(version) || version < 1)) {
      throw new StorageError("INVALID_ARGUMENT", `version must be an integer >= 1`, {
        details: { field: "version", value: version },
      });
    }
    if (version === undefined) {
      for await (const [key] of this.#store.scan({
        ...infosOf(agentId),
        reverse: true,
        limit: 1,
      })) {
        version = decodeTuple(key)[2] as number;
      }
      if (version === undefined) return undefined;
    }
    const dataKey = snapshotKey(agentId, version);
    const found = await this.#store.getBatch([dataKey, infoKey(agentId, version)]);
    const dataBytes = found.get(dataKey);
    const infoBytes = found.get(infoKey(agentId, version));
    if (dataBytes === undefined && infoBytes === undefined) return undefined;
    if (dataBytes === undefined || infoBytes === undefined) {
      throw new StorageError(
        "CORRUPTED",
        `snapshot ${version} of agent ${describe(agentId)} is missing its ${dataBytes === undefined ? "data" : "info"} record`,
        { details: { agentId, version } },
      );
    }
    const record = recordCodec.decode(dataBytes, dataKey);
    const info = infoCodec.decode(infoBytes, infoKey(agentId, version));
    const data = decodePayload(record, info.checksum);
    return { ...infoOf(record), data };
  }

  /** Every stored version's info (no payloads), oldest first. */
  async listVersions(agentId: string): Promise<SnapshotInfo[]> {
    requireId(agentId, "agentId");
    const out: SnapshotInfo[] = [];
    for await (const [key, value] of this.#store.scan(infosOf(agentId))) {
      out.push(infoCodec.decode(value, key));
    }
    return out;
  }

  /** Keeps the latest `keep` versions (at least 1) and removes the rest in one write. */
  async prune(agentId: string, keep: number): Promise<number> {
    requireId(agentId, "agentId");
    requireInteger(keep, "keep", 1, Number.MAX_SAFE_INTEGER);
    const versions: number[] = [];
    for await (const [key] of this.#store.scan(infosOf(agentId))) {
      versions.push(decodeTuple(key)[2] as number);
    }
    const doomed = versions.slice(0, Math.max(0, versions.length - keep));
    if (doomed.length === 0) return 0;
    const ops: WriteOp[] = doomed.flatMap((version) => [
      { type: "del" as const, key: snapshotKey(agentId, version) },
      { type: "del" as const, key: infoKey(agentId, version) },
    ]);
    await this.#store.write(ops);
    return doomed.length;
  }

  async getStatus(agentId: string): Promise<AgentLifecycle | undefined> {
    requireId(agentId, "agentId");
    const key = statusKey(agentId);
    const raw = await this.#store.get(key);
    return raw === undefined ? undefined : lifecycleCodec.decode(raw, key);
  }

  /**
   * Moves the agent to `status`: created → active ⇄ suspended → terminated (final); a new
   * agent starts as created or active. An illegal move is `CONFLICT` and changes nothing.
   */
  async setStatus(
    agentId: string,
    status: AgentStatus,
    options: { readonly reason?: string } = {},
  ): Promise<AgentLifecycle> {
    requireId(agentId, "agentId");
    const to = requireStatus(status);
    if (options.reason !== undefined && typeof options.reason !== "string") {
      throw new StorageError("INVALID_ARGUMENT", "reason must be a string", {
        details: { field: "reason" },
      });
    }
    const { next } = await casUpdate(
      this.#store,
      statusKey(agentId),
      lifecycleCodec,
      (current) => {
        if (!canMove(current?.status, to)) {
          throw new StorageError(
            "CONFLICT",
            `agent ${describe(agentId)} cannot move from ${current?.status ?? "no status"} to ${to}`,
            { details: { agentId, from: current?.status, to } },
          );
        }
        const at = Math.max(this.#clock.now(), current?.changedAt ?? 0);
        const change: StatusChange = {
          status: to,
          at,
          ...(options.reason === undefined ? {} : { reason: options.reason }),
        };
        return {
          agentId,
          status: to,
          changedAt: at,
          history: [...(current?.history ?? []), change].slice(-this.#maxHistory),
        };
      },
      { maxAttempts: this.#maxAttempts },
    );
    return next!;
  }

  /** Claims the next version number: a swap on the head, so no two writers share one. */
  async #allocateVersion(agentId: string): Promise<number> {
    const { next } = await casUpdate(
      this.#store,
      headKey(agentId),
      headCodec,
      (head) => ({ lastVersion: (head?.lastVersion ?? 0) + 1 }),
      { maxAttempts: this.#maxAttempts },
    );
    return next!.lastVersion;
  }
}
