import { afterAll, describe, expect, it } from "vitest";
import { migrate, openPostgresBackend } from "../src/index.js";
import { APP_ROLE, bytes, TestSchema, unique } from "./helpers.js";

const schema = new TestSchema();
const MIGRATIONS = [
  "0001_kv_table_with_rls",
  "0002_versions_and_commit_function",
  "0003_values_lz4",
];
afterAll(() => schema.drop());

describe("migrations", () => {
  it("are versioned per namespace table and idempotent", async () => {
    const first = await migrate({
      connectionString: schema.url,
      schema: schema.name,
      namespaces: ["alpha", "beta"],
      applicationRole: APP_ROLE,
    });
    expect(first).toEqual([
      {
        namespace: "alpha",
        table: `"${schema.name}"."kv_alpha"`,
        applied: MIGRATIONS,
      },
      {
        namespace: "beta",
        table: `"${schema.name}"."kv_beta"`,
        applied: MIGRATIONS,
      },
    ]);
    const again = await migrate({
      connectionString: schema.url,
      schema: schema.name,
      namespaces: ["alpha"],
    });
    expect(again[0]?.applied).toEqual([]);
    const recorded = await schema.admin(
      async (c) => (await c.query(`SELECT name FROM "${schema.name}".kv_alpha_migrations`)).rows,
    );
    expect(recorded).toEqual(MIGRATIONS.map((name) => ({ name })));
    // Keys compare as bytes: the column's collation is "C".
    const collation = await schema.admin(
      async (c) =>
        (
          await c.query(
            `SELECT collation_name FROM information_schema.columns
             WHERE table_schema = $1 AND table_name = 'kv_alpha' AND column_name = 'key'`,
            [schema.name],
          )
        ).rows[0]?.collation_name,
    );
    expect(collation).toBe("C");
  });

  it("without autoMigrate, a namespace whose table is missing fails with NOT_FOUND naming migrate()", async () => {
    const root = await openPostgresBackend({
      connectionString: schema.url,
      schema: schema.name,
      applicationRole: APP_ROLE,
      autoMigrate: false,
      namespace: "gamma",
    });
    try {
      const error = await root.get("k").catch((e: unknown) => e);
      expect(error).toMatchObject({ code: "NOT_FOUND", cause: { code: "42P01" } });
      expect((error as Error).message).toMatch(/migrate\(\)/);
      await migrate({
        connectionString: schema.url,
        schema: schema.name,
        namespaces: ["gamma"],
        applicationRole: APP_ROLE,
      });
      await root.set("k", bytes(1));
      expect(await root.get("k")).toEqual(bytes(1));
      await root.clear();
    } finally {
      await root.close();
    }
  });

  it("autoMigrate creates a namespace's table on first use, once, even when pools race", async () => {
    const namespace = unique("lazy");
    const roots = await Promise.all([schema.open(), schema.open(), schema.open()]);
    const tenant = unique("t");
    await Promise.all(
      roots.map((root, i) => root.forNamespace(namespace).forTenant(tenant).set(`k${i}`, bytes(i))),
    );
    expect(await roots[0]!.forNamespace(namespace).forTenant(tenant).listKeys()).toEqual([
      "k0",
      "k1",
      "k2",
    ]);
    const recorded = await schema.admin(
      async (c) =>
        (await c.query(`SELECT name FROM "${schema.name}"."kv_${namespace}_migrations"`)).rows,
    );
    expect(recorded).toHaveLength(MIGRATIONS.length);
  });

  it("upgrades a table written before versions: old rows read as version 0, new commits count up", async () => {
    const namespace = unique("legacy");
    await migrate({ connectionString: schema.url, schema: schema.name, namespaces: [namespace] });
    const t = `"${schema.name}"."kv_${namespace}"`;
    // Take the table back to what 0001 alone made, holding a row.
    await schema.admin(async (c) => {
      await c.query(`DROP FUNCTION "${schema.name}"."kv_${namespace}_commit"`);
      await c.query(`DROP POLICY operator_listing ON ${t}`);
      await c.query(`ALTER TABLE ${t} DROP COLUMN version`);
      await c.query(
        `DELETE FROM "${schema.name}"."kv_${namespace}_migrations" WHERE name <> '0001_kv_table_with_rls'`,
      );
      await c.query(`INSERT INTO ${t} (tenant_id, key, value) VALUES ('old', 'k', '\\x0102')`);
    });
    const root = await schema.open({ namespace, tenant: "old" });
    expect(await root.get("k")).toEqual(bytes(1, 2));
    expect(await root.getEntry("k")).toEqual({ value: bytes(1, 2), version: "0000000000000000" });
    const result = await root.atomic().check("k", "0000000000000000").put("k", bytes(3)).commit();
    expect(result.ok).toBe(true);
    const entry = await root.getEntry("k");
    expect((entry?.version ?? "") > "0000000000000000").toBe(true);
    await root.clear();
  });

  it("stores new values with lz4 where the server has it, and still reads values stored before", async () => {
    const namespace = unique("lz4");
    await migrate({ connectionString: schema.url, schema: schema.name, namespaces: [namespace] });
    const t = `"${schema.name}"."kv_${namespace}"`;
    const lz4 = await schema.admin(
      async (c) =>
        (
          await c.query(
            `SELECT 'lz4' = ANY(enumvals) AS lz4 FROM pg_settings WHERE name = 'default_toast_compression'`,
          )
        ).rows[0]?.lz4 === true,
    );
    const compressionOf = (key: string) =>
      schema.admin(
        async (c) =>
          (
            await c.query(
              `SELECT pg_column_compression(value) AS method FROM ${t} WHERE key = $1`,
              [key],
            )
          ).rows[0]?.method,
      );
    // A value large and repetitive enough to be compressed, written as 0002 left the column.
    const big = new Uint8Array(64 * 1024).map((_, i) => i % 7);
    await schema.admin(async (c) => {
      await c.query(`ALTER TABLE ${t} ALTER COLUMN value SET COMPRESSION default`);
      await c.query(
        `DELETE FROM "${schema.name}"."kv_${namespace}_migrations" WHERE name = '0003_values_lz4'`,
      );
      await c.query(`SET default_toast_compression = pglz`);
      await c.query(`INSERT INTO ${t} (tenant_id, key, value) VALUES ('old', 'before', $1)`, [
        Buffer.from(big),
      ]);
    });
    expect(await compressionOf("before")).toBe("pglz");
    const root = await schema.open({ namespace, tenant: "old" });
    try {
      expect(await root.get("before")).toEqual(big);
      await root.set("after", big);
      expect(await root.get("after")).toEqual(big);
      expect(await compressionOf("after")).toBe(lz4 ? "lz4" : "pglz");
    } finally {
      await root.clear();
      await root.close();
    }
  });
});
