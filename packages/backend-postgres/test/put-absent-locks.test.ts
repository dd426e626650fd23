// putAbsent joins the commit function's locking protocol: it waits for a key's lock and for an
// exclusive (table, tenant) lock, and takes the tenant lock shared only. A race test cannot
// hit the microseconds between a commit's absence check and its insert; holding the locks
// from another session makes the protocol visible.
import { setTimeout as sleep } from "node:timers/promises";
import type { PutAbsentResult } from "@mnemo/core";
import type pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import { keyLockId, tenantLockId } from "../src/commit-function.js";
import { kvTable } from "../src/schema.js";
import { bytes, TestSchema, unique } from "./helpers.js";

const schema = new TestSchema();
afterAll(() => schema.drop());

const NAMESPACE = "locks";

/** Whether `call` is still pending after a while (it waits on a lock). */
async function stillWaiting(call: Promise<unknown>): Promise<boolean> {
  const marker = Symbol("waiting");
  return (await Promise.race([call, sleep(300).then(() => marker)])) === marker;
}

/** Runs `body` while another session holds `lockSql` (with params tenant, key) in a transaction. */
async function whileHeld(
  lockSql: string,
  params: unknown[],
  body: () => Promise<void>,
): Promise<void> {
  await schema.admin(async (client: pg.Client) => {
    await client.query("BEGIN");
    try {
      await client.query(`SELECT ${lockSql}`, params);
      await body();
    } finally {
      await client.query("COMMIT");
    }
  });
}

describe("putAbsent locks like a checked commit", () => {
  const table = kvTable(schema.name, NAMESPACE);

  it("waits for a key's lock held elsewhere, as the commit function does", async () => {
    const root = await schema.open({ namespace: NAMESPACE });
    const store = root.forTenant(unique("t"));
    await store.set("warm", bytes(0)); // the table exists before the lock is taken
    let put: Promise<unknown> | undefined;
    let commit: Promise<unknown> | undefined;
    const lock = `pg_advisory_xact_lock(${keyLockId(table, "$1::text", "$2::text")})`;
    await whileHeld(lock, [store.tenant, "k"], async () => {
      put = store.putAbsent([["k", bytes(1)]]);
      commit = store.commit([{ key: "k2", version: null }], []);
      expect(await stillWaiting(put)).toBe(true);
      // Another key is not held up: the lock is per key.
      expect(await store.putAbsent([["other", bytes(1)]])).toEqual({ written: ["other"] });
    });
    expect(await put).toEqual({ written: ["k"] });
    await commit;
    await whileHeld(lock, [store.tenant, "k3"], async () => {
      const checked = store.commit([{ key: "k3", version: null }], []);
      expect(await stillWaiting(checked)).toBe(true); // the same lock id as the commit function's
      commit = checked;
    });
    await commit;
  });

  it("waits for an exclusive tenant lock, and shares the tenant lock otherwise", async () => {
    const root = await schema.open({ namespace: NAMESPACE });
    const store = root.forTenant(unique("t"));
    await store.set("warm", bytes(0));
    const tenantLock = tenantLockId(table, "$1::text");
    let put: Promise<unknown> | undefined;
    await whileHeld(`pg_advisory_xact_lock(${tenantLock})`, [store.tenant], async () => {
      put = store.putAbsent([["a", bytes(1)]]);
      expect(await stillWaiting(put)).toBe(true);
    });
    expect(await put).toEqual({ written: ["a"] });
    // A shared holder (any small commit) does not hold up 1,000 keys: no table lock.
    await whileHeld(`pg_advisory_xact_lock_shared(${tenantLock})`, [store.tenant], async () => {
      const many = Array.from({ length: 1000 }, (_, i): [string, Uint8Array] => [
        `m${i}`,
        bytes(1),
      ]);
      expect((await store.putAbsent(many)).written.length).toBe(1000);
    });
  });

  it("leaves alone a key committed while it waits for the key's lock, writing the others", async () => {
    // putAbsent first inserts as if every key were absent; a key that appears while it waits
    // must fail that attempt whole and be skipped by the second, not raise or be replaced.
    const root = await schema.open({ namespace: NAMESPACE });
    const store = root.forTenant(unique("t"));
    await store.set("warm", bytes(0));
    const lock = `pg_advisory_xact_lock(${keyLockId(table, "$1::text", "$2::text")})`;
    let put: Promise<PutAbsentResult> | undefined;
    await schema.admin(async (client: pg.Client) => {
      await client.query("BEGIN");
      await client.query(`SELECT ${lock}`, [store.tenant, "taken"]);
      const waiting = store.putAbsent([
        ["free", bytes(1)],
        ["taken", bytes(1)],
      ]);
      put = waiting;
      expect(await stillWaiting(waiting)).toBe(true);
      // A writer holding the key's lock commits the key, as a checked commit would.
      await client.query(
        `INSERT INTO ${table.qualified} (tenant_id, key, value, version) VALUES ($1, 'taken', '\\x07', 1)`,
        [store.tenant],
      );
      await client.query("COMMIT");
    });
    expect(await put).toEqual({ written: ["free"] });
    expect(await store.get("taken")).toEqual(bytes(7));
    expect(await store.get("free")).toEqual(bytes(1));
    // Then, and after the miss, a batch of absent keys is written whole.
    expect(await store.putAbsent([["later", bytes(2)]])).toEqual({ written: ["later"] });
  });
});
