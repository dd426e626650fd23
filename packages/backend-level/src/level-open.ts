import { mkdir } from "node:fs/promises";
import { resolve } from "node:path";
import {
  DEFAULT_NAMESPACE,
  DEFAULT_TENANT,
  describe,
  StorageError,
  sharedState,
  validateNamespace,
  validateTenantId,
} from "@mnemo/core";
import { ClassicLevel } from "classic-level";
import { CommitClock } from "./commit-clock.js";
import { DURABILITIES, type Durability, SyncScheduler } from "./durability.js";
import { commitOf } from "./envelope.js";
import { droppedAtRecovery } from "./info-log.js";
import { SYNC_MARKER_KEY } from "./keyspace.js";
import { type Db, LevelBackend, type LevelStore } from "./level-backend.js";
import { toStorageError } from "./level-errors.js";
import type { LevelOpenReport, LevelWarning } from "./open-report.js";
import {
  type DirectoryState,
  inspectDirectory,
  recordVerified,
  VERIFY_TABLES,
  type VerifyTables,
} from "./store-directory.js";
import { largestCommit, prepareFormat } from "./store-format.js";
import { WriteGate } from "./write-gate.js";

export interface LevelBackendOptions {
  /** The LevelDB directory. One process owns it at a time. */
  readonly path: string;
  /**
   * Create a store when the directory is missing or empty (default true). A directory that
   * holds LevelDB files is never created over, whatever this says.
   */
  readonly createIfMissing?: boolean;
  /** Default `balanced`: see the README for what each mode can lose. */
  readonly durability?: Durability;
  readonly namespace?: string;
  readonly tenant?: string;
  /** Default 16 MiB. */
  readonly maxValueBytes?: number;
  /** Most bytes of values a scan reads ahead of its consumer. Default 8 MiB. */
  readonly scanReadAheadBytes?: number;
  /**
   * LevelDB's `max_open_files` (default 1000; LevelDB raises anything below 74 to 74). Each
   * open table file is memory-mapped, and a full scan touches every page of it, so this
   * bounds the resident table pages of a long scan (an export) at about (n - 10) x 2 MiB.
   */
  readonly maxOpenFiles?: number;
  /** Which table files to checksum before LevelDB opens the directory. Default `new`. */
  readonly verifyTables?: VerifyTables;
  /**
   * Called with problems that did not stop the open (LevelDB dropped corrupt log records).
   * Default: `process.emitWarning`.
   */
  readonly onWarning?: (warning: LevelWarning) => void;
}

const EMPTY = new Uint8Array(0);
const SYNCED = { sync: true } as const;

function refuse(message: string, field: string, value: unknown): StorageError {
  return new StorageError("INVALID_ARGUMENT", message, { details: { [field]: value } });
}

function checkOptions(options: LevelBackendOptions) {
  if (options === null || typeof options !== "object") {
    throw new StorageError("INVALID_ARGUMENT", "openLevelBackend() takes an options object");
  }
  const {
    path,
    durability = "balanced",
    createIfMissing = true,
    verifyTables = "new",
    onWarning,
    maxOpenFiles,
  } = options;
  if (typeof path !== "string" || path.length === 0) {
    throw refuse("path must be a non-empty string", "path", path);
  }
  if (!DURABILITIES.includes(durability)) {
    throw refuse(
      `durability ${describe(durability)} must be one of ${DURABILITIES.join(", ")}`,
      "durability",
      durability,
    );
  }
  if (typeof createIfMissing !== "boolean") {
    throw refuse("createIfMissing must be a boolean", "createIfMissing", createIfMissing);
  }
  if (!VERIFY_TABLES.includes(verifyTables)) {
    throw refuse(
      `verifyTables ${describe(verifyTables)} must be one of ${VERIFY_TABLES.join(", ")}`,
      "verifyTables",
      verifyTables,
    );
  }
  if (maxOpenFiles !== undefined && (!Number.isSafeInteger(maxOpenFiles) || maxOpenFiles < 1)) {
    throw refuse("maxOpenFiles must be a positive integer", "maxOpenFiles", maxOpenFiles);
  }
  if (onWarning !== undefined && typeof onWarning !== "function") {
    throw refuse("onWarning must be a function", "onWarning", onWarning);
  }
  const scope = {
    namespace: options.namespace ?? DEFAULT_NAMESPACE,
    tenant: options.tenant ?? DEFAULT_TENANT,
  };
  validateNamespace(scope.namespace);
  validateTenantId(scope.tenant);
  return { path, durability, createIfMissing, verifyTables, onWarning, maxOpenFiles, scope };
}

