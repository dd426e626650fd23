import {
  AbstractBackend,
  type BackendCharacteristics,
  type BackendScope,
  type CommitResult,
  DEFAULT_NAMESPACE,
  DEFAULT_TENANT,
  type Entry,
  type KeyBound,
  type KeyRange,
  type NormalizedCommit,
  type PutAbsentResult,
  type SharedBackendState,
  StorageError,
  sharedState,
  type VersionedEntry,
  type VersionedScanEntry,
} from "@mnemo/core";
import pg from "pg";
import { loginUser } from "./application-role.js";
import { binaryByteaArray, binaryTextArray } from "./binary-arrays.js";
import { decodeBytea, decodeByteaColumn, poolTypes } from "./bytea.js";
import { NOT_A_COUNTER_SQLSTATE } from "./commit-function.js";
import { commitParams } from "./commit-params.js";
import { POOL } from "./internal.js";
import { type KvStatements, kvStatements, type Statement } from "./kv-statements.js";
import { MEASURED_LATENCY } from "./measured-latency.js";
import { listNamespaces, listTenants } from "./operator-listing.js";
import {
  checkIdentifier,
  type PostgresBackendOptions,
  resolvePoolOptions,
  resolveScanPageSize,
} from "./options.js";
import { isConnectionError, isServerError, toStorageError } from "./postgres-errors.js";
import {
  DEFAULT_SCHEMA,
  type KvTable,
  kvTable,
  LATEST_MIGRATION,
  latestMigrationQuery,
  type MigrationConnection,
  migrateTable,
  openMigrationConnection,
} from "./schema.js";
import { checkoutForTenant, type SessionSetup } from "./tenant-session.js";

/** One namespace table as this pool knows it. */
interface TableState {
  readonly table: KvTable;
  readonly statements: KvStatements;
  /** Migrated (or, without autoMigrate, assumed present). */
  ready: boolean;
  migrating: Promise<void> | undefined;
  /** putAbsent calls left that skip the all-absent attempt (see `_putAbsent`). */
  putAbsentSkips: number;
}

/** Calls that skip putAbsent's all-absent attempt after it met a present key. */
const PUT_ABSENT_MISS_SKIPS = 16;

/** The error a unique violation (SQLSTATE 23505) became, as `#run` throws it. */
function isUniqueViolation(error: unknown): boolean {
  const cause = error instanceof StorageError ? error.cause : error;
  return (cause as { code?: unknown } | undefined)?.code === "23505";
}

/** Everything the root handle and its derived handles share: one pool. */
interface PostgresShared extends SharedBackendState {
  readonly pool: pg.Pool;
  readonly session: SessionSetup;
  readonly schema: string;
  readonly applicationRole: string | undefined;
  readonly autoMigrate: boolean;
  readonly migrationConnectionString: string;
  readonly connectionTimeoutMillis: number;
  readonly scanPageSize: number;
  readonly tables: Map<string, TableState>;
  migration: MigrationConnection | undefined;
}

/** Operations that change data: never re-sent after a failure that may have run them. */
const WRITES = new Set(["commit", "putAbsent", "clear"]);

/** A pooled connection whose socket is already gone (the server closed it while idle). */
function isDead(client: pg.PoolClient): boolean {
  const stream = (
    client as unknown as { connection?: { stream?: { destroyed?: boolean; writable?: boolean } } }
  ).connection?.stream;
  return stream !== undefined && (stream.destroyed === true || stream.writable === false);
}

/** listKeys reads keys only, so it can take bigger pages than a scan. */
const KEY_PAGE_SIZE = 4096;

type Row = readonly unknown[];

export class PostgresBackend extends AbstractBackend {
  readonly #shared: PostgresShared;
  readonly #table: TableState;

  /** Use `openPostgresBackend`. */
  constructor(scope: BackendScope, shared: PostgresShared, isRoot: boolean) {
    super(scope, shared, isRoot);
    this.#shared = shared;
    let table = shared.tables.get(scope.namespace);
    if (table === undefined) {
      const kv = kvTable(shared.schema, scope.namespace);
      table = {
        table: kv,
        statements: kvStatements(kv),
        ready: false,
        migrating: undefined,
        putAbsentSkips: 0,
      };
      shared.tables.set(scope.namespace, table);
    }
    this.#table = table;
  }

