import { StorageError } from "@mnemo/core";
import pg from "pg";
import { checkIdentifier } from "./options.js";

/**
 * Creates `role` (NOLOGIN, no superuser, no BYPASSRLS) when missing and checks that an
 * existing one has neither privilege, so row-level security applies to it. For tests and
 * first deployments; `connectionString` must be allowed to create roles. Safe to call from
 * several processes at once.
 */
export async function ensureApplicationRole(connectionString: string, role: string): Promise<void> {
  checkIdentifier("applicationRole", role);
  const client = new pg.Client({ connectionString, application_name: "mnemo-provision" });
  client.on("error", () => {});
  await client.connect();
  try {
    await client.query(`DO $$ BEGIN
      CREATE ROLE "${role}" NOLOGIN NOSUPERUSER NOBYPASSRLS NOCREATEDB NOCREATEROLE;
    EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL;
    END $$`);
    const { rows } = await client.query<{ rolsuper: boolean; rolbypassrls: boolean }>(
      "SELECT rolsuper, rolbypassrls FROM pg_roles WHERE rolname = $1",
      [role],
    );
    const row = rows[0];
    if (row === undefined || row.rolsuper || row.rolbypassrls) {
      throw new StorageError(
        "INVALID_ARGUMENT",
        `application role ${role} is superuser or has BYPASSRLS: row-level security would not apply to it`,
        { details: { applicationRole: role } },
      );
    }
  } finally {
    await client.end().catch(() => {});
  }
}
