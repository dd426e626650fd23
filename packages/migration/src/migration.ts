/**
 * A live migration of one namespace from a source store to a target store: the phase
 * machine (persisted in the target), the backfill with its checkpoint, and verification.
 * The kernel runs one in its own process; the CLI drives one over stores it opens.
 */
import {
  type Clock,
  describe,
  requirePositiveInteger,
  type StorageBackend,
  StorageError,
  systemClock,
  validateNamespace,
  validateTenantId,
} from "@mnemo/core";
import { reconcileAfter } from "./backfill.js";
import { DeletionLog } from "./deletions.js";
import { type DualWriteBackend, dualWrite } from "./dual-write.js";
import { mirrorKeys } from "./mirror.js";
import { nextPhase, type Phase, PhaseCell, previousPhase } from "./phase.js";
import { retryUnavailable } from "./retry.js";
import {
  EMPTY_BACKFILL,
  type MigrationState,
  MigrationStateStore,
  STATE_NAMESPACE,
} from "./state.js";
import { copyTenant } from "./tenant-copy.js";
import { type VerifyOptions, type VerifyResult, verifyStores } from "./verify.js";

export const DEFAULT_BATCH_SIZE = 1000;

export interface MigrationStores {
  /** Any handle on the source store (root or not): the namespace and tenants are derived. */
  readonly source: StorageBackend;
  /** Any handle on the target store; it also holds the migration state. */
  readonly target: StorageBackend;
  readonly namespace: string;
  readonly clock?: Clock;
}

export interface StartOptions {
  /** Only these tenants; default every tenant of the namespace in the source. */
  readonly tenants?: readonly string[];
  /** Keys per backfill batch. Default 1000. */
  readonly batchSize?: number;
  /** Start even though the target already holds data in the namespace. */
  readonly allowNonEmptyTarget?: boolean;
  /** Descriptions for `status` (never with passwords). */
  readonly sourceName?: string;
  readonly targetName?: string;
}

export interface BackfillProgress {
  readonly tenant: string;
  readonly copied: number;
  readonly skipped: number;
  readonly bytes: number;
}

/** Batches of a tenant put and settled at once, each on a pooled connection of its own. */
export const DEFAULT_BATCHES_IN_FLIGHT = 2;
/** Most batches in flight (each holds a pooled connection and a batch of values). */
export const MAX_BATCHES_IN_FLIGHT = 64;
/** Batches per settle and checkpoint commit (a killed copier redoes at most about twice this). */
export const DEFAULT_CHECKPOINT_EVERY = 4;

export interface BackfillOptions {
  /**
   * Called after each checkpoint commit, with what the batches it covers copied (every
   * `checkpointEvery` batches, at each tenant's end, and on a stop).
   */
  readonly onBatch?: (progress: BackfillProgress) => void | Promise<void>;
  /**
   * Checked before each batch: stop (resumably) when it aborts. The batches already begun
   * (up to `batchesInFlight`) finish, and the checkpoint names the last of them, so a
   * resumed backfill copies nothing twice.
   */
  readonly signal?: AbortSignal;
  /**
   * A store answered `UNAVAILABLE` (a restart, a network cut): the backfill pauses, retrying
   * the batch with backoff, and calls this on each failed try.
   */
  readonly onPause?: (error: StorageError, attempt: number) => void;
  /** Longest pause before the backfill gives up with the `UNAVAILABLE` error. Default 5 min. */
  readonly maxPauseMs?: number;
  /** Batches of a tenant put and settled at once. Default 2; 1 puts one batch at a time. */
  readonly batchesInFlight?: number;
  /**
   * Batches per settle (one read of the deletion log) and checkpoint commit. Default 4; 1
   * settles and commits after every batch.
   */
  readonly checkpointEvery?: number;
}

export interface TenantVerifyResult extends VerifyResult {
  readonly tenant: string;
}

async function collect<T>(items: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of items) out.push(item);
  return out;
}

function refuse(message: string, details: Record<string, unknown> = {}): StorageError {
  return new StorageError("FAILED_PRECONDITION", message, { details });
}

