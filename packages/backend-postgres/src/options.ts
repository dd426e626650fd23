import { StorageError } from "@mnemo/core";

export interface PostgresBackendOptions {
  /**
   * Where the pool connects. With `applicationRole` this is the owner (migrating) role and
   * every pooled connection switches to the application role; without it, it should be a
   * login of the application role itself (see the README's production setup).
   */
  readonly connectionString: string;
  /**
   * A role every pooled connection switches to with `SET ROLE` before its first query, so
   * queries run without ownership, superuser or BYPASSRLS and row-level security applies.
   * Migrations keep running as the connecting role and grant this role what it needs.
   */
  readonly applicationRole?: string;
  /** Connection for migrations (DDL); default `connectionString`. */
  readonly migrationConnectionString?: string;
  /** The PostgreSQL schema holding Mnemo's tables. Default `"mnemo"`. */
  readonly schema?: string;
  /** Most connections the pool opens (the seed's `pool_size`). Default 10. */
  readonly poolSize?: number;
  /**
   * Longest wait for a connection, from the pool or a new one (`pool_timeout_secs`).
   * Default 30; never 0, which node-postgres reads as "wait forever".
   */
  readonly poolTimeoutSecs?: number;
  /** An idle connection is closed after this long (`idle_timeout_secs`). Default 600. */
  readonly idleTimeoutSecs?: number;
  /** A connection is retired after this long (`max_lifetime_secs`). Default 1800; 0 = never. */
  readonly maxLifetimeSecs?: number;
  /** Sent as `application_name`, visible in `pg_stat_activity`. Default `"mnemo"`. */
  readonly applicationName?: string;
  /** Default `"default"`. */
  readonly namespace?: string;
  /** Default `"default"`. */
  readonly tenant?: string;
  /** Default 16 MiB. */
  readonly maxValueBytes?: number;
  /**
   * Create or upgrade a namespace's table on its first use (default true). When false, run
   * `migrate()` first; a namespace without its table fails with `NOT_FOUND`.
   */
  readonly autoMigrate?: boolean;
  /** Rows fetched per round trip while a scan streams. Default 1024. */
  readonly scanPageSize?: number;
}

export interface ResolvedPoolOptions {
  readonly max: number;
  readonly connectionTimeoutMillis: number;
  readonly idleTimeoutMillis: number;
  readonly maxLifetimeSeconds: number;
}

const IDENTIFIER = /^[a-z_][a-z0-9_]{0,62}$/;

/** Role and schema names go into SQL as identifiers: keep them plain. */
export function checkIdentifier(field: string, value: string): string {
  if (typeof value !== "string" || !IDENTIFIER.test(value)) {
    throw new StorageError(
      "INVALID_ARGUMENT",
      `${field} must match ${IDENTIFIER} (lowercase letters, digits, _), got ${JSON.stringify(value)}`,
      { details: { [field]: value } },
    );
  }
  return value;
}

function seconds(field: string, value: number | undefined, fallback: number, min: number): number {
  const v = value ?? fallback;
  if (typeof v !== "number" || !Number.isFinite(v) || v < min) {
    throw new StorageError("INVALID_ARGUMENT", `${field} must be a number >= ${min}, got ${v}`, {
      details: { [field]: v },
    });
  }
  return v;
}

export function resolvePoolOptions(options: PostgresBackendOptions): ResolvedPoolOptions {
  const max = options.poolSize ?? 10;
  if (!Number.isInteger(max) || max < 1) {
    throw new StorageError("INVALID_ARGUMENT", `poolSize must be an integer >= 1, got ${max}`, {
      details: { poolSize: max },
    });
  }
  const timeout = seconds("poolTimeoutSecs", options.poolTimeoutSecs, 30, 0.001);
  return {
    max,
    // At least 1 ms: 0 would mean "wait forever" to node-postgres.
    connectionTimeoutMillis: Math.max(1, Math.round(timeout * 1000)),
    idleTimeoutMillis: Math.round(
      seconds("idleTimeoutSecs", options.idleTimeoutSecs, 600, 0) * 1000,
    ),
    maxLifetimeSeconds: seconds("maxLifetimeSecs", options.maxLifetimeSecs, 1800, 0),
  };
}

export function resolveScanPageSize(options: PostgresBackendOptions): number {
  const size = options.scanPageSize ?? 1024;
  if (!Number.isInteger(size) || size < 1) {
    throw new StorageError(
      "INVALID_ARGUMENT",
      `scanPageSize must be an integer >= 1, got ${size}`,
      {
        details: { scanPageSize: size },
      },
    );
  }
  return size;
}
