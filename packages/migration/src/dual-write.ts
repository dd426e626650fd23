/**
 * `dualWrite(old, new, phase)`: a backend over two backends that routes every call as the
 * migration phase says (see `routingOf`). Reads, scans, versions and checked commits are the
 * primary's alone, so a handle's versions are one backend's versions and grow per key; every
 * write is applied to the primary first and then mirrored (the converging copy of
 * `mirrorKeys`) to the other backend while the phase mirrors.
 */
import {
  AbstractBackend,
  type BackendCharacteristics,
  type BackendLimits,
  type BackendScope,
  type BackendType,
  type CommitCheck,
  type CommitResult,
  describe,
  type Entry,
  type KeyRange,
  type NormalizedCommit,
  type PutAbsentResult,
  type ScanOptions,
  type SharedBackendState,
  type StorageBackend,
  StorageError,
  sharedState,
  type VersionedEntry,
  type VersionedScanEntry,
  type WriteOp,
} from "@mnemo/core";
import { mirrorKeys } from "./mirror.js";
import { type PhaseSource, type Routing, routingOf } from "./phase.js";

interface Pair {
  readonly old: StorageBackend;
  readonly new: StorageBackend;
}

interface Route extends Routing {
  /** The deletes are logged for a copier (see `DeletionRecorder`). */
  readonly logDeletes: boolean;
  readonly read: StorageBackend;
  readonly other: StorageBackend;
  /** Prefixes the versions of the read side; the other side's versions carry `otherTag`. */
  readonly tag: string;
  readonly otherTag: string;
}

/**
 * Versions name their side: a version read from the old backend can never pass a check on
 * the new one (their commit numbers are separate sequences that may collide), and the new
 * side's versions sort after the old side's, so a key's version still grows when reads move.
 */
const OLD_TAG = "a:";
const NEW_TAG = "b:";

function tagged(entry: VersionedEntry, tag: string): VersionedEntry {
  return { value: entry.value, version: tag + entry.version };
}

function limitsOf(store: StorageBackend): Partial<BackendLimits> {
  return (store as { limits?: BackendLimits }).limits ?? {};
}

/** The stricter of the two backends' limits, so the handle refuses what either would. */
function combinedLimits(pair: Pair): SharedBackendState {
  const a = limitsOf(pair.old);
  const b = limitsOf(pair.new);
  const min = (x: number | undefined, y: number | undefined) =>
    x === undefined ? y : y === undefined ? x : Math.min(x, y);
  const maxValueBytes = min(a.maxValueBytes, b.maxValueBytes);
  const scanReadAheadBytes = min(a.scanReadAheadBytes, b.scanReadAheadBytes);
  return sharedState({
    ...(maxValueBytes === undefined ? {} : { maxValueBytes }),
    ...(scanReadAheadBytes === undefined ? {} : { scanReadAheadBytes }),
  });
}

function scanOptions(range: KeyRange): ScanOptions {
  const options: {
    -readonly [K in keyof ScanOptions]: ScanOptions[K];
  } = { reverse: range.reverse, versions: range.versions };
  if (range.lower) options[range.lower.inclusive ? "gte" : "gt"] = range.lower.key;
  if (range.upper) options[range.upper.inclusive ? "lte" : "lt"] = range.upper.key;
  if (Number.isFinite(range.limit)) options.limit = range.limit;
  return options;
}

/**
 * Where deletes go while a backfill may copy (phases dual-write and backfill), before they
 * are applied: a copier killed between a batch's write and its re-read learns from it which
 * keys it may have written back (`DeletionLog`).
 */
export interface DeletionRecorder {
  record(tenant: string, keys: readonly string[]): Promise<void>;
  recordClear(tenant: string): Promise<void>;
}

export interface DualWriteOptions {
  readonly deletions?: DeletionRecorder;
}

const COPY_PHASES: ReadonlySet<string> = new Set(["dual-write", "backfill"]);

export class DualWriteBackend extends AbstractBackend {
  readonly #pair: Pair;
  readonly #phase: PhaseSource;
  readonly #deletions: DeletionRecorder | undefined;

  constructor(
    pair: Pair,
    phase: PhaseSource,
    shared: SharedBackendState = combinedLimits(pair),
    isRoot = true,
    options: DualWriteOptions = {},
  ) {
    super({ namespace: pair.new.namespace, tenant: pair.new.tenant }, shared, isRoot);
    this.#pair = pair;
    this.#phase = phase;
    this.#deletions = options.deletions;
  }

  /** The phase this handle routes by, right now. */
  get phase() {
    return this.#phase.current();
  }