export class Migration {
  readonly namespace: string;
  readonly #source: StorageBackend;
  readonly #target: StorageBackend;
  readonly #states: MigrationStateStore;
  readonly #clock: Clock;
  readonly #phase: PhaseCell;
  readonly #deletions: DeletionLog;
  #state: MigrationState;

  private constructor(stores: MigrationStores, states: MigrationStateStore, state: MigrationState) {
    this.namespace = stores.namespace;
    this.#source = stores.source.forNamespace(stores.namespace);
    this.#target = stores.target.forNamespace(stores.namespace);
    this.#states = states;
    this.#clock = stores.clock ?? systemClock;
    this.#state = state;
    this.#phase = new PhaseCell(state.phase);
    this.#deletions = new DeletionLog(stores.target, stores.namespace);
  }

  /**
   * Begins a migration in phase `dual-write`. Refuses (before writing anything) an unknown
   * namespace, a target that holds data for it (unless allowed), and a migration that exists.
   */
  static async start(stores: MigrationStores, options: StartOptions = {}): Promise<Migration> {
    const { namespace } = stores;
    validateNamespace(namespace);
    if (namespace === STATE_NAMESPACE) {
      throw new StorageError(
        "INVALID_ARGUMENT",
        `namespace ${STATE_NAMESPACE} holds migration state; it is not migrated`,
      );
    }
    const batchSize = requirePositiveInteger(
      options.batchSize,
      "batchSize",
      DEFAULT_BATCH_SIZE,
      100_000,
    );
    const tenants = options.tenants === undefined ? null : [...options.tenants];
    for (const tenant of tenants ?? []) validateTenantId(tenant);
    const sourceNamespaces = await collect(stores.source.listNamespaces());
    if (!sourceNamespaces.includes(namespace)) {
      throw new StorageError(
        "NOT_FOUND",
        `the source store has no data in namespace ${describe(namespace)} (it has: ${sourceNamespaces.join(", ") || "none"})`,
        { details: { namespace } },
      );
    }
    const states = new MigrationStateStore(stores.target);
    if (!options.allowNonEmptyTarget && (await targetHolds(stores.target, namespace, tenants))) {
      throw refuse(
        `the target store already holds data in namespace ${describe(namespace)}; pass allowNonEmptyTarget (--allow-non-empty) to merge into it`,
        { namespace },
      );
    }
    const now = (stores.clock ?? systemClock).now();
    const state: MigrationState = {
      format: 1,
      namespace,
      source: options.sourceName ?? stores.source.backendType(),
      target: options.targetName ?? stores.target.backendType(),
      tenants,
      batchSize,
      phase: "dual-write",
      history: [{ phase: "dual-write", at: now }],
      backfill: EMPTY_BACKFILL,
      startedAt: now,
      updatedAt: now,
    };
    await states.create(state);
    return new Migration(stores, states, state);
  }

  /** Resumes the migration of `namespace` recorded in the target store. */
  static async open(stores: MigrationStores): Promise<Migration> {
    const states = new MigrationStateStore(stores.target);
    return new Migration(stores, states, await states.require(stores.namespace));
  }

  get state(): MigrationState {
    return this.#state;
  }

  get phase(): Phase {
    return this.#state.phase;
  }

  /** The state as stored now (another process may have moved it). */
  async refresh(): Promise<MigrationState> {
    this.#state = await this.#states.require(this.namespace);
    this.#phase.set(this.#state.phase);
    return this.#state;
  }

