/**
 * Each namespace is one table `<schema>.kv_<namespace>`, created and upgraded by versioned
 * Kysely migrations recorded in its own `<schema>.kv_<namespace>_migrations` table (so
 * namespaces, which appear at run time, migrate independently; Kysely's advisory lock
 * serialises concurrent migrators across processes).
 */
import { validateNamespace } from "@mnemo/core";
import { Kysely, PostgresDialect, sql } from "kysely";
import { type Migration, Migrator } from "kysely/migration";
import pg from "pg";
import { commitFunctionName, commitFunctionSql, sequenceName } from "./commit-function.js";
import { checkIdentifier } from "./options.js";

export const DEFAULT_SCHEMA = "mnemo";

export interface KvTable {
  readonly schema: string;
  readonly name: string;
  /** Quoted, schema-qualified: ready to splice into SQL. */
  readonly qualified: string;
}

export function kvTable(schema: string, namespace: string): KvTable {
  const name = `kv_${namespace}`;
  return { schema, name, qualified: `"${schema}"."${name}"` };
}

/** The newest migration of a namespace table: a table whose log ends here is current. */
export const LATEST_MIGRATION = "0003_values_lz4";

/** Versioned schema of one namespace table. Append new versions; never edit shipped ones. */
function kvMigrations(table: KvTable): Record<string, Migration> {
  const t = sql.id(table.schema, table.name);
  // An unset tenant setting reads as '' after any transaction that set it: NULLIF turns it
  // into NULL, which matches no row.
  const tenantMatches = sql`tenant_id = NULLIF(current_setting('mnemo.tenant', true), '')`;
  return {
    "0001_kv_table_with_rls": {
      async up(db) {
        // COLLATE "C" makes text order UTF-8 byte order and keeps ranges on the index.
        await sql`CREATE TABLE ${t} (
          tenant_id text NOT NULL,
          key text COLLATE "C" NOT NULL,
          value bytea NOT NULL,
          PRIMARY KEY (tenant_id, key)
        )`.execute(db);
        await sql`ALTER TABLE ${t} ENABLE ROW LEVEL SECURITY`.execute(db);
        // FORCE: the owner is subject to the policy too.
        await sql`ALTER TABLE ${t} FORCE ROW LEVEL SECURITY`.execute(db);
        await sql`CREATE POLICY tenant_isolation ON ${t}
          USING (${tenantMatches}) WITH CHECK (${tenantMatches})`.execute(db);
      },
      async down(db) {
        await sql`DROP TABLE ${t}`.execute(db);
      },
    },
    // Checked commits: a version per row (the commit number that last wrote it; rows written
    // before this migration read as version 0), one commit sequence per schema, the commit
    // function, and a policy that lets the owner list every tenant's rows when it asks to.
    "0002_versions_and_commit_function": {
      async up(db) {
        await sql`ALTER TABLE ${t} ADD COLUMN version bigint NOT NULL DEFAULT 0`.execute(db);
        await sql.raw(`CREATE SEQUENCE IF NOT EXISTS ${sequenceName(table)}`).execute(db);
        await sql.raw(commitFunctionSql(table)).execute(db);
        await sql`CREATE POLICY operator_listing ON ${t} FOR SELECT TO CURRENT_USER
          USING (current_setting('mnemo.operator', true) = 'on')`.execute(db);
      },
      async down(db) {
        await sql.raw(`DROP FUNCTION ${commitFunctionName(table)}`).execute(db);
        await sql`DROP POLICY operator_listing ON ${t}`.execute(db);
        await sql`ALTER TABLE ${t} DROP COLUMN version`.execute(db);
      },
    },
    // Values over ~2 KB are compressed in TOAST; lz4 (PostgreSQL 14+, where the server was
    // built with it) compresses faster than the default pglz: 2,000 episodic blocks of ~10 KB
    // wrote in 2.0 instead of 4.6 s, read in 2.5 instead of 2.6. Values stored before keep
    // their method and still read; without lz4 the column stays as it was.
    [LATEST_MIGRATION]: {
      async up(db) {
        const { rows } = await sql<{ lz4: boolean }>`SELECT 'lz4' = ANY(enumvals) AS lz4
          FROM pg_settings WHERE name = 'default_toast_compression'`.execute(db);
        if (rows[0]?.lz4 === true) {
          await sql`ALTER TABLE ${t} ALTER COLUMN value SET COMPRESSION lz4`.execute(db);
        }
      },
      async down(db) {
        await sql`ALTER TABLE ${t} ALTER COLUMN value SET COMPRESSION default`.execute(db);
      },
    },
  };
}

export function migrationLog(table: KvTable): string {
  return `${table.name}_migrations`;
}

/** The SQL that reads the newest applied migration of a table (as any role granted it). */
export function latestMigrationQuery(table: KvTable): string {
  return `SELECT max(name) AS name FROM "${table.schema}"."${migrationLog(table)}"`;
}

