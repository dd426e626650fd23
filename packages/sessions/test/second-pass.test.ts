// Issues 12 and 13 for sessions: the sweep's clock, one checked commit per change, refused
// calls that write nothing, paged listings, hostile JSON input and the API convention.
import {
  blake3Hex,
  encodeTuple,
  MAX_TIMESTAMP_MS,
  type StorageBackend,
  StorageError,
} from "@mnemo/core";
import { dump, forEachBackend, manualClock, runScript } from "@mnemo/testing";
import { describe, expect, it } from "vitest";
import { MAX_DATA_DEPTH, SessionStore } from "../src/index.js";
import { sessionCodec, sessionKey } from "../src/keyspace.js";

const HASH = blake3Hex("artifact");
const BIG = "x".repeat(17 * 1024 * 1024);

async function codeOf(action: () => unknown): Promise<string | undefined> {
  try {
    await action();
    return undefined;
  } catch (error) {
    if (!StorageError.is(error)) throw error;
    return error.code;
  }
}

function deep(levels: number): unknown {
  let value: unknown = 1;
  for (let i = 0; i < levels; i++) value = [value];
  return value;
}

const expiryKeys = async (store: StorageBackend) =>
  (await dump(store)).filter(([k]) => k.startsWith(encodeTuple(["expiry"]).slice(0, -1)));