  /**
   * A handle for live traffic of `tenant` that follows this migration's phase. Writers must
   * use it from the `dual-write` phase on; the backfill is only sound once they do.
   */
  dualWrite(tenant: string): DualWriteBackend {
    return dualWrite(this.#source.forTenant(tenant), this.#target.forTenant(tenant), this.#phase, {
      deletions: this.#deletions,
    });
  }

  async #update(change: (state: MigrationState) => MigrationState): Promise<MigrationState> {
    this.#state = await this.#states.update(this.namespace, (current) => ({
      ...change(current),
      updatedAt: this.#clock.now(),
    }));
    this.#phase.set(this.#state.phase);
    return this.#state;
  }

  /** Moves to the next phase (or refuses `to` unless it is the next one). */
  async advance(to?: Phase): Promise<MigrationState> {
    const state = await this.#update((current) => {
      const next = nextPhase(current.phase);
      if (next === undefined) throw refuse(`the migration is in ${current.phase}, the last phase`);
      if (to !== undefined && to !== next) {
        throw refuse(`cannot advance from ${current.phase} to ${to}: the next phase is ${next}`, {
          phase: current.phase,
          requested: to,
        });
      }
      if (next === "verify" && !current.backfill.finished) {
        throw refuse("cannot advance to verify: the backfill has not finished (run backfill)");
      }
      if (next === "read-new-with-fallback" && current.verify?.equal !== true) {
        throw refuse(
          "cannot advance to read-new-with-fallback: verify has not passed since the backfill",
        );
      }
      return {
        ...current,
        phase: next,
        history: [...current.history, { phase: next, at: this.#clock.now() }],
      };
    });
    if (state.phase === "remove-old") await this.#removeOld();
    return state;
  }

  /**
   * Goes back one phase. Rolling back dual-write ends the migration (its state is removed;
   * the target keeps what was copied). Rolling back stop-old-writes first copies to the old
   * store every key that changed while it received no writes. remove-old cannot be undone.
   */
  async rollback(): Promise<MigrationState | undefined> {
    const current = await this.refresh();
    if (current.phase === "remove-old")
      throw refuse("remove-old cannot be rolled back: the old data is gone");
    const previous = previousPhase(current.phase);
    if (previous === undefined) {
      await this.#states.remove(this.namespace);
      await this.#deletions.clear();
      return undefined;
    }
    if (current.phase === "stop-old-writes") {
      // Writes reach both stores again from here on; then the old one catches up.
      await this.#update((s) => ({ ...s, phase: previous }));
      for (const tenant of await this.tenants()) {
        const result = await verifyStores(
          this.#target.forTenant(tenant),
          this.#source.forTenant(tenant),
          {
            maxReported: Number.POSITIVE_INFINITY,
          },
        );
        await mirrorKeys(
          this.#target.forTenant(tenant),
          this.#source.forTenant(tenant),
          result.differing.map((d) => d.key),
        );
      }
      return this.#state;
    }
    return this.#update((s) => ({
      ...s,
      phase: previous,
      ...(previous === "dual-write" || previous === "backfill" ? { verify: undefined } : {}),
      history: [...s.history, { phase: previous, at: this.#clock.now() }],
    }));
  }

  /** The tenants migrated: the listed ones, or every tenant of the namespace in the source. */
  async tenants(): Promise<string[]> {
    return this.#state.tenants === null
      ? collect(this.#source.listTenants())
      : [...this.#state.tenants];
  }

  /** Runs (or resumes, from the checkpoint) the backfill; only in phase backfill. */
  async backfill(options: BackfillOptions = {}): Promise<MigrationState> {
    let state = await this.refresh();
    if (state.phase !== "backfill") {
      throw refuse(`backfill runs in phase backfill; the migration is in ${state.phase}`);
    }
    const inFlight = requirePositiveInteger(
      options.batchesInFlight,
      "batchesInFlight",
      DEFAULT_BATCHES_IN_FLIGHT,
      MAX_BATCHES_IN_FLIGHT,
    );
    const checkpointEvery = requirePositiveInteger(
      options.checkpointEvery,
      "checkpointEvery",
      DEFAULT_CHECKPOINT_EVERY,
    );
    const retry = <T>(body: () => Promise<T>) => retryUnavailable(body, options);
    for (const tenant of await this.tenants()) {
      if (state.backfill.done.includes(tenant)) continue;
      const source = this.#source.forTenant(tenant);
      const target = this.#target.forTenant(tenant);
      const after =
        state.backfill.current?.tenant === tenant ? state.backfill.current.lastKey : undefined;
      // A killed copier may have written this tenant's next batches without re-reading them
      // (every tenant not done: which one was in flight depends on the tenants listed then).
      await retry(() => this.#settleDeletes(source, target, tenant, after, state.batchSize));
      const finished = await copyTenant(source, target, after, {
        batchSize: state.batchSize,
        inFlight,
        checkpointEvery,
        deletes: { deletedKeys: (limit) => this.#deletions.deletedKeys(tenant, limit) },
        signal: options.signal,
        retry,
        checkpoint: async (at, written) => {
          state = await retry(() =>
            this.#update((s) => {
              if (s.phase !== "backfill")
                throw refuse(`the migration left phase backfill (now ${s.phase})`);
              const b = s.backfill;
              return {
                ...s,
                backfill: {
                  ...b,
                  copied: b.copied + written.copied,
                  skipped: b.skipped + written.skipped,
                  bytes: b.bytes + written.bytes,
                  ...(at.finished
                    ? { done: [...b.done, tenant], current: undefined }
                    : { current: { tenant, lastKey: at.lastKey! } }),
                },
              };
            }),
          );
          await options.onBatch?.({ tenant, ...written });
        },
      });
      if (!finished) return state;
    }
    const finished = await this.#update((s) => ({
      ...s,
      backfill: { ...s.backfill, finished: true },
    }));
    await retry(() => this.#deletions.clear());
    return finished;
  }

  /**
   * Mirrors the keys past `after` deleted through the dual writes since the migration began
   * (`DeletionLog`): a copier killed before its re-read may have written them back. After a
   * `clear`, every target key past `after` that the source lacks.
   */
  async #settleDeletes(
    source: StorageBackend,
    target: StorageBackend,
    tenant: string,
    after: string | undefined,
    pageSize: number,
  ): Promise<void> {
    const { keys, cleared } = await this.#deletions.of(tenant);
    if (cleared) await reconcileAfter(source, target, after, pageSize);
    else
      await mirrorKeys(source, target, after === undefined ? keys : keys.filter((k) => k > after));
  }

  /**
   * Compares every migrated tenant of the two stores by range digests; in phase verify the
   * outcome is recorded (advancing needs it equal). `repair` copies the differing keys from
   * the serving side first, then compares again.
   */
  async verify(
    options: VerifyOptions & { readonly repair?: boolean } = {},
  ): Promise<TenantVerifyResult[]> {
    const state = await this.refresh();
    const serveNew = [
      "read-new-with-fallback",
      "read-new",
      "stop-old-writes",
      "remove-old",
    ].includes(state.phase);
    const results: TenantVerifyResult[] = [];
    for (const tenant of await this.tenants()) {
      const [from, to] = serveNew
        ? [this.#target.forTenant(tenant), this.#source.forTenant(tenant)]
        : [this.#source.forTenant(tenant), this.#target.forTenant(tenant)];
      let result = await verifyStores(
        from,
        to,
        options.repair ? { ...options, maxReported: Number.POSITIVE_INFINITY } : options,
      );
      if (!result.equal && options.repair) {
        await mirrorKeys(
          from,
          to,
          result.differing.map((d) => d.key),
        );
        result = await verifyStores(from, to, options);
      }
      results.push({ tenant, ...result });
    }
    if (state.phase === "verify") {
      await this.#update((s) => ({
        ...s,
        verify: {
          at: this.#clock.now(),
          equal: results.every((r) => r.equal),
          keys: results.reduce((n, r) => n + r.keys, 0),
          differing: results
            .flatMap((r) => r.differing.map((d) => ({ tenant: r.tenant, key: d.key })))
            .slice(0, 100),
        },
      }));
    }
    return results;
  }

  /** The last step: the old store's data for the migrated tenants is deleted. */
  async #removeOld(): Promise<void> {
    for (const tenant of await this.tenants()) await this.#source.forTenant(tenant).clear();
  }
}

async function targetHolds(
  target: StorageBackend,
  namespace: string,
  tenants: readonly string[] | null,
): Promise<boolean> {
  const store = target.forNamespace(namespace);
  if (tenants === null) {
    return (await collect(target.listNamespaces())).includes(namespace);
  }
  for (const tenant of tenants) {
    for await (const _ of store.forTenant(tenant).scan({ limit: 1 })) return true;
  }
  return false;
}
