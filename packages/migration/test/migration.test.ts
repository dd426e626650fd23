/**
 * A whole migration per backend pair: start, dual writes from the first phase, a backfill
 * under live traffic, verify, every phase up to remove-old; plus the refusals.
 */
import type { StorageBackend } from "@mnemo/core";
import { expectCode, seededRandom } from "@mnemo/testing";
import { afterEach, describe, expect, it } from "vitest";
import { Migration, PHASES, STATE_NAMESPACE } from "../src/index.js";
import { pairs, Stores } from "./support/stores.js";

const NS = "notes";
const TENANTS = ["alice", "bob"];
const KEYS = 300;

const key = (i: number) => `note/${String(i).padStart(5, "0")}`;
const value = (i: number, round = 0) =>
  new TextEncoder().encode(`v${round}:${i}:${"x".repeat(i % 50)}`);

async function seed(store: StorageBackend): Promise<void> {
  for (const tenant of TENANTS) {
    const handle = store.forNamespace(NS).forTenant(tenant);
    await handle.setBatch(Array.from({ length: KEYS }, (_, i) => [key(i), value(i)] as const));
  }
}

async function dump(store: StorageBackend, tenant: string): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for await (const [k, v] of store.forNamespace(NS).forTenant(tenant).scan()) {
    out[k] = new TextDecoder().decode(v);
  }
  return out;
}