forEachBackend((backend) => {
  const open = async () => {
    const store = await backend.open({ namespace: "sessions" });
    const clock = manualClock();
    return { store, clock, sessions: new SessionStore(store, { clock }) };
  };

  describe("sweeping by the store's clock", () => {
    it("refuses a now later than the clock, and sweeps nothing live", async () => {
      const { store, clock, sessions } = await open();
      await sessions.create({ id: "live", ttlMs: 60_000 });
      await sessions.create({ id: "old", ttlMs: 10 });
      clock.advance(100);
      const before = await dump(store);
      expect(await codeOf(() => sessions.sweepExpired(clock.now() + 3_600_000))).toBe(
        "INVALID_ARGUMENT",
      );
      expect(await dump(store)).toEqual(before);
      // An earlier instant is allowed: it sweeps only what had expired by then.
      expect(await sessions.sweepExpired(clock.now() - 95)).toBe(0);
      expect(await sessions.sweepExpired(clock.now())).toBe(1);
      expect(await sessions.get("live")).toBeDefined();
    });

    it("finishes a removal whose remover died, once its lease ran out", async () => {
      const { store, clock, sessions } = await open();
      await sessions.create({ id: "s", ttlMs: 10 });
      await sessions.saveSnapshot("s");
      clock.advance(20);
      // A remover claimed it and died before deleting anything.
      const raw = (await store.get(sessionKey("s")))!;
      const record = sessionCodec.decode(raw);
      await store.set(
        sessionKey("s"),
        sessionCodec.encode({ ...record, removing: { at: clock.now() } }),
      );
      expect(await sessions.sweepExpired()).toBe(0);
      clock.advance(30_000);
      expect(await sessions.sweepExpired()).toBe(1);
      expect(await dump(store)).toEqual([]);
    });

    it("a remover whose claim was taken over touches nothing of the id's next session", async () => {
      const { store, clock, sessions } = await open();
      await sessions.create({ id: "s", ttlMs: 10 });
      await sessions.saveSnapshot("s", { label: "old" });
      clock.advance(20);
      let fired = false;
      // Right after A's claim commits, A stalls past its lease: B takes the claim over,
      // finishes the removal, and the id is reused with a snapshot of its own.
      const stalling = new Proxy(store, {
        get(target, prop) {
          if (prop === "commit") {
            return async (...args: Parameters<StorageBackend["commit"]>) => {
              const result = await target.commit(...args);
              if (!fired) {
                fired = true;
                clock.advance(30_001);
                expect(await sessions.sweepExpired()).toBe(1);
                await sessions.create({ id: "s", ttlMs: 1_000_000 });
                await sessions.saveSnapshot("s", { label: "new" });
              }
              return result;
            };
          }
          const value = Reflect.get(target, prop);
          return typeof value === "function" ? value.bind(target) : value;
        },
      });
      const a = new SessionStore(stalling, { clock });
      expect(await a.sweepExpired()).toBe(0);
      expect((await sessions.listSnapshots("s")).items.map((x) => x.label)).toEqual(["new"]);
      expect(await sessions.get("s")).toBeDefined();
    });

    it("removes a session owning more keys than one commit holds", async () => {
      const { store, sessions } = await open();
      await sessions.create({ id: "s", ttlMs: 1_000_000 });
      for (let i = 0; i < 1010; i++) await sessions.saveSnapshot("s");
      await sessions.linkArtifact("s", HASH);
      expect(await sessions.end("s")).toBe(true);
      expect(await dump(store)).toEqual([]);
    }, 60_000);
  });

  describe("one checked commit per change", () => {
    it("refuses a 17 MiB session on create, update and restore with nothing written", async () => {
      const { store, clock, sessions } = await open();
      await sessions.create({ id: "s", ttlMs: 1000, expiry: "sliding", data: { small: true } });
      await sessions.create({ id: "gone", ttlMs: 5 });
      await sessions.saveSnapshot("gone");
      clock.advance(10);
      const before = await dump(store);
      expect(await codeOf(() => sessions.update("s", BIG))).toBe("VALUE_TOO_LARGE");
      expect(await codeOf(() => sessions.create({ id: "n", ttlMs: 10, data: BIG }))).toBe(
        "VALUE_TOO_LARGE",
      );
      // Not even the expired predecessor is removed when the new record cannot be stored.
      expect(await codeOf(() => sessions.create({ id: "gone", ttlMs: 10, data: BIG }))).toBe(
        "VALUE_TOO_LARGE",
      );
      expect(await dump(store)).toEqual(before);
      // Exactly one expiry entry per session, after every kind of change.
      clock.advance(1);
      await sessions.touch("s");
      await sessions.update("s", { step: 2 });
      expect(await expiryKeys(store)).toHaveLength(2);
    });

    it("touch racing a sweep: one of them wins, and the index follows the record", async () => {
      const { store, clock, sessions } = await open();
      for (let i = 0; i < 20; i++)
        await sessions.create({ id: `s${i}`, ttlMs: 100, expiry: "sliding" });
      clock.advance(100);
      const other = new SessionStore(store, { clock: { now: () => clock.now() - 1 } });
      const [swept, ...touched] = await Promise.all([
        sessions.sweepExpired(),
        ...Array.from({ length: 20 }, (_, i) =>
          other.touch(`s${i}`).then(
            () => true,
            () => false,
          ),
        ),
      ]);
      const alive = touched.filter(Boolean).length;
      expect(swept + alive).toBe(20);
      const keys = await dump(store);
      // Every survivor has its record and exactly one expiry entry; nothing else is left.
      expect(keys).toHaveLength(alive * 2);
    });
  });

  describe("several processes", () => {
    // Child processes start slowly on a loaded machine.
    it("a touching process racing a sweeping one: each session kept or swept, never both", {
      timeout: 120_000,
    }, async (ctx) => {
      const { store, clock, sessions } = await open();
      if (!store.characteristics().multiProcess) return ctx.skip();
      const t0 = clock.now();
      for (let i = 0; i < 60; i++) {
        await sessions.create({ id: `s${i}`, ttlMs: 100, expiry: "sliding" });
        if (i % 10 === 0) await sessions.saveSnapshot(`s${i}`);
      }
      const spec = JSON.stringify(backend.spec(store));
      const child = (name: string) => new URL(`./fixtures/${name}.ts`, import.meta.url);
      // The toucher sees every session live (t0 + 50); the sweeper sees the untouched ones
      // expired (t0 + 120) but not the touched ones (they expire at t0 + 150).
      const [touched, swept] = await Promise.all([
        runScript(child("touch-child"), [spec, String(t0 + 50), "60"]),
        runScript(child("sweep-child"), [spec, String(t0 + 120)]),
      ]);
      expect(Number(touched) + Number(swept)).toBe(60);
      clock.set(t0 + 120);
      const alive = (await sessions.listSessions({ limit: 100 })).items;
      expect(alive.length + Number(swept)).toBe(60);
      // A survivor was touched after the sweeper's read; a swept one has nothing left.
      for (const session of alive) expect(session.expiresAt).toBe(t0 + 150);
      const keys = (await dump(store)).map(([k]) => k);
      const owned = alive.filter((s) => Number(s.id.slice(1)) % 10 === 0).length;
      expect(keys).toHaveLength(alive.length * 2 + owned);
    });
  });

  describe("hostile JSON input", () => {
    const toStringKey = JSON.parse('{"toString":"x"}');
    const cases: [string, (s: SessionStore, store: StorageBackend) => unknown][] = [
      ["null options", (_s, st) => new SessionStore(st, null as never)],
      ["options as a string", (_s, st) => new SessionStore(st, "x" as never)],
      ["maxAttempts NaN", (_s, st) => new SessionStore(st, { maxAttempts: Number.NaN })],
      ["removalLeaseMs -1", (_s, st) => new SessionStore(st, { removalLeaseMs: -1 })],
      ["clock 5", (_s, st) => new SessionStore(st, { clock: 5 as never })],
      ["create(null)", (s) => s.create(null as never)],
      ["create([])", (s) => s.create([] as never)],
      ["create({toString})", (s) => s.create(toStringKey)],
      ["create id {toString}", (s) => s.create({ id: toStringKey, ttlMs: 10 })],
      ["create ttlMs string", (s) => s.create({ ttlMs: "10" as never })],
      ["create ttlMs past 9999", (s) => s.create({ ttlMs: MAX_TIMESTAMP_MS })],
      ["create expiry {toString}", (s) => s.create({ ttlMs: 10, expiry: toStringKey })],
      ["create data 4,000 deep", (s) => s.create({ ttlMs: 10, data: deep(4000) })],
      ["create data with a Set", (s) => s.create({ ttlMs: 10, data: new Set([1]) })],
      ["create id 300 bytes", (s) => s.create({ id: "é".repeat(150), ttlMs: 10 })],
      ["get({toString})", (s) => s.get(toStringKey)],
      ["get(5)", (s) => s.get(5 as never)],
      ["update data 4,000 deep", (s) => s.update("s", deep(4000))],
      ["update data Date", (s) => s.update("s", new Date())],
      ["touch(null)", (s) => s.touch(null as never)],
      ["end([])", (s) => s.end([] as never)],
      ["sweepExpired string", (s) => s.sweepExpired("1" as never)],
      ["sweepExpired {toString}", (s) => s.sweepExpired(toStringKey)],
      ["sweepExpired year 10000", (s) => s.sweepExpired(MAX_TIMESTAMP_MS + 1)],
      ["saveSnapshot null options", (s) => s.saveSnapshot("s", null as never)],
      ["saveSnapshot label {toString}", (s) => s.saveSnapshot("s", { label: toStringKey })],
      ["saveSnapshot label 2 KiB", (s) => s.saveSnapshot("s", { label: "l".repeat(2048) })],
      ["listSnapshots null options", (s) => s.listSnapshots("s", null as never)],
      ["listSnapshots limit 0", (s) => s.listSnapshots("s", { limit: 0 })],
      ["listSnapshots cursor number", (s) => s.listSnapshots("s", { cursor: 5 as never })],
      ["restoreSnapshot id {toString}", (s) => s.restoreSnapshot("s", toStringKey)],
      ["linkArtifact hash {toString}", (s) => s.linkArtifact("s", toStringKey)],
      ["linkArtifact null options", (s) => s.linkArtifact("s", HASH, null as never)],
      ["unlinkArtifact hash number", (s) => s.unlinkArtifact("s", 5 as never)],
      ["listArtifacts limit string", (s) => s.listArtifacts("s", { limit: "5" as never })],
      ["listSessions null", (s) => s.listSessions(null as never)],
      ["listSessions limit 1001", (s) => s.listSessions({ limit: 1001 })],
      ["listSessions cursor garbage", (s) => s.listSessions({ cursor: "garbage" })],
    ];
    it.each(cases)("%s is INVALID_ARGUMENT with nothing written", async (_name, call) => {
      const { store, sessions } = await open();
      await sessions.create({ id: "s", ttlMs: 1000 });
      const before = await dump(store);
      expect(await codeOf(() => call(sessions, store))).toBe("INVALID_ARGUMENT");
      expect(await dump(store)).toEqual(before);
    });
  });

  describe("data depth", () => {
    it(`takes data nested ${MAX_DATA_DEPTH} levels and refuses one more, naming data`, async () => {
      const { sessions } = await open();
      const made = await sessions.create({ ttlMs: 1000, data: deep(MAX_DATA_DEPTH) });
      expect((await sessions.update(made.id, deep(MAX_DATA_DEPTH))).data).toEqual(
        deep(MAX_DATA_DEPTH),
      );
      for (const call of [
        () => sessions.create({ ttlMs: 1000, data: deep(MAX_DATA_DEPTH + 1) }),
        () => sessions.update(made.id, deep(MAX_DATA_DEPTH + 1)),
      ]) {
        await expect(call()).rejects.toThrow(
          new RegExp(`^data must be JSON-serialisable: .* deeper than ${MAX_DATA_DEPTH} levels`),
        );
      }
    });
  });

  describe("the API convention", () => {
    it("pages every listing with tagged cursors and one limit rule", async () => {
      const { clock, sessions } = await open();
      for (let i = 0; i < 5; i++) await sessions.create({ id: `s${i}`, ttlMs: 1000 });
      await sessions.create({ id: "s2x", ttlMs: 1 });
      clock.advance(2);
      const first = await sessions.listSessions({ limit: 2 });
      expect(first.items.map((s) => s.id)).toEqual(["s0", "s1"]);
      const ids: string[] = [];
      let cursor: string | undefined;
      do {
        const next = await sessions.listSessions({ limit: 2, ...(cursor ? { cursor } : {}) });
        ids.push(...next.items.map((s) => s.id));
        cursor = next.nextCursor;
      } while (cursor !== undefined);
      // The expired one is skipped.
      expect(ids).toEqual(["s0", "s1", "s2", "s3", "s4"]);
      for (let i = 0; i < 3; i++) {
        clock.advance(1);
        await sessions.saveSnapshot("s0", { label: `v${i}` });
      }
      const snaps = await sessions.listSnapshots("s0", { limit: 2 });
      expect(snaps.items.map((s) => s.label)).toEqual(["v0", "v1"]);
      const rest = await sessions.listSnapshots("s0", { limit: 2, cursor: snaps.nextCursor! });
      expect(rest).toEqual({ items: [expect.objectContaining({ label: "v2" })] });
      // A cursor of one listing (or of another session) is refused by every other.
      expect(await codeOf(() => sessions.listSessions({ cursor: snaps.nextCursor! }))).toBe(
        "INVALID_ARGUMENT",
      );
      expect(await codeOf(() => sessions.listSnapshots("s1", { cursor: snaps.nextCursor! }))).toBe(
        "INVALID_ARGUMENT",
      );
      expect(await codeOf(() => sessions.listArtifacts("s0", { cursor: first.nextCursor! }))).toBe(
        "INVALID_ARGUMENT",
      );
      for (const limit of [0, -1, 1.5, 1001, Number.NaN]) {
        expect(await codeOf(() => sessions.listSessions({ limit }))).toBe("INVALID_ARGUMENT");
      }
    });

    it("answers deletes with booleans and refused state changes with FAILED_PRECONDITION", async () => {
      const { sessions } = await open();
      await sessions.create({ id: "s", ttlMs: 1000 });
      await sessions.linkArtifact("s", HASH);
      expect(await sessions.unlinkArtifact("s", HASH)).toBe(true);
      expect(await sessions.unlinkArtifact("s", HASH)).toBe(false);
      const duplicate = await sessions.create({ id: "s", ttlMs: 1 }).catch((e: StorageError) => e);
      expect(duplicate).toMatchObject({ code: "FAILED_PRECONDITION", isRetryable: false });
      expect(await sessions.end("s")).toBe(true);
      expect(await sessions.end("s")).toBe(false);
      expect(await codeOf(() => sessions.touch("s"))).toBe("NOT_FOUND");
    });
  });
});
