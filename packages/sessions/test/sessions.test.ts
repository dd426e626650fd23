import {
  blake3Hex,
  type Entry,
  type ScanOptions,
  type StorageBackend,
  StorageError,
} from "@mnemo/core";
import { dump, forEachBackend, manualClock, runScript } from "@mnemo/testing";
import { describe, expect, it } from "vitest";
import { type CreateSessionInput, SessionStore } from "../src/index.js";

const childScript = new URL("./fixtures/sweep-child.ts", import.meta.url);
const HASH_A = blake3Hex("artifact a");
const HASH_B = blake3Hex("artifact b");

async function errorCode(promise: Promise<unknown>): Promise<string | undefined> {
  return promise.then(
    () => undefined,
    (e: unknown) => (StorageError.is(e) ? e.code : String(e)),
  );
}

/** The real store, counting the entries its scans yield. */
function countingScans(store: StorageBackend): { store: StorageBackend; scanned: () => number } {
  let scanned = 0;
  const counted = new Proxy(store, {
    get(target, prop, receiver) {
      if (prop === "scan") {
        return async function* (options?: ScanOptions): AsyncIterable<Entry> {
          for await (const entry of target.scan(options)) {
            scanned++;
            yield entry;
          }
        };
      }
      const value = Reflect.get(target, prop, receiver);
      return typeof value === "function" ? value.bind(target) : value;
    },
  });
  return { store: counted, scanned: () => scanned };
}