  backendType() {
    return "postgres" as const;
  }

  characteristics(): BackendCharacteristics {
    return {
      persistent: true,
      transactional: true,
      supportsPrefixScan: true,
      supportsAtomicOps: true,
      multiProcess: true,
      ...MEASURED_LATENCY,
    };
  }

  /** For this package's tests only (see internal.ts). */
  [POOL](): pg.Pool {
    return this.#shared.pool;
  }

  /**
   * The pool's connections now, for metrics: `total` open, `idle` of them free, `waiting`
   * callers queued for one (in use = total - idle). Shared by every handle of one root.
   */
  poolStats(): { readonly total: number; readonly idle: number; readonly waiting: number } {
    const pool = this.#shared.pool;
    return { total: pool.totalCount, idle: pool.idleCount, waiting: pool.waitingCount };
  }

  /** The schema-qualified table of this handle's namespace. */
  get tableName(): string {
    return this.#table.table.qualified;
  }

  // ---- plumbing --------------------------------------------------------------------

  #error(error: unknown, operation: string): StorageError {
    return toStorageError(error, {
      operation,
      table: this.#table.table.qualified,
      namespace: this.namespace,
      closed: this.isClosed,
    });
  }

  async #ensureTable(): Promise<void> {
    const state = this.#table;
    const shared = this.#shared;
    if (!shared.autoMigrate) {
      state.ready = true; // a missing table surfaces as NOT_FOUND on the first query
      return;
    }
    state.migrating ??= (async () => {
      if (await this.#isCurrent()) {
        state.ready = true;
        return;
      }
      shared.migration ??= openMigrationConnection(
        shared.migrationConnectionString,
        shared.connectionTimeoutMillis,
      );
      await migrateTable(shared.migration.db, state.table, shared.applicationRole);
      state.ready = true;
    })().catch((error: unknown) => {
      state.migrating = undefined; // let the next call try again
      throw error;
    });
    try {
      await state.migrating;
    } catch (error) {
      throw this.#error(error, "migrate");
    }
  }

  /**
   * Whether the table's migration log already ends at the latest version: one query on a
   * pooled connection, so a new pool on a migrated database opens no DDL connection at all.
   */
  async #isCurrent(): Promise<boolean> {
    const client = await checkoutForTenant(this.#shared.pool, this.tenant, this.#shared.session);
    try {
      const { rows } = await client.query(latestMigrationQuery(this.#table.table));
      client.release();
      return rows[0]?.name === LATEST_MIGRATION;
    } catch (error) {
      const usable = isServerError(error);
      client.release(usable ? undefined : (error as Error));
      if (usable) return false; // no log yet, or not readable: migrate
      throw error;
    }
  }

  /** One statement on a connection set for this handle's tenant. */
  async #run(
    operation: string,
    statement: Statement,
    values: unknown[],
    rowMode?: "array",
  ): Promise<pg.QueryResult> {
    if (!this.#table.ready) await this.#ensureTable();
    const config: pg.QueryArrayConfig | pg.QueryConfig =
      rowMode === undefined
        ? { name: statement.name, text: statement.text, values }
        : { name: statement.name, text: statement.text, values, rowMode };
    // After a server restart the pool may still hold connections that died while idle. A
    // call retries once on a fresh connection when nothing of it can have run: the checkout
    // failed, the socket was already closed, or the statement only reads.
    for (let attempt = 1; ; attempt++) {
      let client: pg.PoolClient;
      try {
        client = await checkoutForTenant(this.#shared.pool, this.tenant, this.#shared.session);
      } catch (error) {
        if (attempt === 1 && isConnectionError(error) && !this.isClosed) continue;
        throw this.#error(error, operation);
      }
      const deadBefore = isDead(client);
      if (deadBefore && attempt === 1) {
        client.release(new Error("connection closed while idle"));
        continue;
      }
      try {
        const result: pg.QueryResult = await client.query(config as pg.QueryConfig);
        client.release();
        return result;
      } catch (error) {
        // A server-side error leaves the connection usable; anything else destroys it.
        client.release(isServerError(error) ? undefined : (error as Error));
        const safe = deadBefore || !WRITES.has(operation);
        if (attempt === 1 && safe && isConnectionError(error) && !this.isClosed) continue;
        throw this.#error(error, operation);
      }
    }
  }

  // ---- hooks -----------------------------------------------------------------------

  protected async _get(key: string): Promise<Uint8Array | undefined> {
    const { rows } = await this.#run(
      "get",
      this.#table.statements.get,
      [this.tenant, key],
      "array",
    );
    const text = (rows[0] as Row | undefined)?.[0] as string | undefined;
    return text === undefined ? undefined : decodeBytea(text);
  }

  protected override async _exists(key: string): Promise<boolean> {
    const { rowCount } = await this.#run("exists", this.#table.statements.exists, [
      this.tenant,
      key,
    ]);
    return (rowCount ?? 0) > 0;
  }

  protected async _getMany(keys: readonly string[]): Promise<Map<string, Uint8Array>> {
    const { rows } = await this.#run(
      "getBatch",
      this.#table.statements.getMany,
      [this.tenant, keys],
      "array",
    );
    decodeByteaColumn(rows, 1);
    const found = new Map<string, Uint8Array>();
    for (const row of rows as Row[]) found.set(row[0] as string, row[1] as Uint8Array);
    return found;
  }

  protected async _getEntry(key: string): Promise<VersionedEntry | undefined> {
    const { rows } = await this.#run(
      "getEntry",
      this.#table.statements.getEntry,
      [this.tenant, key],
      "array",
    );
    const row = rows[0] as Row | undefined;
    if (row === undefined) return undefined;
    return { value: decodeBytea(row[0] as string), version: row[1] as string };
  }

  protected async _getEntries(keys: readonly string[]): Promise<Map<string, VersionedEntry>> {
    const { rows } = await this.#run(
      "getEntries",
      this.#table.statements.getEntries,
      [this.tenant, keys],
      "array",
    );
    decodeByteaColumn(rows, 1);
    const found = new Map<string, VersionedEntry>();
    for (const row of rows as Row[]) {
      found.set(row[0] as string, { value: row[1] as Uint8Array, version: row[2] as string });
    }
    return found;
  }

  protected async _commit(commit: NormalizedCommit): Promise<CommitResult> {
    const [only, ...rest] = commit.mutations;
    if (commit.checks.length === 0 && rest.length === 0 && only?.type === "put") {
      return this.#putOne(only.key, only.value);
    }
    let result: pg.QueryResult;
    try {
      result = await this.#run(
        "commit",
        this.#table.statements.commit,
        commitParams(this.tenant, commit),
        "array",
      );
    } catch (error) {
      throw this.#commitError(error);
    }
    const [committed, version, failed] = result.rows[0] as [boolean, string, string[]];
    return committed ? { ok: true, version } : { ok: false, failed };
  }

  /** `set`, and any commit that is one put and no check: one statement (`putOneSql`). */
  async #putOne(key: string, value: Uint8Array): Promise<CommitResult> {
    const bytes = Buffer.from(value.buffer, value.byteOffset, value.byteLength);
    const { rows } = await this.#run(
      "commit",
      this.#table.statements.putOne,
      [this.tenant, key, bytes],
      "array",
    );
    return { ok: true, version: (rows[0] as [string])[0] };
  }

  /**
   * First as if every key were absent (`putAllAbsent`, the common case of a copy into an
   * empty range); a key present fails that statement whole, and the keys go again by the
   * statement that skips present keys. After such a miss the next PUT_ABSENT_MISS_SKIPS calls
   * on the table go straight to that one, so a store full of the keys pays one miss in so
   * many. Binary array parameters (binary-arrays.ts): the keys and values copied once.
   */
  protected async _putAbsent(entries: readonly Entry[]): Promise<PutAbsentResult> {
    const keys = entries.map(([key]) => key);
    const params = [
      this.tenant,
      binaryTextArray(keys),
      binaryByteaArray(entries.map(([, value]) => value)),
    ];
    if (this.#table.putAbsentSkips > 0) this.#table.putAbsentSkips--;
    else {
      try {
        await this.#run("putAbsent", this.#table.statements.putAllAbsent, params);
        return { written: keys };
      } catch (error) {
        if (!isUniqueViolation(error)) throw error;
        this.#table.putAbsentSkips = PUT_ABSENT_MISS_SKIPS;
      }
    }
    const { rows } = await this.#run(
      "putAbsent",
      this.#table.statements.putAbsent,
      params,
      "array",
    );
    // RETURNING order is the insert's, which is not promised: report in the order given.
    const written = new Set((rows as Row[]).map((row) => row[0] as string));
    return { written: written.size === keys.length ? keys : keys.filter((k) => written.has(k)) };
  }

  /** A `sum` the stored value refuses is the caller's INVALID_VALUE, not a server error. */
  #commitError(error: unknown): unknown {
    const cause = error instanceof StorageError ? error.cause : error;
    const { code, detail } = (cause ?? {}) as { code?: string; detail?: string };
    if (code === NOT_A_COUNTER_SQLSTATE) {
      return new StorageError(
        "INVALID_VALUE",
        `sum on key ${JSON.stringify(detail)}: the stored value is not an 8-byte counter`,
        {
          cause,
          details: { key: detail },
        },
      );
    }
    if (code === "22003") {
      return new StorageError("INVALID_VALUE", "a sum overflows a 64-bit signed counter", {
        cause,
      });
    }
    return error;
  }

  /**
   * One keyset page: at most `limit` rows inside the bounds and, with values, at most the
   * read-ahead budget of value bytes (but at least one row). `exhausted`: no rows follow.
   */
  async #page(
    range: KeyRange,
    lower: KeyBound | undefined,
    upper: KeyBound | undefined,
    keysOnly: boolean,
    limit: number,
  ): Promise<{ rows: Row[]; exhausted: boolean }> {
    const values: unknown[] = [this.tenant];
    if (lower !== undefined) values.push(lower.key);
    if (upper !== undefined) values.push(upper.key);
    values.push(limit);
    if (!keysOnly) values.push(this.#shared.limits.scanReadAheadBytes);
    const statement = this.#table.statements.scan({
      lower,
      upper,
      reverse: range.reverse,
      keysOnly,
      versions: range.versions,
    });
    const { rows } = await this.#run(keysOnly ? "listKeys" : "scan", statement, values, "array");
    if (keysOnly) return { rows: rows as Row[], exhausted: rows.length < limit };
    decodeByteaColumn(rows, 1);
    // The last column counts the rows the page had before the byte budget cut it: the range
    // is exhausted when that was short of the limit and the budget cut nothing.
    const uncut = rows.length === 0 ? 0 : Number((rows[0] as Row).at(-1));
    return { rows: rows as Row[], exhausted: uncut < limit && rows.length === uncut };
  }

  /**
   * Keyset pagination: each page resumes after the last key of the previous one, and no
   * connection is held while the consumer works through a page.
   */
  async *#pages(range: KeyRange, keysOnly: boolean, pageSize: number): AsyncGenerator<Row[]> {
    let { lower, upper } = range;
    let remaining = range.limit;
    while (remaining > 0) {
      const want = Math.min(remaining, pageSize);
      const { rows, exhausted } = await this.#page(range, lower, upper, keysOnly, want);
      if (rows.length > 0) yield rows;
      if (exhausted || rows.length === 0) return;
      remaining -= rows.length;
      const resume: KeyBound = { key: rows[rows.length - 1]![0] as string, inclusive: false };
      if (range.reverse) upper = resume;
      else lower = resume;
      this.assertOpen();
    }
  }

  protected _scan(range: KeyRange): AsyncIterable<Entry | VersionedScanEntry> {
    const pages = this.#pages(range, false, this.#shared.scanPageSize);
    const versions = range.versions;
    // Hands out rows of the current page with already-settled promises: cheaper per entry
    // than an async generator, which costs a few promise hops for every row.
    let rows: Row[] = [];
    let index = 0;
    const iterator: AsyncIterator<Entry | VersionedScanEntry> = {
      next: async () => {
        while (index >= rows.length) {
          const page = await pages.next();
          if (page.done) return { done: true, value: undefined };
          rows = page.value;
          index = 0;
        }
        const row = rows[index++]!;
        const value: Entry | VersionedScanEntry = versions
          ? [row[0] as string, row[1] as Uint8Array, row[2] as string]
          : [row[0] as string, row[1] as Uint8Array];
        return { done: false, value };
      },
      return: async () => {
        await pages.return(undefined);
        return { done: true, value: undefined };
      },
    };
    return { [Symbol.asyncIterator]: () => iterator };
  }

  protected override async _listKeys(range: KeyRange): Promise<string[]> {
    const keys: string[] = [];
    for await (const rows of this.#pages(range, true, KEY_PAGE_SIZE)) {
      for (const row of rows) keys.push(row[0] as string);
    }
    return keys;
  }

  #operatorDb() {
    const shared = this.#shared;
    shared.migration ??= openMigrationConnection(
      shared.migrationConnectionString,
      shared.connectionTimeoutMillis,
    );
    return shared.migration.db;
  }

  protected async *_listNamespaces(): AsyncIterable<string> {
    let names: string[];
    try {
      names = await listNamespaces(this.#operatorDb(), this.#shared.schema);
    } catch (error) {
      throw this.#error(error, "listNamespaces");
    }
    yield* names;
  }

  protected async *_listTenants(): AsyncIterable<string> {
    let tenants: string[];
    try {
      tenants = await listTenants(this.#operatorDb(), this.#table.table);
    } catch (error) {
      throw this.#error(error, "listTenants");
    }
    yield* tenants;
  }

  protected async _clear(): Promise<void> {
    await this.#run("clear", this.#table.statements.clear, [this.tenant]);
  }

  protected _derive(scope: BackendScope): PostgresBackend {
    return new PostgresBackend(scope, this.#shared, false);
  }

  protected async _close(): Promise<void> {
    const migration = this.#shared.migration;
    this.#shared.migration = undefined;
    await Promise.allSettled([this.#shared.pool.end(), migration?.destroy()]);
  }
}

/**
 * Opens a pool and returns the root handle. No connection is made until the first call, so
 * opening never fails on an unreachable server; calls then fail with `UNAVAILABLE`.
 */
export async function openPostgresBackend(
  options: PostgresBackendOptions,
): Promise<PostgresBackend> {
  if (typeof options?.connectionString !== "string" || options.connectionString === "") {
    throw new StorageError("INVALID_ARGUMENT", "connectionString must be a non-empty string");
  }
  const poolOptions = resolvePoolOptions(options);
  const schema = checkIdentifier("schema", options.schema ?? DEFAULT_SCHEMA);
  const applicationRole =
    options.applicationRole === undefined
      ? undefined
      : checkIdentifier("applicationRole", options.applicationRole);
  const pool = new pg.Pool({
    connectionString: options.connectionString,
    ...poolOptions,
    application_name: options.applicationName ?? "mnemo",
    types: poolTypes,
    // Idle connections do not keep the process alive: a script that closes only the handles
    // it derived still exits.
    allowExitOnIdle: true,
  });
  // An idle connection's error (server restart, network) is emitted on the pool; without a
  // listener it would crash the process. The pool drops that connection by itself.
  pool.on("error", () => {});
  const shared: PostgresShared = {
    ...sharedState(options),
    pool,
    session: {
      // Logged in as the application role (production): nothing to switch. Logged in as
      // another role: SET ROLE on each new connection (development only: such a session can
      // RESET ROLE back to the login role; see the README's security section).
      setRole:
        applicationRole === undefined || loginUser(options.connectionString) === applicationRole
          ? undefined
          : `SET ROLE "${applicationRole}"`,
    },
    schema,
    applicationRole,
    autoMigrate: options.autoMigrate ?? true,
    migrationConnectionString: options.migrationConnectionString ?? options.connectionString,
    connectionTimeoutMillis: poolOptions.connectionTimeoutMillis,
    scanPageSize: resolveScanPageSize(options),
    tables: new Map(),
    migration: undefined,
  };
  return new PostgresBackend(
    { namespace: options.namespace ?? DEFAULT_NAMESPACE, tenant: options.tenant ?? DEFAULT_TENANT },
    shared,
    true,
  );
}