for (const [from, to] of pairs()) {
  describe(`migration ${from}→${to}`, () => {
    const stores = new Stores();
    afterEach(() => stores.dispose());

    it("moves every tenant under live writes and deletes, through every phase", async () => {
      const source = await stores.open(from);
      const target = await stores.open(to);
      await seed(source);
      const migration = await Migration.start({ source, target, namespace: NS }, { batchSize: 64 });
      expect(migration.phase).toBe("dual-write");
      const live = migration.dualWrite("alice");
      const random = seededRandom(7);
      const expected = await dump(source, "alice");

      await migration.advance("backfill");
      let stop = false;
      const traffic = (async () => {
        for (let round = 1; !stop || round < 40; round++) {
          const i = Math.floor(random() * (KEYS + 50));
          if (random() < 0.3) {
            await live.delete(key(i));
            delete expected[key(i)];
          } else {
            await live.set(key(i), value(i, round));
            expected[key(i)] = new TextDecoder().decode(value(i, round));
          }
        }
      })();
      const state = await migration.backfill();
      stop = true;
      await traffic;
      expect(state.backfill.finished).toBe(true);
      expect(state.backfill.copied + state.backfill.skipped).toBeGreaterThanOrEqual(KEYS);

      await migration.advance("verify");
      const results = await migration.verify();
      expect(results.map((r) => [r.tenant, r.equal])).toEqual([
        ["alice", true],
        ["bob", true],
      ]);
      expect(migration.state.verify?.equal).toBe(true);
      for (const phase of PHASES.slice(3)) {
        await migration.advance(phase);
        await live.set("during", new TextEncoder().encode(phase));
        expected.during = phase;
      }
      expect(await dump(target, "alice")).toEqual(expected);
      expect(Object.keys(await dump(target, "bob"))).toHaveLength(KEYS);
      // remove-old cleared the old store's tenants; the state stays as the record of it.
      expect(await dump(source, "alice")).toEqual({});
      expect((await Migration.open({ source, target, namespace: NS })).phase).toBe("remove-old");
      await expectCode(() => migration.rollback(), "FAILED_PRECONDITION");
    });

    it("resumes a stopped backfill from its checkpoint without copying again", async () => {
      const source = await stores.open(from);
      const target = await stores.open(to);
      await seed(source);
      const first = await Migration.start(
        { source, target, namespace: NS },
        { batchSize: 20, tenants: ["bob"] },
      );
      await first.advance();
      const abort = new AbortController();
      let batches = 0;
      await first.backfill({
        signal: abort.signal,
        batchesInFlight: 2,
        checkpointEvery: 1,
        onBatch: () => {
          if (++batches === 3) abort.abort();
        },
      });
      // The batches begun by the time the third checkpoint aborted finish, and the last
      // checkpoint names the last of them: exactly what was copied, at a batch's end. (A
      // commit covers at most 2 x checkpointEvery batches; past the third, at most two more
      // settled and two in flight: 10 batches.)
      const { current, copied } = first.state.backfill;
      expect(current?.tenant).toBe("bob");
      expect(copied % 20).toBe(0);
      expect(copied).toBeGreaterThanOrEqual(60);
      expect(copied).toBeLessThanOrEqual(10 * 20);
      expect(current?.lastKey).toBe(key(copied - 1));
      // A new process: the state comes from the target store.
      const second = await Migration.open({ source, target, namespace: NS });
      const done = await second.backfill();
      expect(done.backfill).toMatchObject({ copied: KEYS, skipped: 0, finished: true });
      expect(await dump(target, "bob")).toEqual(await dump(source, "bob"));
      expect(await dump(target, "alice")).toEqual({});
    });

    it("commits a checkpoint every checkpointEvery batches, each covering them", async () => {
      const source = await stores.open(from);
      const target = await stores.open(to);
      await seed(source);
      const migration = await Migration.start(
        { source, target, namespace: NS },
        { batchSize: 10, tenants: ["alice"] },
      );
      await migration.advance();
      const commits: { copied: number; lastKey: string | undefined }[] = [];
      const state = await migration.backfill({
        checkpointEvery: 4,
        batchesInFlight: 3,
        onBatch: async ({ copied }) => {
          const stored = (await Migration.open({ source, target, namespace: NS })).state;
          commits.push({ copied, lastKey: stored.backfill.current?.lastKey });
        },
      });
      expect(state.backfill).toMatchObject({ copied: KEYS, skipped: 0, finished: true });
      expect(commits.reduce((n, c) => n + c.copied, 0)).toBe(KEYS);
      // Every commit but the tenant's last covers at least 4 batches, and the stored
      // checkpoint is at the end of what the commits so far covered.
      let total = 0;
      for (const [i, commit] of commits.entries()) {
        total += commit.copied;
        if (i === commits.length - 1) {
          expect(commit.lastKey).toBeUndefined(); // the tenant is done
        } else {
          expect(commit.copied).toBeGreaterThanOrEqual(40);
          expect(commit.lastKey).toBe(key(total - 1));
        }
      }
      expect(commits.length).toBeLessThanOrEqual(KEYS / 40 + 1);
    });

    it("refuses bad backfill options before copying anything", async () => {
      const source = await stores.open(from);
      const target = await stores.open(to);
      await seed(source);
      const migration = await Migration.start({ source, target, namespace: NS });
      await migration.advance();
      await expectCode(() => migration.backfill({ batchesInFlight: 0 }), "INVALID_ARGUMENT");
      await expectCode(() => migration.backfill({ checkpointEvery: 1.5 }), "INVALID_ARGUMENT");
      expect(await dump(target, "alice")).toEqual({});
      expect(migration.state.backfill.copied).toBe(0);
    });

    it("refuses bad starts and out-of-order phases, writing nothing", async () => {
      const source = await stores.open(from);
      const target = await stores.open(to);
      await seed(source);
      const stores_ = { source, target, namespace: NS };
      await expectCode(() => Migration.start({ ...stores_, namespace: "absent" }), "NOT_FOUND");
      await expectCode(
        () => Migration.start({ ...stores_, namespace: "Bad-Name" }),
        "INVALID_ARGUMENT",
      );
      await expectCode(
        () => Migration.start({ ...stores_, namespace: STATE_NAMESPACE }),
        "INVALID_ARGUMENT",
      );
      await expectCode(() => Migration.start(stores_, { batchSize: 0 }), "INVALID_ARGUMENT");
      await expectCode(() => Migration.open(stores_), "NOT_FOUND");
      await target.forNamespace(NS).forTenant("alice").set("already", new Uint8Array(1));
      await expectCode(() => Migration.start(stores_), "FAILED_PRECONDITION");
      await expectCode(() => Migration.open(stores_), "NOT_FOUND");

      const migration = await Migration.start(stores_, { allowNonEmptyTarget: true });
      await expectCode(
        () => Migration.start(stores_, { allowNonEmptyTarget: true }),
        "FAILED_PRECONDITION",
      );
      await expectCode(() => migration.advance("verify"), "FAILED_PRECONDITION");
      await expectCode(() => migration.backfill(), "FAILED_PRECONDITION");
      await migration.advance("backfill");
      await expectCode(() => migration.advance("verify"), "FAILED_PRECONDITION"); // not backfilled
      await migration.backfill();
      await migration.advance("verify");
      // The extra key in the target makes verify fail, so the reads cannot move yet.
      const [alice] = await migration.verify();
      expect(alice!.differing).toEqual([{ key: "already", kind: "extra" }]);
      await expectCode(() => migration.advance(), "FAILED_PRECONDITION");
      expect(migration.phase).toBe("verify");
      // Rolled back step by step; rolling back dual-write ends the migration.
      expect((await migration.rollback())?.phase).toBe("backfill");
      expect((await migration.rollback())?.phase).toBe("dual-write");
      expect(await migration.rollback()).toBeUndefined();
      await expectCode(() => Migration.open(stores_), "NOT_FOUND");
    });
  });
}
