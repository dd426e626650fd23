/**
 * The persisted migration state: one record per migrated namespace, kept in the target
 * store in a namespace of its own, changed only by compare-and-swap so two migrators of one
 * namespace cannot both move it (the second gets `CONFLICT` or a refused transition).
 */
import {
  casUpdate,
  describe,
  jsonRecordCodec,
  type StorageBackend,
  StorageError,
  UNCHANGED,
} from "@mnemo/core";
import type { Phase } from "./phase.js";

export const STATE_NAMESPACE = "mnemo_migration";
export const STATE_TENANT = "migration";

export interface BackfillCheckpoint {
  /** Tenants copied to the end. */
  readonly done: readonly string[];
  /** The tenant being copied and the last key of its last committed batch. */
  readonly current?: { readonly tenant: string; readonly lastKey: string } | undefined;
  readonly copied: number;
  /** Keys the copy left alone: the target already held them (a dual write got there first). */
  readonly skipped: number;
  readonly bytes: number;
  readonly finished: boolean;
}

export interface VerifySummary {
  readonly at: number;
  readonly equal: boolean;
  readonly keys: number;
  /** Keys that still differed after the re-checks (at most 100 listed). */
  readonly differing: readonly { readonly tenant: string; readonly key: string }[];
}

export interface MigrationState {
  readonly format: 1;
  readonly namespace: string;
  /** Descriptions of the stores (URLs without passwords), for `status`. */
  readonly source: string;
  readonly target: string;
  /** The tenants migrated; `null`: every tenant of the namespace. */
  readonly tenants: readonly string[] | null;
  readonly batchSize: number;
  readonly phase: Phase;
  readonly history: readonly { readonly phase: Phase; readonly at: number }[];
  readonly backfill: BackfillCheckpoint;
  readonly verify?: VerifySummary | undefined;
  readonly startedAt: number;
  readonly updatedAt: number;
}

const codec = jsonRecordCodec<MigrationState>(1);

export const EMPTY_BACKFILL: BackfillCheckpoint = {
  done: [],
  copied: 0,
  skipped: 0,
  bytes: 0,
  finished: false,
};

/** Reads and changes the state records of one target store. */
export class MigrationStateStore {
  readonly #store: StorageBackend;

  constructor(target: StorageBackend) {
    this.#store = target.forNamespace(STATE_NAMESPACE).forTenant(STATE_TENANT);
  }

  async load(namespace: string): Promise<MigrationState | undefined> {
    const raw = await this.#store.get(namespace);
    return raw === undefined ? undefined : codec.decode(raw, namespace);
  }

  async require(namespace: string): Promise<MigrationState> {
    const state = await this.load(namespace);
    if (state === undefined) {
      throw new StorageError(
        "NOT_FOUND",
        `no migration of namespace ${describe(namespace)} in the target store; run start first`,
        { details: { namespace } },
      );
    }
    return state;
  }

  /** Creates the record; `FAILED_PRECONDITION` when a migration of the namespace exists. */
  async create(state: MigrationState): Promise<void> {
    const created = await this.#store.compareAndSwap(
      state.namespace,
      undefined,
      codec.encode(state),
    );
    if (!created) {
      const existing = await this.load(state.namespace);
      throw new StorageError(
        "FAILED_PRECONDITION",
        `a migration of namespace ${describe(state.namespace)} already exists (phase ${existing?.phase ?? "unknown"})`,
        { details: { namespace: state.namespace, phase: existing?.phase } },
      );
    }
  }

  /** Applies `change` atomically; it may throw to refuse (nothing is written). */
  async update(
    namespace: string,
    change: (state: MigrationState) => MigrationState,
  ): Promise<MigrationState> {
    const result = await casUpdate(this.#store, namespace, codec, (current) => {
      if (current === undefined) return UNCHANGED;
      return change(current);
    });
    if (result.next === undefined) await this.require(namespace);
    return result.next!;
  }

  async remove(namespace: string): Promise<void> {
    await this.#store.delete(namespace);
  }
}
