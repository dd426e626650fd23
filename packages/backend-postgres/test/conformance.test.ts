import { describeConformance } from "@mnemo/testing";
import pg from "pg";
import { afterAll, beforeAll } from "vitest";
import { ensureApplicationRole, openPostgresBackend } from "../src/index.js";
import { APP_ROLE, TestSchema, unique } from "./helpers.js";

// Every root is a fresh tenant in a schema of this file's own; after each test the rows of
// every tenant in it are deleted (as the superuser, past row-level security), and the schema
// is dropped at the end.
const schema = new TestSchema();
let admin: pg.Client | undefined;

async function adminClient(): Promise<pg.Client> {
  if (admin === undefined) {
    admin = new pg.Client({ connectionString: schema.url });
    await admin.connect();
  }
  return admin;
}

beforeAll(() => ensureApplicationRole(schema.url, APP_ROLE, { password: APP_ROLE }));
afterAll(async () => {
  await admin?.end();
  await schema.drop();
});

const openRoot = (tenant: string) =>
  openPostgresBackend({
    connectionString: schema.appUrl,
    migrationConnectionString: schema.url,
    schema: schema.name,
    applicationRole: APP_ROLE,
    tenant,
    poolSize: 2,
  });

describeConformance("postgres", {
  open: () => openRoot(unique("conformance")),
  // A new pool on the same database, schema and tenant: what a process restart sees.
  reopen: (root) => openRoot(root.tenant),
  cleanup: async () => {
    // One round trip: empty every namespace table of this file's schema.
    const client = await adminClient();
    await client.query(`DO $$ DECLARE t text; BEGIN
      FOR t IN SELECT tablename FROM pg_tables WHERE schemaname = '${schema.name}'
        AND tablename LIKE 'kv\\_%' AND tablename NOT LIKE '%\\_migrations'
        AND tablename <> 'kv_migration_lock'
      LOOP EXECUTE format('DELETE FROM %I.%I', '${schema.name}', t); END LOOP;
    END $$`);
  },
});