forEachBackend((backend) => {
  const open = async () => {
    const store = await backend.open({ namespace: "sessions" });
    const clock = manualClock();
    return { store, clock, sessions: new SessionStore(store, { clock }) };
  };

  describe("lifecycle", () => {
    it("expires fixed and sliding sessions by the clock, before any sweep", async () => {
      const { sessions, clock } = await open();
      const t0 = clock.now();
      const fixed = await sessions.create({ id: "fixed", ttlMs: 1000, data: { user: "ann" } });
      const sliding = await sessions.create({ id: "sliding", ttlMs: 1000, expiry: "sliding" });
      expect(fixed).toMatchObject({
        id: "fixed",
        expiry: "fixed",
        expiresAt: t0 + 1000,
        data: { user: "ann" },
      });
      expect(sliding.data).toEqual({});

      clock.advance(800);
      expect((await sessions.touch("fixed")).expiresAt).toBe(t0 + 1000);
      expect((await sessions.touch("sliding")).expiresAt).toBe(t0 + 1800);
      clock.advance(200);
      expect(await sessions.get("fixed")).toBeUndefined();
      expect(await errorCode(sessions.touch("fixed"))).toBe("NOT_FOUND");
      expect(await sessions.get("sliding")).toMatchObject({ expiresAt: t0 + 1800 });

      clock.advance(500);
      const updated = await sessions.update("sliding", { step: 2 });
      expect(updated).toMatchObject({
        data: { step: 2 },
        updatedAt: t0 + 1500,
        expiresAt: t0 + 2500,
      });
      clock.advance(1000);
      expect(await sessions.get("sliding")).toBeUndefined();
      expect(await errorCode(sessions.update("sliding", {}))).toBe("NOT_FOUND");
    });

    it("does not extend a fixed session on update, and hides an expired one's parts", async () => {
      const { sessions, clock } = await open();
      const t0 = clock.now();
      await sessions.create({ id: "f", ttlMs: 100, data: 1 });
      await sessions.saveSnapshot("f");
      await sessions.linkArtifact("f", HASH_A);
      clock.advance(60);
      expect(await sessions.update("f", 2)).toMatchObject({ data: 2, expiresAt: t0 + 100 });
      clock.advance(40);
      expect(await sessions.listSnapshots("f")).toEqual({ items: [] });
      expect(await sessions.listArtifacts("f")).toEqual({ items: [] });
      expect(await sessions.end("f")).toBe(false);
      expect(await sessions.sweepExpired()).toBe(1);
    });

    it("refuses a live duplicate id but reuses an expired one", async () => {
      const { sessions, clock } = await open();
      await sessions.create({ id: "s", ttlMs: 100 });
      expect(await errorCode(sessions.create({ id: "s", ttlMs: 100 }))).toBe("FAILED_PRECONDITION");
      clock.advance(100);
      const again = await sessions.create({ id: "s", ttlMs: 100, data: 2 });
      expect(await sessions.get("s")).toEqual(again);
      const generated = await sessions.create({ ttlMs: 5 });
      expect(generated.id).toMatch(/^[0-9a-f-]{36}$/);
    });

    it("ends a session with its snapshots and links", async () => {
      const { store, sessions } = await open();
      await sessions.create({ id: "s", ttlMs: 10_000 });
      await sessions.saveSnapshot("s");
      await sessions.linkArtifact("s", HASH_A);
      expect(await sessions.end("s")).toBe(true);
      expect(await sessions.end("s")).toBe(false);
      expect(await sessions.get("s")).toBeUndefined();
      expect(await dump(store)).toEqual([]);
    });
  });

  describe("sweeping", () => {
    it("removes only expired sessions, reads only the expired index range, and is idempotent", async () => {
      const { store: raw, clock } = await open();
      const { store, scanned } = countingScans(raw);
      const sessions = new SessionStore(store, { clock });
      for (let i = 0; i < 40; i++) await sessions.create({ id: `long-${i}`, ttlMs: 1_000_000 });
      for (let i = 0; i < 5; i++)
        await sessions.create({ id: `short-${i}`, ttlMs: 100, expiry: "sliding" });
      await sessions.saveSnapshot("short-0");
      await sessions.linkArtifact("short-1", HASH_A);
      clock.advance(50);
      await sessions.touch("short-2"); // now expires 50 ms later than the others
      clock.advance(60);

      const before = scanned();
      expect(await sessions.sweepExpired()).toBe(4);
      // 4 expired entries + the owned keys of 4 sessions (touching short-2 moved its entry).
      expect(scanned() - before).toBeLessThanOrEqual(7);
      expect(await sessions.sweepExpired()).toBe(0);
      expect(await sessions.get("short-2")).toBeDefined();
      expect(await sessions.get("long-3")).toBeDefined();
      clock.advance(100);
      expect(await sessions.sweepExpired()).toBe(1);

      const keys = (await dump(raw)).map(([k]) => k);
      expect(keys).toHaveLength(80); // 40 records + 40 expiry entries, nothing else left
      clock.advance(1_000_000);
      expect(await sessions.sweepExpired()).toBe(40);
      expect(await dump(raw)).toEqual([]);
    });

    it("counts each session once when two sweepers race", async () => {
      const { store, clock, sessions } = await open();
      const other = new SessionStore(store, { clock });
      for (let i = 0; i < 50; i++) await sessions.create({ id: `s${i}`, ttlMs: 10 + (i % 3) });
      clock.advance(100);
      const [a, b] = await Promise.all([sessions.sweepExpired(), other.sweepExpired()]);
      expect(a + b).toBe(50);
      expect(await dump(store)).toEqual([]);
    });

    it("does not sweep a session touched between the sweeper's read and its removal", async () => {
      const { store: raw, clock } = await open();
      const toucher = new SessionStore(raw, { clock });
      // The sweeper's clock runs 20 ms ahead of the toucher's.
      const sweeperClock = { now: () => clock.now() + 20 };
      await toucher.create({ id: "s", ttlMs: 100, expiry: "sliding" });
      clock.advance(90);
      let touched = false;
      // The sweeper's reads go through this wrapper: right after it reads the record, the
      // session is touched (by a client whose clock says it is still live).
      const racing = new Proxy(raw, {
        get(target, prop) {
          if (prop === "getEntries") {
            return async (keys: Iterable<string>) => {
              const found = await target.getEntries(keys);
              if (!touched) {
                touched = true;
                await toucher.touch("s");
              }
              return found;
            };
          }
          const value = Reflect.get(target, prop);
          return typeof value === "function" ? value.bind(target) : value;
        },
      });
      const sweeper = new SessionStore(racing, { clock: sweeperClock });
      expect(await sweeper.sweepExpired()).toBe(0);
      expect(touched).toBe(true);
      expect(await toucher.get("s")).toMatchObject({ expiresAt: clock.now() + 100 });
    });

    it("moves the expiry entry with the record, so a sweeper ahead finds nothing old", async () => {
      const { store, clock, sessions } = await open();
      await sessions.create({ id: "s", ttlMs: 100, expiry: "sliding" });
      clock.advance(90);
      await sessions.touch("s");
      // A sweeper whose clock runs ahead would see the old expiry as past: it is gone.
      const ahead = new SessionStore(store, { clock: { now: () => clock.now() + 50 } });
      expect(await ahead.sweepExpired()).toBe(0);
      expect(await sessions.get("s")).toBeDefined();
      expect((await dump(store)).length).toBe(2);
    });
  });

  describe("snapshots and artifact links", () => {
    it("saves, lists and restores snapshots", async () => {
      const { sessions, clock } = await open();
      await sessions.create({ id: "s", ttlMs: 10_000, data: { v: 1 } });
      const first = await sessions.saveSnapshot("s", { label: "v1" });
      clock.advance(1);
      await sessions.update("s", { v: 2 });
      const second = await sessions.saveSnapshot("s");
      expect((await sessions.listSnapshots("s")).items.map((s) => s.id)).toEqual([
        first.id,
        second.id,
      ]);
      expect(first).toMatchObject({ label: "v1", data: { v: 1 }, sessionId: "s" });
      expect(await sessions.restoreSnapshot("s", first.id)).toMatchObject({ data: { v: 1 } });
      expect((await sessions.get("s"))!.data).toEqual({ v: 1 });
      expect(await errorCode(sessions.restoreSnapshot("s", "missing"))).toBe("NOT_FOUND");
      expect(await errorCode(sessions.saveSnapshot("nobody"))).toBe("NOT_FOUND");
    });

    it("links, lists and unlinks artifacts by blake3 hash", async () => {
      const { sessions } = await open();
      await sessions.create({ id: "s", ttlMs: 10_000 });
      await sessions.linkArtifact("s", HASH_B, { label: "report" });
      await sessions.linkArtifact("s", HASH_A);
      await sessions.linkArtifact("s", HASH_A, { label: "again" });
      expect((await sessions.listArtifacts("s")).items.map((l) => [l.hash, l.label])).toEqual(
        [
          [HASH_A, "again"],
          [HASH_B, "report"],
        ].sort(),
      );
      expect(await sessions.unlinkArtifact("s", HASH_A)).toBe(true);
      expect(await sessions.unlinkArtifact("s", HASH_A)).toBe(false);
      expect((await sessions.listArtifacts("s")).items.map((l) => l.hash)).toEqual([HASH_B]);
      expect(await errorCode(sessions.linkArtifact("nobody", HASH_A))).toBe("NOT_FOUND");
    });
  });

  it("refuses bad input with INVALID_ARGUMENT and writes nothing", async () => {
    const { store, sessions } = await open();
    await sessions.create({ id: "s", ttlMs: 1000, data: { keep: true } });
    const before = await dump(store);
    const badCreates: unknown[] = [
      { id: "", ttlMs: 10 },
      { id: 5, ttlMs: 10 },
      { id: "x", ttlMs: -1 },
      { id: "x", ttlMs: 0 },
      { id: "x", ttlMs: Number.POSITIVE_INFINITY },
      { id: "x", ttlMs: Number.NaN },
      { id: "x", ttlMs: 1.5 },
      { id: "x" },
      { id: "x", ttlMs: 10, expiry: "forever" },
      { id: "x", ttlMs: 10, data: { n: 1n } },
      { id: "x", ttlMs: 10, data: () => 1 },
      null,
    ];
    for (const input of badCreates) {
      expect(await errorCode(sessions.create(input as CreateSessionInput))).toBe(
        "INVALID_ARGUMENT",
      );
    }
    const circular: Record<string, unknown> = {};
    circular.self = circular;
    expect(await errorCode(sessions.update("s", circular))).toBe("INVALID_ARGUMENT");
    expect(await errorCode(sessions.update("s", Symbol("x")))).toBe("INVALID_ARGUMENT");
    expect(await errorCode(sessions.get(""))).toBe("INVALID_ARGUMENT");
    expect(await errorCode(sessions.touch(""))).toBe("INVALID_ARGUMENT");
    expect(await errorCode(sessions.linkArtifact("s", "ABC"))).toBe("INVALID_ARGUMENT");
    expect(await errorCode(sessions.linkArtifact("s", HASH_A.toUpperCase()))).toBe(
      "INVALID_ARGUMENT",
    );
    expect(await errorCode(sessions.unlinkArtifact("s", "nope"))).toBe("INVALID_ARGUMENT");
    expect(await errorCode(sessions.saveSnapshot("s", { label: 3 as unknown as string }))).toBe(
      "INVALID_ARGUMENT",
    );
    expect(await errorCode(sessions.sweepExpired(-5))).toBe("INVALID_ARGUMENT");
    expect(await dump(store)).toEqual(before);
  });

  it("keeps sessions across a restart", async () => {
    const { store, sessions, clock } = await open();
    if (!store.characteristics().persistent) return;
    await sessions.create({ id: "s", ttlMs: 1000, expiry: "sliding", data: [1, 2] });
    await sessions.linkArtifact("s", HASH_A);
    const reopened = new SessionStore(await backend.reopen(store), { clock });
    expect((await reopened.get("s"))!.data).toEqual([1, 2]);
    expect((await reopened.listArtifacts("s")).items).toHaveLength(1);
  });

  // Child processes start slowly on a loaded machine.
  it("sweeps from two processes at once without double counting", {
    timeout: 120_000,
  }, async () => {
    const { store, sessions, clock } = await open();
    if (!store.characteristics().multiProcess) return;
    for (let i = 0; i < 60; i++) {
      await sessions.create({ id: `s${i}`, ttlMs: 1000 + i });
      if (i % 10 === 0) await sessions.saveSnapshot(`s${i}`);
    }
    await sessions.create({ id: "survivor", ttlMs: 1_000_000 });
    const spec = backend.spec(store);
    const now = String(clock.now() + 5000);
    const counts = await Promise.all([
      runScript(childScript, [JSON.stringify(spec), now]),
      runScript(childScript, [JSON.stringify(spec), now]),
    ]);
    expect(counts.map(Number).reduce((a, b) => a + b)).toBe(60);
    expect((await dump(store)).length).toBe(2); // the survivor and its expiry entry
  });
});
