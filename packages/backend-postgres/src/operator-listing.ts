/**
 * Operator listing (namespaces of a store, tenants of a namespace) for migration and export.
 * It runs on the owner's connection (the migration connection), never on the application
 * pool: row-level security hides other tenants from the application role, and the owner sees
 * every row only through the `operator_listing` policy, which applies to it alone and only
 * inside a transaction that sets `mnemo.operator`.
 */
import { compareKeys, StorageError } from "@mnemo/core";
import { type Kysely, sql } from "kysely";
import type { KvTable } from "./schema.js";

type Db = Kysely<unknown>;

async function asOperator<T>(db: Db, body: (trx: Db) => Promise<T>): Promise<T> {
  return db.transaction().execute(async (trx) => {
    await sql`SELECT set_config('mnemo.operator', 'on', true)`.execute(trx);
    return body(trx);
  });
}

/** The owner, a superuser or a BYPASSRLS role may list; anyone else gets PERMISSION_DENIED. */
async function requireOperator(db: Db, schema: string, what: string): Promise<void> {
  const { rows } = await sql<{ allowed: boolean }>`SELECT r.rolsuper OR r.rolbypassrls
      OR coalesce(pg_has_role(current_user, n.nspowner, 'USAGE'), false) AS allowed
    FROM pg_roles r LEFT JOIN pg_namespace n ON n.nspname = ${schema}
    WHERE r.rolname = current_user`.execute(db);
  if (rows[0]?.allowed !== true) {
    throw new StorageError(
      "PERMISSION_DENIED",
      `${what} needs the owner of schema ${schema} (the migration connection); this role is not it`,
      { details: { schema } },
    );
  }
}

/** Namespaces whose table holds at least one row of any tenant, in byte order. */
export async function listNamespaces(db: Db, schema: string): Promise<string[]> {
  await requireOperator(db, schema, "listNamespaces");
  return asOperator(db, async (trx) => {
    // Namespace tables are the ones with a migration log beside them.
    const { rows: tables } = await sql<{ name: string }>`SELECT c.relname AS name
      FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname = ${schema} AND c.relkind = 'r' AND c.relname LIKE 'kv\\_%'
        AND EXISTS (SELECT 1 FROM pg_class m WHERE m.relnamespace = n.oid
                    AND m.relname = c.relname || '_migrations')`.execute(trx);
    if (tables.length === 0) return [];
    const probes = tables.map(
      ({ name }) =>
        sql`SELECT ${name}::text AS name WHERE EXISTS (SELECT 1 FROM ${sql.id(schema, name)})`,
    );
    const { rows } = await sql<{ name: string }>`${sql.join(probes, sql` UNION ALL `)}`.execute(
      trx,
    );
    return rows.map(({ name }) => name.slice("kv_".length)).sort(compareKeys);
  });
}

/** Tenants with at least one row in `table`, in byte order (a loose index scan). */
export async function listTenants(db: Db, table: KvTable): Promise<string[]> {
  await requireOperator(db, table.schema, "listTenants");
  return asOperator(db, async (trx) => {
    const t = sql.id(table.schema, table.name);
    const exists = await sql<{
      present: boolean;
    }>`SELECT to_regclass(${table.qualified}) IS NOT NULL AS present`.execute(trx);
    if (exists.rows[0]?.present !== true) return [];
    const { rows } = await sql<{ tenant: string }>`WITH RECURSIVE r(tenant) AS (
        (SELECT tenant_id FROM ${t} ORDER BY tenant_id LIMIT 1)
        UNION ALL
        SELECT (SELECT tenant_id FROM ${t} WHERE tenant_id > r.tenant ORDER BY tenant_id LIMIT 1)
        FROM r WHERE r.tenant IS NOT NULL
      ) SELECT tenant FROM r WHERE tenant IS NOT NULL`.execute(trx);
    return rows.map(({ tenant }) => tenant).sort(compareKeys);
  });
}