  /** Decided once per call, so one call never straddles a phase change. */
  #route(): Route {
    const phase = this.#phase.current();
    const routing = { ...routingOf(phase), logDeletes: COPY_PHASES.has(phase) };
    const { old, new: next } = this.#pair;
    return routing.primary === "old"
      ? { ...routing, read: old, other: next, tag: OLD_TAG, otherTag: NEW_TAG }
      : { ...routing, read: next, other: old, tag: NEW_TAG, otherTag: OLD_TAG };
  }

  backendType(): BackendType {
    return "dual-write";
  }

  characteristics(): BackendCharacteristics {
    const a = this.#pair.old.characteristics();
    const b = this.#pair.new.characteristics();
    const read = this.#route().read === this.#pair.old ? a : b;
    return {
      ...read,
      persistent: a.persistent && b.persistent,
      transactional: a.transactional && b.transactional,
      supportsPrefixScan: a.supportsPrefixScan && b.supportsPrefixScan,
      supportsAtomicOps: a.supportsAtomicOps && b.supportsAtomicOps,
      multiProcess: a.multiProcess && b.multiProcess,
    };
  }

  protected async _get(key: string): Promise<Uint8Array | undefined> {
    const route = this.#route();
    const value = await route.read.get(key);
    return value === undefined && route.fallback ? route.other.get(key) : value;
  }

  protected async _getMany(keys: readonly string[]): Promise<Map<string, Uint8Array>> {
    const route = this.#route();
    const found = await route.read.getBatch(keys);
    if (!route.fallback || found.size === keys.length) return found;
    const rest = await route.other.getBatch(keys.filter((key) => !found.has(key)));
    for (const [key, value] of rest) found.set(key, value);
    return found;
  }

  protected async _getEntry(key: string): Promise<VersionedEntry | undefined> {
    const route = this.#route();
    const entry = await route.read.getEntry(key);
    if (entry !== undefined) return tagged(entry, route.tag);
    if (!route.fallback) return undefined;
    const fallback = await route.other.getEntry(key);
    return fallback && tagged(fallback, route.otherTag);
  }

  protected async _getEntries(keys: readonly string[]): Promise<Map<string, VersionedEntry>> {
    const route = this.#route();
    const found = new Map<string, VersionedEntry>();
    for (const [key, entry] of await route.read.getEntries(keys))
      found.set(key, tagged(entry, route.tag));
    if (!route.fallback || found.size === keys.length) return found;
    const rest = await route.other.getEntries(keys.filter((key) => !found.has(key)));
    for (const [key, entry] of rest) found.set(key, tagged(entry, route.otherTag));
    return found;
  }

  protected async _commit(commit: NormalizedCommit): Promise<CommitResult> {
    const route = this.#route();
    const checks: CommitCheck[] = [];
    const foreign: string[] = [];
    for (const check of commit.checks) {
      if (check.kind !== "version")
        throw new Error("dualWrite: value checks go through _compareAndSwap");
      if (check.version === null) checks.push({ key: check.key, version: null });
      else if (check.version.startsWith(route.tag)) {
        checks.push({ key: check.key, version: check.version.slice(route.tag.length) });
      } else foreign.push(check.key); // another side's version: this check cannot hold
    }
    if (foreign.length > 0) {
      // Nothing is written; the other checks are evaluated so `failed` lists all that fail.
      const rest = checks.length > 0 ? await route.read.commit(checks, []) : { ok: true as const };
      const failed = new Set([...foreign, ...(rest.ok ? [] : rest.failed)]);
      return { ok: false, failed: commit.checks.map((c) => c.key).filter((k) => failed.has(k)) };
    }
    const keys = commit.mutations.map((m) => m.key);
    const deleted = commit.mutations.filter((m) => m.type === "del").map((m) => m.key);
    const result = await this.#mirrored(
      route,
      keys,
      deleted,
      () => route.read.commit(checks, commit.mutations),
      (r) => r.ok,
    );
    return result.ok ? { ok: true, version: route.tag + result.version } : result;
  }

  protected override async _write(ops: readonly WriteOp[]): Promise<void> {
    const route = this.#route();
    const deleted = ops.filter((op) => op.type === "del").map((op) => op.key);
    await this.#mirrored(
      route,
      ops.map((op) => op.key),
      deleted,
      () => route.read.write(ops),
      () => true,
    );
  }

  /**
   * Absence is the primary's, as for a commit's absent checks (in read-new-with-fallback the
   * new backend has passed verify, so a key only the fallback holds was not written live).
   * The keys written are then mirrored like any write; keys left alone were not changed.
   */
  protected async _putAbsent(entries: readonly Entry[]): Promise<PutAbsentResult> {
    const route = this.#route();
    const result = await route.read.putAbsent(entries);
    if (route.mirror && result.written.length > 0) {
      await mirrorKeys(route.read, route.other, result.written);
    }
    return result;
  }

  protected override async _compareAndSwap(
    key: string,
    expected: Uint8Array | undefined,
    next: Uint8Array | undefined,
  ): Promise<boolean> {
    const route = this.#route();
    const deleted = next === undefined ? [key] : [];
    return this.#mirrored(
      route,
      [key],
      deleted,
      () => route.read.compareAndSwap(key, expected, next),
      (swapped) => swapped,
    );
  }

  /**
   * Applies `apply` to the primary, then copies `keys` to the other backend. With fallback
   * reads, the deletes are sent to the other backend first, so a reader that finds a key
   * gone from the primary does not find it still in the fallback. A write that then does
   * not apply (a failed check) puts the fallback back by the same copy.
   */
  async #mirrored<T>(
    route: Route,
    keys: readonly string[],
    deleted: readonly string[],
    apply: () => Promise<T>,
    applied: (result: T) => boolean,
  ): Promise<T> {
    if (route.logDeletes && deleted.length > 0 && this.#deletions !== undefined) {
      await this.#deletions.record(this.tenant, deleted);
    }
    const predelete = route.mirror && route.fallback && deleted.length > 0;
    // Sent before the primary write, in the same tick: a reader must not wait on it (scans
    // of the primary see the write land at once, as on a bare backend).
    const early = predelete ? route.other.deleteBatch(deleted) : Promise.resolve();
    let result: T;
    try {
      result = await apply();
    } catch (error) {
      await early.catch(() => {});
      if (predelete) await mirrorKeys(route.read, route.other, deleted);
      throw error;
    }
    await early;
    if (route.mirror && (applied(result) || predelete) && keys.length > 0) {
      await mirrorKeys(route.read, route.other, applied(result) ? keys : deleted);
    }
    return result;
  }

  /**
   * Scans read the primary alone, in every phase: a scan merged with the fallback could not
   * see a batch all-or-nothing. In read-new-with-fallback the new backend has passed verify,
   * so the fallback is a safety net for point reads only.
   */
  protected _scan(range: KeyRange): AsyncIterable<Entry | VersionedScanEntry> {
    const route = this.#route();
    return this.#guardedScan(
      route.read.scan(scanOptions(range)),
      range.versions ? route.tag : undefined,
    );
  }

  /** Fails a scan in progress with `CLOSED` once this handle (or its root) closes; tags versions. */
  async *#guardedScan(
    entries: AsyncIterable<Entry | VersionedScanEntry>,
    tag: string | undefined,
  ): AsyncGenerator<Entry | VersionedScanEntry> {
    for await (const entry of entries) {
      this.assertOpen();
      yield tag === undefined
        ? entry
        : [entry[0], entry[1], tag + (entry as VersionedScanEntry)[2]];
    }
  }

  protected async _clear(): Promise<void> {
    const route = this.#route();
    if (route.logDeletes && this.#deletions !== undefined) {
      await this.#deletions.recordClear(this.tenant);
    }
    await route.read.clear();
    if (route.mirror) await route.other.clear();
  }

  protected _listNamespaces(): AsyncIterable<string> {
    return this.#route().read.listNamespaces();
  }

  protected _listTenants(): AsyncIterable<string> {
    return this.#route().read.listTenants();
  }

  protected _derive(scope: BackendScope): AbstractBackend {
    const derive = (store: StorageBackend) =>
      (store.namespace === scope.namespace ? store : store.forNamespace(scope.namespace)).forTenant(
        scope.tenant,
      );
    return new DualWriteBackend(
      { old: derive(this.#pair.old), new: derive(this.#pair.new) },
      this.#phase,
      this.shared,
      false,
      { ...(this.#deletions === undefined ? {} : { deletions: this.#deletions }) },
    );
  }

  protected async _close(): Promise<void> {
    await Promise.all([this.#pair.old.close(), this.#pair.new.close()]);
  }
}

/**
 * A backend over `old` and `new` (handles on the same namespace and tenant) routed by
 * `phase`. Closing it closes both.
 */
export function dualWrite(
  old: StorageBackend,
  next: StorageBackend,
  phase: PhaseSource,
  options: DualWriteOptions = {},
): DualWriteBackend {
  if (old.namespace !== next.namespace || old.tenant !== next.tenant) {
    throw new StorageError(
      "INVALID_ARGUMENT",
      `dualWrite: both handles must be on one namespace and tenant; got ${describe(old.namespace)}/${describe(old.tenant)} and ${describe(next.namespace)}/${describe(next.tenant)}`,
    );
  }
  return new DualWriteBackend({ old, new: next }, phase, undefined, true, options);
}
