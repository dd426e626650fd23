/**
 * verify --kernel against a real kernel over real HTTP: the kernel compares the backend it
 * serves a component from with another store (`POST /admin/components/{name}/verify`, admin
 * scope, its body decoded by the kernel's codec). The kernel serves sessions from
 * PostgreSQL; a copy made by export + import into a LevelDB directory is equal, then differs
 * once a session changes through the kernel.
 */
import { randomUUID } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createToken, type Kernel, parseConfig, startKernel } from "@mnemo/kernel";
import { postgresTestUrl } from "@mnemo/testing";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { EXIT } from "../src/exit-codes.js";
import { cli, kernelCall, kernelToml } from "./support.js";

let dir: string;
let kernel: Kernel;
let base: string;
const run = randomUUID().slice(0, 8);
const schema = `cli_kverify_${run}`;
const tenant = `acme-${run}`;
const admin = createToken(tenant, ["admin"]);
const writer = createToken(tenant, ["read", "write"]);

const call = (method: string, path: string, body: unknown, token = writer.token) =>
  kernelCall(base, token, method, path, body);

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "mnemo-cli-kverify-"));
  const toml = kernelToml({
    dir,
    schema: schema,
    postgresComponent: "sessions",
    tokens: [admin, writer],
  });
  kernel = await startKernel(parseConfig(toml, "test.toml"));
  base = kernel.url.href.replace(/\/$/, "");
  for (let i = 0; i < 30; i++) {
    const created = await call("POST", "/v1/sessions", {
      id: `s${i}`,
      ttlMs: 600_000,
      data: { i },
    });
    expect(created.status).toBe(200);
  }
}, 60_000);

afterAll(async () => {
  await kernel?.close();
  await rm(dir, { recursive: true, force: true });
  const client = new pg.Client({ connectionString: postgresTestUrl() });
  await client.connect();
  await client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`).finally(() => client.end());
});

describe("verify --kernel", () => {
  it("compares the served backend with another store: equal, then the changed key", async () => {
    const namespace = kernel.runtime.slot("sessions").def.namespace;
    const source = new URL(postgresTestUrl());
    source.searchParams.set("schema", schema);
    const file = join(dir, "sessions.mnx");
    const copy = join(dir, "copy");
    const exported = await cli([
      "export",
      "--source",
      source.href,
      "--namespace",
      namespace,
      "--out",
      file,
    ]);
    expect(exported.code, exported.stderr).toBe(EXIT.OK);
    const imported = await cli(["import", "--target", `level:${copy}`, "--in", file]);
    expect(imported.code, imported.stderr).toBe(EXIT.OK);

    const verify = ["verify", "--kernel", base, "--token", admin.token, "--namespace", "sessions"];
    const equal = await cli([...verify, "--target", `level:${copy}`, "--json"]);
    expect(equal.code, equal.stderr).toBe(EXIT.OK);
    const report = JSON.parse(equal.stdout) as {
      equal: boolean;
      tenants: { tenant: string; keys: number }[];
    };
    expect(report.equal).toBe(true);
    expect(report.tenants.map((t) => t.tenant)).toEqual([tenant]);
    expect(report.tenants[0]!.keys).toBeGreaterThanOrEqual(30);

    const changed = await call("PUT", "/v1/sessions/s7/data", { data: { i: "new" } });
    expect(changed.status).toBe(200);
    const different = await cli([...verify, "--target", `level:${copy}`]);
    expect(different.code, different.stderr).toBe(EXIT.DIFFERENT);
    expect(different.stdout).toMatch(new RegExp(`tenant ${tenant}: DIFFERENT`));
    expect(different.stdout).toMatch(/changed ".*s7/);
    // The kernel still serves from PostgreSQL, and let the copy go (it opens here again).
    expect(kernel.runtime.slot("sessions").ref.current.kind).toBe("postgres");
    const again = await cli([
      "export",
      "--source",
      `level:${copy}`,
      "--out",
      join(dir, "again.mnx"),
    ]);
    expect(again.code, again.stderr).toBe(EXIT.OK);
  }, 60_000);

  it("refuses what it cannot compare, as a script can tell", async () => {
    const verify = ["verify", "--kernel", base, "--token", admin.token, "--namespace", "sessions"];
    // The store serving it: nothing to compare.
    const same = await cli([...verify, "--target", "postgres"]);
    expect(same.code, same.stderr).toBe(EXIT.REFUSED);
    expect(same.stderr).toMatch(/is served from .*name another store/);
    // A directory that holds no store: not created by a comparison.
    const missing = await cli([...verify, "--target", `level:${join(dir, "nothing")}`]);
    expect(missing.code, missing.stderr).toBe(EXIT.NOT_FOUND);
    const nonAdmin = await cli([
      ...verify.slice(0, 4),
      writer.token,
      ...verify.slice(5),
      "--target",
      "level",
    ]);
    expect(nonAdmin.code).toBe(EXIT.UNAUTHORIZED);
    // The body goes through the kernel's codec: an unknown field is named and refused.
    const odd = await call(
      "POST",
      "/admin/components/sessions/verify",
      { backend: "level", extra: 1 },
      admin.token,
    );
    expect(odd.status).toBe(400);
    expect(String(odd.body.detail)).toMatch(/extra: unknown field/);
    const noRoute = await fetch(`${base}/admin/components/sessions/verify`, {
      headers: { authorization: `Bearer ${admin.token}` },
    });
    expect(noRoute.status).toBe(405);
  }, 60_000);
});