// Concurrent first migrators (other pools, other processes) can race on CREATE ... IF NOT
// EXISTS and on GRANT; both are idempotent, so the loser just tries again.
function isRace(error: unknown): boolean {
  const { code, message } = (error ?? {}) as { code?: string; message?: string };
  return (
    (code !== undefined && ["23505", "42P06", "42P07", "42710"].includes(code)) ||
    /tuple concurrently (updated|deleted)/.test(message ?? "")
  );
}

/** Applies the pending migrations of one namespace table; returns the names applied. */
export async function migrateTable(
  db: Kysely<unknown>,
  table: KvTable,
  applicationRole: string | undefined,
): Promise<string[]> {
  const migrator = new Migrator({
    db,
    provider: { getMigrations: async () => kvMigrations(table) },
    migrationTableSchema: table.schema,
    migrationTableName: migrationLog(table),
    migrationLockTableName: "kv_migration_lock",
  });
  for (let attempt = 1; ; attempt++) {
    try {
      const { error, results } = await migrator.migrateToLatest();
      if (error !== undefined) throw error;
      if (applicationRole !== undefined) await grantTable(db, table, applicationRole);
      return (results ?? []).filter((r) => r.status === "Success").map((r) => r.migrationName);
    } catch (error) {
      if (attempt >= 5 || !isRace(error)) throw error;
      await new Promise((resolve) => setTimeout(resolve, 20 * attempt));
    }
  }
}

/** The application role may read and write rows; it owns nothing and cannot change schema. */
async function grantTable(db: Kysely<unknown>, table: KvTable, role: string): Promise<void> {
  const qualified = `${table.schema}.${table.name}`;
  const sequence = `${table.schema}.kv_commit_seq`;
  const { rows } = await sql<{ granted: boolean }>`SELECT
      has_schema_privilege(${role}, ${table.schema}, 'USAGE')
      AND has_table_privilege(${role}, ${qualified}, 'SELECT, INSERT, UPDATE, DELETE')
      AND has_sequence_privilege(${role}, ${sequence}, 'USAGE') AS granted`.execute(db);
  if (rows[0]?.granted) return;
  await sql`GRANT USAGE ON SCHEMA ${sql.id(table.schema)} TO ${sql.id(role)}`.execute(db);
  // Reading the migration log lets a new pool see in one query that its table is current.
  await sql`GRANT SELECT ON ${sql.id(table.schema, migrationLog(table))} TO ${sql.id(role)}`.execute(
    db,
  );
  await sql`GRANT SELECT, INSERT, UPDATE, DELETE ON ${sql.id(table.schema, table.name)} TO ${sql.id(role)}`.execute(
    db,
  );
  // nextval() in the commit function runs as the caller.
  await sql`GRANT USAGE ON SEQUENCE ${sql.id(table.schema, "kv_commit_seq")} TO ${sql.id(role)}`.execute(
    db,
  );
}

export interface MigrationConnection {
  readonly db: Kysely<unknown>;
  destroy(): Promise<void>;
}

/** A one-connection Kysely for DDL, running as the role of `connectionString`. */
export function openMigrationConnection(
  connectionString: string,
  connectionTimeoutMillis: number,
): MigrationConnection {
  const pool = new pg.Pool({
    connectionString,
    max: 1,
    connectionTimeoutMillis,
    idleTimeoutMillis: 1000,
    allowExitOnIdle: true,
    application_name: "mnemo-migrate",
  });
  pool.on("error", () => {}); // an idle client's error must not crash the process
  const db = new Kysely<unknown>({ dialect: new PostgresDialect({ pool }) });
  return { db, destroy: () => db.destroy() };
}

export interface MigrateOptions {
  /** A connection as the role that owns (or may create) Mnemo's schema and tables. */
  readonly connectionString: string;
  /** The namespaces (components) whose tables to create or upgrade. */
  readonly namespaces: readonly string[];
  /** Default `"mnemo"`. */
  readonly schema?: string;
  /** Granted USAGE on the schema and SELECT/INSERT/UPDATE/DELETE on each table. */
  readonly applicationRole?: string;
  /** Default 30. */
  readonly connectTimeoutSecs?: number;
}

export interface MigrateResult {
  readonly namespace: string;
  readonly table: string;
  /** Migrations applied by this call (empty when the table was already current). */
  readonly applied: readonly string[];
}

/** Creates or upgrades the tables of `namespaces`: for the CLI, the kernel, or deployments. */
export async function migrate(options: MigrateOptions): Promise<MigrateResult[]> {
  const schema = checkIdentifier("schema", options.schema ?? DEFAULT_SCHEMA);
  const role =
    options.applicationRole === undefined
      ? undefined
      : checkIdentifier("applicationRole", options.applicationRole);
  for (const namespace of options.namespaces) validateNamespace(namespace);
  const connection = openMigrationConnection(
    options.connectionString,
    Math.max(1, Math.round((options.connectTimeoutSecs ?? 30) * 1000)),
  );
  try {
    const results: MigrateResult[] = [];
    for (const namespace of options.namespaces) {
      const table = kvTable(schema, namespace);
      const applied = await migrateTable(connection.db, table, role);
      results.push({ namespace, table: table.qualified, applied });
    }
    return results;
  } finally {
    await connection.destroy();
  }
}