/**
 * classic-level's `getSync` writes utf8 keys into a reused buffer and grows it only when a
 * write fills it exactly; `Buffer#write` stops before a multi-byte character that does not
 * fit, so a longer non-ASCII key was looked up truncated (another key, or none). One lookup
 * of a key longer than any stored key (48 + 256 + 1024 UTF-8 bytes and two separators) sizes
 * the buffer so that every later key fits whole.
 */
function primeKeyBuffer(db: Db): void {
  db.getSync(`\0mnemo\0${"\0".repeat(4096)}`);
}

function defaultWarning(warning: LevelWarning): void {
  process.emitWarning(warning.message, { code: warning.code });
}

/**
 * Opens the LevelDB store at `options.path` and returns its root handle. A missing or empty
 * directory gets a new store (unless `createIfMissing: false`); a populated one must pass the
 * checks of store-directory.ts first, or the open fails with `CORRUPTED` and nothing in the
 * directory changes. Fails with `UNAVAILABLE` when another process or handle holds it.
 */
export async function openLevelBackend(options: LevelBackendOptions): Promise<LevelBackend> {
  const checked = checkOptions(options);
  // Everything is validated before the directory is touched, so a bad option never holds it.
  const shared = sharedState(options);
  const location = resolve(checked.path);
  const state: DirectoryState = await inspectDirectory(location, checked.verifyTables);
  if (state.kind === "missing" || state.kind === "empty") {
    if (!checked.createIfMissing) {
      throw new StorageError(
        "NOT_FOUND",
        `no LevelDB store at ${location} (createIfMissing is false)`,
        { details: { location } },
      );
    }
    if (state.kind === "missing") await mkdir(location, { recursive: true });
  }
  const db: Db = new ClassicLevel<string, Uint8Array>(location, {
    keyEncoding: "utf8",
    valueEncoding: "view",
    // Only ever true for a missing or empty directory: LevelDB must not create over a store.
    createIfMissing: state.kind === "missing" || state.kind === "empty",
    ...(checked.maxOpenFiles === undefined ? {} : { maxOpenFiles: checked.maxOpenFiles }),
  });
  try {
    await db.open();
  } catch (error) {
    throw toStorageError(error, "open", location);
  }
  primeKeyBuffer(db);
  try {
    const store = await prepareStore(db, location, state, checked.durability, shared);
    const warn = checked.onWarning ?? defaultWarning;
    if (store.report.droppedLogRecords.length > 0) {
      const bytes = store.report.droppedLogRecords.reduce((n, d) => n + d.bytes, 0);
      warn({
        code: "MNEMO_LEVEL_LOG_RECORDS_DROPPED",
        message: `LevelDB store ${location}: LevelDB skipped ${bytes} bytes of corrupt write-ahead log while opening (${store.report.droppedLogRecords.map((d) => `${d.file}: ${d.reason}`).join("; ")}); the writes in them are lost`,
        location,
        report: store.report,
      });
    }
    return new LevelBackend(checked.scope, store, true);
  } catch (error) {
    await db.close().catch(() => {});
    throw toStorageError(error, "open", location);
  }
}

async function prepareStore(
  db: Db,
  location: string,
  state: DirectoryState,
  durability: Durability,
  shared: ReturnType<typeof sharedState>,
): Promise<LevelStore> {
  const droppedLogRecords = await droppedAtRecovery(location);
  if (state.kind === "store") await recordVerified(location, state.verified);
  const valuesUpgraded = await prepareFormat(db, location);
  const clock = await CommitClock.open(db);
  let corruptedValuesFound = 0;
  if (droppedLogRecords.length > 0) {
    // The clock's mark may have been in what was dropped while later values survived.
    const found = await largestCommit(db, commitOf);
    await clock.raiseTo(found.largest);
    corruptedValuesFound = found.corrupted;
  }
  const report: LevelOpenReport = {
    kind: state.kind === "store" ? "opened" : "created",
    tablesChecked: state.kind === "store" ? state.checked : 0,
    tableBytesChecked: state.kind === "store" ? state.checkedBytes : 0,
    valuesUpgraded,
    droppedLogRecords,
    corruptedValuesFound,
  };
  return {
    ...shared,
    db,
    location,
    scheduler: new SyncScheduler(() => db.put(SYNC_MARKER_KEY, EMPTY, SYNCED), durability),
    gate: new WriteGate(),
    clock,
    report,
  };
}
