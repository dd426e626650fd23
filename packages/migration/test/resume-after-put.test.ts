/**
 * A copier that dies after a batch's `putAbsent` and before that batch's source re-read: a key
 * deleted (through the dual writes) after the copy read it was written back to the target, and
 * the resumed copier no longer finds it in the source to re-check. Resuming must still leave
 * the target equal to the source: nothing brought back.
 */
import { type StorageBackend, StorageError } from "@mnemo/core";
import { afterEach, describe, expect, it } from "vitest";
import { Migration, STATE_NAMESPACE } from "../src/index.js";
import { pairs, Stores } from "./support/stores.js";

const NS = "notes";
const TENANT = "alice";
const key = (i: number) => `k${String(i).padStart(4, "0")}`;
const encode = (text: string) => new TextEncoder().encode(text);

class Killed extends Error {}

/**
 * `store` with one trap in the namespace's tenant handles: the first `putAbsent` runs `before`,
 * writes, then dies as a killed process would (no re-read, no checkpoint), or throws `fail()`.
 */
function dyingAfterFirstPut(
  store: StorageBackend,
  before: () => Promise<void>,
  fail: () => Error = () => new Killed("killed after putAbsent"),
): StorageBackend {
  let armed = true;
  const wrap = (backend: StorageBackend, inNamespace: boolean): StorageBackend =>
    new Proxy(backend, {
      get(target, property) {
        if (property === "forNamespace")
          return (ns: string) => wrap(target.forNamespace(ns), ns === NS);
        if (property === "forTenant")
          return (tenant: string) => wrap(target.forTenant(tenant), inNamespace);
        if (property === "putAbsent" && inNamespace && armed)
          return async (entries: Parameters<StorageBackend["putAbsent"]>[0]) => {
            armed = false;
            await before();
            await target.putAbsent(entries);
            throw fail();
          };
        const value = Reflect.get(target, property);
        return typeof value === "function" ? value.bind(target) : value;
      },
    });
  return wrap(store, false);
}

async function keysOf(store: StorageBackend): Promise<string[]> {
  const keys: string[] = [];
  for await (const [k] of store.forNamespace(NS).forTenant(TENANT).scan()) keys.push(k);
  return keys;
}

for (const [from, to] of pairs()) {
  describe(`backfill resumed after a kill between put and re-read, ${from}→${to}`, () => {
    const stores = new Stores();
    afterEach(() => stores.dispose());

    it("does not bring back a key deleted while the killed batch was in flight", async () => {
      const source = await stores.open(from);
      const target = await stores.open(to);
      await source
        .forNamespace(NS)
        .forTenant(TENANT)
        .setBatch(Array.from({ length: 50 }, (_, i) => [key(i), encode(`v${i}`)] as const));
      let live: ReturnType<Migration["dualWrite"]> | undefined;
      const dying = dyingAfterFirstPut(target, () => live!.delete(key(3)));
      const first = await Migration.start(
        { source, target: dying, namespace: NS },
        { batchSize: 20 },
      );
      live = first.dualWrite(TENANT);
      await first.advance("backfill");
      await expect(first.backfill()).rejects.toBeInstanceOf(Killed);

      const resumed = await Migration.open({ source, target, namespace: NS });
      const state = await resumed.backfill();
      expect(state.backfill.finished).toBe(true);
      // The deletes logged for the copier are gone once it has finished.
      const kept: string[] = [];
      for await (const [k] of target.forNamespace(STATE_NAMESPACE).forTenant("migration").scan())
        kept.push(k);
      expect(kept).toEqual([NS]);
      const expected = await keysOf(source);
      expect(expected).not.toContain(key(3));
      expect(await keysOf(target)).toEqual(expected);
      await resumed.advance("verify");
      expect((await resumed.verify()).map((r) => r.equal)).toEqual([true]);
    });

    it("does not bring back a key deleted before a put that wrote, failed UNAVAILABLE and was retried", async () => {
      // The connection died after the commit: the retried put finds every key taken, so the
      // batch's settle must cover all its keys, not only those the retry wrote.
      const source = await stores.open(from);
      const target = await stores.open(to);
      await source
        .forNamespace(NS)
        .forTenant(TENANT)
        .setBatch(Array.from({ length: 50 }, (_, i) => [key(i), encode(`v${i}`)] as const));
      let live: ReturnType<Migration["dualWrite"]> | undefined;
      const failing = dyingAfterFirstPut(
        target,
        () => live!.delete(key(3)),
        () => new StorageError("UNAVAILABLE", "connection lost after the commit"),
      );
      const migration = await Migration.start(
        { source, target: failing, namespace: NS },
        { batchSize: 20 },
      );
      live = migration.dualWrite(TENANT);
      await migration.advance("backfill");
      const pauses: string[] = [];
      const state = await migration.backfill({ onPause: (error) => pauses.push(error.code) });
      expect(pauses).toEqual(["UNAVAILABLE"]);
      expect(state.backfill.finished).toBe(true);
      const expected = await keysOf(source);
      expect(expected).not.toContain(key(3));
      expect(await keysOf(target)).toEqual(expected);
    });
  });
}
