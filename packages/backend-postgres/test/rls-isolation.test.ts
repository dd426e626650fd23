import { seededRandom } from "@mnemo/testing";
import pg from "pg";
import { afterAll, describe, expect, it, vi } from "vitest";
import { POOL } from "../src/internal.js";
import { APP_ROLE, TestSchema, unique } from "./helpers.js";

const schema = new TestSchema();
afterAll(() => schema.drop());

const encoder = new TextEncoder();
const decoder = new TextDecoder();

describe("row-level security", () => {
  it("the application role is not superuser, has no BYPASSRLS and owns nothing", async () => {
    const root = await schema.open({ namespace: "rls_role" });
    await root.set("k", encoder.encode("v"));
    const { role, owned } = await schema.admin(async (c) => ({
      role: (
        await c.query("SELECT rolsuper, rolbypassrls FROM pg_roles WHERE rolname = $1", [APP_ROLE])
      ).rows[0],
      owned: (
        await c.query(
          "SELECT count(*)::int AS n FROM pg_class WHERE relowner = (SELECT oid FROM pg_roles WHERE rolname = $1)",
          [APP_ROLE],
        )
      ).rows[0].n,
    }));
    expect(role).toEqual({ rolsuper: false, rolbypassrls: false });
    expect(owned).toBe(0);
    const flags = await schema.admin(
      async (c) =>
        (
          await c.query(
            "SELECT relrowsecurity, relforcerowsecurity FROM pg_class WHERE oid = $1::regclass",
            [root.tableName],
          )
        ).rows[0],
    );
    expect(flags).toEqual({ relrowsecurity: true, relforcerowsecurity: true });
  });

  it("sees 0 rows of another tenant across thousands of interleaved requests through a pool of 2", async () => {
    const root = await schema.open({ namespace: "rls_mix", poolSize: 2 });
    const tenants = Array.from({ length: 16 }, (_, i) => `tenant-${i}-${unique("x")}`);
    const handles = tenants.map((t) => root.forTenant(t));
    // Every tenant holds the same keys; values name their owner.
    await Promise.all(
      handles.map((h, i) =>
        h.setBatch(
          Array.from({ length: 8 }, (_, k) => [`k${k}`, encoder.encode(tenants[i]!)] as const),
        ),
      ),
    );
    const next = seededRandom(42);
    const random = (n: number) => Math.floor(next() * n);
    const perTenant = new Array<number>(tenants.length).fill(0);
    const foreign: string[] = [];
    const check = (owner: string, value: Uint8Array | undefined) => {
      if (value !== undefined && decoder.decode(value) !== owner)
        foreign.push(decoder.decode(value));
    };
    let requests = 0;
    for (let round = 0; round < 100; round++) {
      await Promise.all(
        Array.from({ length: 24 }, async () => {
          const i = random(tenants.length);
          perTenant[i]!++;
          const owner = tenants[i]!;
          const h = handles[i]!;
          requests++;
          switch (random(5)) {
            case 0:
              check(owner, await h.get(`k${random(8)}`));
              break;
            case 1:
              for (const v of (await h.getBatch(["k1", "k2", "k3"])).values()) check(owner, v);
              break;
            case 2:
              for await (const [, v] of h.scan({ prefix: "k", limit: 4 })) check(owner, v);
              break;
            case 3:
              expect(await h.listKeys("k")).toHaveLength(8);
              break;
            default:
              await h.set(`k${random(8)}`, encoder.encode(owner));
          }
        }),
      );
    }
    expect(requests).toBe(2400);
    // Every tenant took a fair share (2400 / 16 = 150 expected): the mix really interleaves.
    expect(Math.min(...perTenant)).toBeGreaterThan(100);
    expect(foreign).toEqual([]);
    // Each tenant still holds exactly its own 8 keys, all with its own values.
    for (const [i, h] of handles.entries()) {
      const entries: string[] = [];
      for await (const [, v] of h.scan()) entries.push(decoder.decode(v));
      expect(entries).toEqual(Array(8).fill(tenants[i]));
    }
    for (const h of handles) await h.clear();
  });

  it("costs one statement per get while a connection keeps its tenant, two when it changes", async () => {
    const root = await schema.open({ namespace: "rls_trips", poolSize: 1 });
    const a = root.forTenant(unique("a"));
    const b = root.forTenant(unique("b"));
    await a.set("k", encoder.encode("a"));
    await b.set("k", encoder.encode("b"));
    const query = vi.spyOn(pg.Client.prototype, "query");
    try {
      await a.get("k"); // the connection now holds tenant a
      query.mockClear();
      for (let i = 0; i < 50; i++) await a.get("k");
      expect(query).toHaveBeenCalledTimes(50);
      query.mockClear();
      for (let i = 0; i < 25; i++) {
        expect(decoder.decode(await b.get("k"))).toBe("b");
        expect(decoder.decode(await a.get("k"))).toBe("a");
      }
      expect(query).toHaveBeenCalledTimes(100); // each switch re-sets the tenant first
    } finally {
      query.mockRestore();
    }
    await a.clear();
    await b.clear();
  });

  it("a connection whose tenant setting went stale returns nothing rather than another tenant's rows", async () => {
    const root = await schema.open({ namespace: "rls_stale", poolSize: 1 });
    const mine = root.forTenant(unique("mine"));
    const other = root.forTenant(unique("other"));
    await other.set("shared-key", encoder.encode("other's secret"));
    await mine.set("shared-key", encoder.encode("mine"));
    // Behind the backend's back, point the only pooled connection at the other tenant.
    const client = await root[POOL]().connect();
    await client.query("SELECT set_config('mnemo.tenant', $1, false)", [other.tenant]);
    client.release();
    // The WHERE clause still names `mine`, RLS names `other`: no row satisfies both.
    expect(await mine.get("shared-key")).toBeUndefined();
    expect(await mine.listKeys()).toEqual([]);
    await other.clear();
  });

  it("a pooled connection cannot leave the application role: RESET ROLE, SET ROLE NONE, SESSION AUTHORIZATION, DISCARD ALL", async () => {
    const root = await schema.open({ namespace: "rls_escape", poolSize: 1 });
    const mine = root.forTenant(unique("mine"));
    const other = root.forTenant(unique("other"));
    await other.set("k", encoder.encode("other's secret"));
    await mine.set("k", encoder.encode("mine"));
    const client = await root[POOL]().connect();
    try {
      for (const escape of [
        "RESET ROLE",
        "SET ROLE NONE",
        "SET SESSION AUTHORIZATION DEFAULT",
        "RESET SESSION AUTHORIZATION",
        "DISCARD ALL",
      ]) {
        await client.query(escape);
        const { rows } = await client.query(
          `SELECT current_user AS who, (SELECT count(*)::int FROM ${root.tableName} WHERE tenant_id = $1) AS n`,
          [other.tenant],
        );
        expect({ escape, ...rows[0] }).toEqual({ escape, who: APP_ROLE, n: 0 });
      }
      await expect(client.query("SET SESSION AUTHORIZATION postgres")).rejects.toMatchObject({
        code: "42501",
      });
      await expect(client.query("SET ROLE postgres")).rejects.toMatchObject({ code: "42501" });
    } finally {
      client.release(new Error("a test changed this connection's session: drop it"));
    }
    expect(decoder.decode(await mine.get("k"))).toBe("mine");
    await mine.clear();
    await other.clear();
  });

  it("direct SQL as the application role with a wrong or unset tenant returns nothing and cannot write", async () => {
    const root = await schema.open({ namespace: "rls_sql" });
    const a = root.forTenant(unique("a"));
    const b = root.forTenant(unique("b"));
    await a.set("k", encoder.encode("a"));
    await b.set("k", encoder.encode("b"));
    await schema.admin(async (c) => {
      await c.query(`SET ROLE ${APP_ROLE}`);
      const count = async (sql: string, values: unknown[] = []) =>
        (await c.query(`SELECT count(*)::int AS n FROM ${root.tableName} ${sql}`, values)).rows[0]
          .n;
      // Never set in this session.
      expect(await count("")).toBe(0);
      // Set to A: B's rows stay invisible even when asked for by name.
      await c.query("SELECT set_config('mnemo.tenant', $1, false)", [a.tenant]);
      expect(await count("")).toBe(1);
      expect(await count("WHERE tenant_id = $1", [b.tenant])).toBe(0);
      // Set to '' (what a transaction-local setting leaves behind): matches nothing.
      await c.query("SELECT set_config('mnemo.tenant', '', false)");
      expect(await count("")).toBe(0);
      // Writing a row for B while set to A violates the policy's WITH CHECK.
      await c.query("SELECT set_config('mnemo.tenant', $1, false)", [a.tenant]);
      await expect(
        c.query(`INSERT INTO ${root.tableName} (tenant_id, key, value) VALUES ($1, 'x', '\\x00')`, [
          b.tenant,
        ]),
      ).rejects.toMatchObject({ code: "42501" });
      // Nor can it change the schema or turn security off.
      await expect(
        c.query(`ALTER TABLE ${root.tableName} DISABLE ROW LEVEL SECURITY`),
      ).rejects.toMatchObject({
        code: "42501",
      });
    });
    expect(await b.listKeys()).toEqual(["k"]);
    await a.clear();
    await b.clear();
  });
});
