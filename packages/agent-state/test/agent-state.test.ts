import { jsonRecordCodec, type StorageBackend, StorageError } from "@mnemo/core";
import { dump, forEachBackend, manualClock, runScript } from "@mnemo/testing";
import { expect, it } from "vitest";
import { AgentStateStore } from "../src/index.js";
import { snapshotKey } from "../src/keys.js";

async function refused(call: () => Promise<unknown>, code: string) {
  const error = await call().then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(StorageError);
  expect((error as StorageError).code).toBe(code);
}

/** Rewrites a stored snapshot record behind the component's back. */
async function tamper(
  store: StorageBackend,
  key: string,
  change: (record: Record<string, unknown>) => void,
) {
  const codec = jsonRecordCodec<Record<string, unknown>>();
  const record = codec.decode((await store.get(key))!);
  change(record);
  await store.set(key, codec.encode(record));
}

forEachBackend((backend) => {
  async function open() {
    const store = await backend.open({ namespace: "agent_state" });
    const clock = manualClock();
    return { store, clock, states: new AgentStateStore(store, { clock }) };
  }

  it("saves JSON and bytes snapshots as versions and loads any of them", async () => {
    const { states, clock } = await open();
    const v1 = await states.saveSnapshot(
      "a",
      { goal: "x", steps: [1, 2] },
      { metadata: { by: "t" } },
    );
    clock.advance(5);
    const bytes = new Uint8Array([0, 1, 2, 255]);
    const v2 = await states.saveSnapshot("a", bytes);
    expect(v1).toMatchObject({ version: 1, encoding: "json", metadata: { by: "t" } });
    expect(v2).toMatchObject({ version: 2, encoding: "bytes", size: 4, savedAt: v1.savedAt + 5 });
    expect(v2.checksum).toMatch(/^[0-9a-f]{64}$/);
    const latest = await states.loadSnapshot("a");
    expect(latest?.version).toBe(2);
    expect(latest?.data).toEqual(bytes);
    expect((await states.loadSnapshot("a", { version: 1 }))?.data).toEqual({
      goal: "x",
      steps: [1, 2],
    });
    expect(await states.loadSnapshot("a", { version: 3 })).toBeUndefined();
    expect(await states.loadSnapshot("other")).toBeUndefined();
    expect(await states.listVersions("a")).toEqual([v1, v2]);
  });

  it("never gives two concurrent writers the same version", async () => {
    const { states, store } = await open();
    const other = new AgentStateStore(store);
    const saved = await Promise.all(
      Array.from({ length: 20 }, (_, i) => (i % 2 ? states : other).saveSnapshot("a", { i })),
    );
    expect(saved.map((s) => s.version).sort((x, y) => x - y)).toEqual(
      Array.from({ length: 20 }, (_, i) => i + 1),
    );
    for (const info of saved) {
      expect((await states.loadSnapshot("a", { version: info.version }))?.checksum).toBe(
        info.checksum,
      );
    }
  });

  it("prunes to the last N and keeps numbering after", async () => {
    const { states } = await open();
    for (let i = 0; i < 5; i++) await states.saveSnapshot("a", { i });
    await states.saveSnapshot("b", { other: true });
    expect(await states.prune("a", 2)).toBe(3);
    expect((await states.listVersions("a")).map((v) => v.version)).toEqual([4, 5]);
    expect(await states.loadSnapshot("a", { version: 1 })).toBeUndefined();
    expect(await states.prune("a", 2)).toBe(0);
    expect((await states.saveSnapshot("a", { i: 5 })).version).toBe(6);
    expect((await states.listVersions("b")).length).toBe(1);
  });

  it("fails with CORRUPTED when a snapshot changed behind its back", async () => {
    const { states, store } = await open();
    await states.saveSnapshot("a", { balance: 100 });
    await states.saveSnapshot("a", new Uint8Array([1, 2, 3]));
    await states.saveSnapshot("a", { fine: true });
    // Payload changed, checksum left alone.
    await tamper(store, snapshotKey("a", 1), (r) => {
      r.payload = JSON.stringify({ balance: 1_000_000 });
    });
    await refused(() => states.loadSnapshot("a", { version: 1 }), "CORRUPTED");
    // Payload and the record's own checksum rewritten consistently: the info record disagrees.
    await tamper(store, snapshotKey("a", 2), (r) => {
      r.payload = Buffer.from([9, 9, 9]).toString("base64");
      r.checksum = "0".repeat(64);
    });
    await refused(() => states.loadSnapshot("a", { version: 2 }), "CORRUPTED");
    // Raw bytes that are no record at all.
    await store.set(snapshotKey("a", 3), new Uint8Array([1, 123]));
    await refused(() => states.loadSnapshot("a"), "CORRUPTED");
  });

  it("tracks the lifecycle with the time of each change, terminated being final", async () => {
    const { states, clock } = await open();
    expect(await states.getStatus("a")).toBeUndefined();
    const t0 = clock.now();
    await states.setStatus("a", "created");
    clock.advance(10);
    await states.setStatus("a", "active");
    clock.advance(10);
    await states.setStatus("a", "suspended", { reason: "idle" });
    clock.advance(10);
    await states.setStatus("a", "active");
    clock.advance(10);
    const ended = await states.setStatus("a", "terminated");
    expect(ended).toMatchObject({ status: "terminated", changedAt: t0 + 40 });
    expect(ended.history).toEqual([
      { status: "created", at: t0 },
      { status: "active", at: t0 + 10 },
      { status: "suspended", at: t0 + 20, reason: "idle" },
      { status: "active", at: t0 + 30 },
      { status: "terminated", at: t0 + 40 },
    ]);
    await refused(() => states.setStatus("a", "active"), "CONFLICT");
    await refused(() => states.saveSnapshot("a", { late: true }), "CONFLICT");
    expect(await states.getStatus("a")).toEqual(ended);
    expect(await states.listVersions("a")).toEqual([]);
    // created → suspended is not a move; nor is a new agent starting suspended.
    await states.setStatus("b", "created");
    await refused(() => states.setStatus("b", "suspended"), "CONFLICT");
    await refused(() => states.setStatus("c", "terminated"), "CONFLICT");
  });

  it("lets exactly one of two racing status changes win", async () => {
    const { states, store } = await open();
    await states.setStatus("a", "active");
    const other = new AgentStateStore(store);
    const results = await Promise.allSettled([
      states.setStatus("a", "suspended"),
      other.setStatus("a", "suspended"),
    ]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    const loser = results.find((r) => r.status === "rejected") as PromiseRejectedResult;
    expect((loser.reason as StorageError).code).toBe("CONFLICT");
    expect((await states.getStatus("a"))?.history).toHaveLength(2);
  });

  it("refuses bad input and writes nothing", async () => {
    const { states, store } = await open();
    await states.saveSnapshot("a", { ok: true });
    await states.setStatus("a", "active");
    const before = await dump(store);
    await refused(() => states.saveSnapshot("", { x: 1 }), "INVALID_ARGUMENT");
    await refused(() => states.saveSnapshot("a", undefined), "INVALID_ARGUMENT");
    await refused(() => states.saveSnapshot("a", { f: () => 1 }), "INVALID_ARGUMENT");
    await refused(() => states.saveSnapshot("a", { n: 1n }), "INVALID_ARGUMENT");
    await refused(() => states.saveSnapshot("a", { n: Number.NaN }), "INVALID_ARGUMENT");
    await refused(
      () =>
        states.saveSnapshot("a", { x: 1 }, { metadata: [] as unknown as Record<string, unknown> }),
      "INVALID_ARGUMENT",
    );
    await refused(() => states.setStatus("a", "sleeping" as "active"), "INVALID_ARGUMENT");
    await refused(() => states.setStatus("", "active"), "INVALID_ARGUMENT");
    await refused(() => states.loadSnapshot("a", { version: 0 }), "INVALID_ARGUMENT");
    await refused(() => states.prune("a", 0), "INVALID_ARGUMENT");
    await refused(() => states.prune("a", 1.5), "INVALID_ARGUMENT");
    expect(await dump(store)).toEqual(before);
  });

  it("gives two processes saving at once distinct versions", async (context) => {
    const { states, store } = await open();
    if (!store.characteristics().multiProcess) return context.skip();
    const spec = JSON.stringify(backend.spec(store));
    const script = new URL("./fixtures/save-snapshots.ts", import.meta.url).href;
    const outputs = await Promise.all([
      runScript(script, [spec, "a", "25"]),
      runScript(script, [spec, "a", "25"]),
    ]);
    const versions = outputs.flatMap((out) => JSON.parse(out) as number[]).sort((x, y) => x - y);
    expect(versions).toEqual(Array.from({ length: 50 }, (_, i) => i + 1));
    expect(await states.listVersions("a")).toHaveLength(50);
    expect((await states.loadSnapshot("a"))?.version).toBe(50);
  }, 60_000);
});
