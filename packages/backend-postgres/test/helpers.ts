import { randomUUID } from "node:crypto";
import { postgresTestUrl } from "@mnemo/testing";
import pg from "pg";
import {
  connectionStringAs,
  ensureApplicationRole,
  openPostgresBackend,
  type PostgresBackend,
  type PostgresBackendOptions,
} from "../src/index.js";

export const APP_ROLE = "mnemo_app";

export const unique = (prefix: string) =>
  `${prefix}_${randomUUID().replaceAll("-", "").slice(0, 12)}`;

export const bytes = (...values: number[]) => new Uint8Array(values);

/**
 * A schema of its own for one test file, dropped afterwards: tests share the server but
 * never each other's tables.
 */
export class TestSchema {
  /** The test server's own (superuser) login: DDL, grants, checks behind the backend's back. */
  readonly url = postgresTestUrl();
  /** The application role's login, as production connects. */
  readonly appUrl = connectionStringAs(this.url, APP_ROLE, APP_ROLE);
  readonly name = unique("mnemo_test");
  readonly #roots: PostgresBackend[] = [];

  async open(options: Partial<PostgresBackendOptions> = {}): Promise<PostgresBackend> {
    await ensureApplicationRole(this.url, APP_ROLE, { password: APP_ROLE });
    const root = await openPostgresBackend({
      connectionString: this.appUrl,
      migrationConnectionString: this.url,
      schema: this.name,
      applicationRole: APP_ROLE,
      poolSize: 3,
      ...options,
    });
    this.#roots.push(root);
    return root;
  }

  /** A superuser connection, for checks behind the backend's back. */
  async admin<T>(body: (client: pg.Client) => Promise<T>): Promise<T> {
    const client = new pg.Client({ connectionString: this.url });
    await client.connect();
    try {
      return await body(client);
    } finally {
      await client.end();
    }
  }

  async drop(): Promise<void> {
    for (const root of this.#roots) await root.close().catch(() => {});
    await this.admin((c) => c.query(`DROP SCHEMA IF EXISTS "${this.name}" CASCADE`));
  }
}
