/**
 * A PostgreSQL schema of its own for one test file. Every backend opened through it is
 * closed before the schema is dropped, so no lazily created table lands in a dropped schema.
 */
import { randomUUID } from "node:crypto";
import {
  connectionStringAs,
  ensureApplicationRole,
  openPostgresBackend,
  type PostgresBackendOptions,
} from "@mnemo/backend-postgres";
import type { StorageBackend } from "@mnemo/core";
import { postgresTestUrl } from "@mnemo/testing";
import pg from "pg";

export const APP_ROLE = "mnemo_app";

export const unique = (prefix: string) =>
  `${prefix}_${randomUUID().replaceAll("-", "").slice(0, 12)}`;

export class TestSchema {
  readonly url: string;
  readonly name = unique("mig_test");
  readonly #roots: StorageBackend[] = [];

  constructor(url = postgresTestUrl()) {
    this.url = url;
  }

  get appUrl(): string {
    return connectionStringAs(this.url, APP_ROLE, APP_ROLE);
  }

  /** A root as the application role; with `owner`, as the schema's owner (operator listing). */
  async open(
    options: Partial<PostgresBackendOptions> = {},
    { owner = false } = {},
  ): Promise<StorageBackend> {
    await ensureApplicationRole(this.url, APP_ROLE, { password: APP_ROLE });
    const root = await openPostgresBackend(
      owner
        ? { connectionString: this.url, schema: this.name, poolSize: 2, ...options }
        : {
            connectionString: this.appUrl,
            migrationConnectionString: this.url,
            schema: this.name,
            applicationRole: APP_ROLE,
            poolSize: 2,
            ...options,
          },
    );
    this.#roots.push(root);
    return root;
  }

  #client: pg.Client | undefined;

  /** One superuser connection for the file, for checks and cleanup behind the backend's back. */
  async admin<T>(body: (client: pg.Client) => Promise<T>): Promise<T> {
    if (this.#client === undefined) {
      this.#client = new pg.Client({ connectionString: this.url });
      await this.#client.connect();
    }
    return body(this.#client);
  }

  /** Deletes every row of every namespace table in the schema (past row-level security). */
  async empty(): Promise<void> {
    await this.admin((client) =>
      client.query(`DO $$ DECLARE t text; BEGIN
        FOR t IN SELECT tablename FROM pg_tables WHERE schemaname = '${this.name}'
          AND tablename LIKE 'kv\\_%' AND tablename NOT LIKE '%\\_migrations'
          AND tablename <> 'kv_migration_lock'
        LOOP EXECUTE format('DELETE FROM %I.%I', '${this.name}', t); END LOOP;
      END $$`),
    );
  }

  async drop(): Promise<void> {
    for (const root of this.#roots.splice(0)) await root.close().catch(() => {});
    await this.admin((c) => c.query(`DROP SCHEMA IF EXISTS "${this.name}" CASCADE`));
    await this.#client?.end();
    this.#client = undefined;
  }
}
