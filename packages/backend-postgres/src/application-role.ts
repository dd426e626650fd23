import { StorageError } from "@mnemo/core";
import pg from "pg";
import { checkIdentifier } from "./options.js";

export interface ApplicationRoleOptions {
  /**
   * Make the role a LOGIN role with this password (the production setup: the pool logs in
   * as the application role, see `connectionStringAs`). Without it the role is NOLOGIN and
   * usable only through `SET ROLE` (a development convenience: see the README).
   */
  readonly password?: string;
}

/**
 * Creates `role` (no superuser, no BYPASSRLS) when missing and checks that an existing one
 * has neither privilege, so row-level security applies to it. For tests and first
 * deployments; `connectionString` must be allowed to create roles. Safe to call from several
 * processes at once.
 */
export async function ensureApplicationRole(
  connectionString: string,
  role: string,
  options: ApplicationRoleOptions = {},
): Promise<void> {
  checkIdentifier("applicationRole", role);
  if (options.password !== undefined && typeof options.password !== "string") {
    throw new StorageError("INVALID_ARGUMENT", "password must be a string");
  }
  const client = new pg.Client({ connectionString, application_name: "mnemo-provision" });
  client.on("error", () => {});
  await client.connect();
  try {
    await client.query(`DO $$ BEGIN
      CREATE ROLE "${role}" NOLOGIN NOSUPERUSER NOBYPASSRLS NOCREATEDB NOCREATEROLE;
    EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL;
    END $$`);
    if (options.password !== undefined) {
      const alter = `ALTER ROLE "${role}" LOGIN PASSWORD ${client.escapeLiteral(options.password)}`;
      // Several processes provisioning at once race on the role's catalog row: try again.
      for (let attempt = 1; ; attempt++) {
        try {
          await client.query(alter);
          break;
        } catch (error) {
          if (attempt >= 10 || !/concurrently updated/.test((error as Error).message)) throw error;
          await new Promise((resolve) => setTimeout(resolve, 10 * attempt));
        }
      }
    }
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

/** `connectionString` with its user and password replaced: the login of `role`. */
export function connectionStringAs(
  connectionString: string,
  role: string,
  password: string,
): string {
  const url = new URL(connectionString);
  url.username = encodeURIComponent(role);
  url.password = encodeURIComponent(password);
  return url.toString();
}

/** The user a URL-form connection string logs in as, or `undefined` when it names none. */
export function loginUser(connectionString: string): string | undefined {
  try {
    const user = decodeURIComponent(new URL(connectionString).username);
    return user === "" ? undefined : user;
  } catch {
    return undefined;
  }
}
