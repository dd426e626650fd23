import { jsonRecordCodec, type StorageBackend } from "@mnemo/core";
import { dump, forEachBackend, runScript } from "@mnemo/testing";
import { expect, it } from "vitest";
import { AgentStateStore } from "../src/index.js";
import { infoKey, snapshotKey } from "../src/keys.js";
import { openStates, refused } from "./helpers.js";

/** Rewrites a stored format-1 (JSON) record behind the component's back. */
async function tamper(
  store: StorageBackend,
  key: string,
  change: (r: Record<string, unknown>) => void,
) {
  const codec = jsonRecordCodec<Record<string, unknown>>();
  const record = codec.decode((await store.get(key))!);
  change(record);
  await store.set(key, codec.encode(record));
}

forEachBackend((backend) => {
  it("saves JSON and bytes snapshots as versions and loads any of them", async () => {
    const { states, clock } = await openStates(backend);
    const v1 = await states.saveSnapshot(
      "a",
      { goal: "x", steps: [1, 2] },
      { metadata: { by: "t" } },
    );
    clock.advance(5);
    const bytes = new Uint8Array([0, 1, 2, 255]);
    const v2 = await states.saveSnapshot("a", bytes);
    bytes[0] = 9; // the caller's later edit does not reach the stored snapshot
    expect(v1).toMatchObject({ version: 1, encoding: "json", metadata: { by: "t" } });
    expect(v2).toMatchObject({ version: 2, encoding: "bytes", size: 4, savedAt: v1.savedAt + 5 });
    expect(v2.checksum).toMatch(/^[0-9a-f]{64}$/);
    const latest = await states.loadSnapshot("a");
    expect(latest?.version).toBe(2);
    expect(latest?.data).toEqual(new Uint8Array([0, 1, 2, 255]));
    expect((await states.loadSnapshot("a", { version: 1 }))?.data).toEqual({
      goal: "x",
      steps: [1, 2],
    });
    expect(await states.loadSnapshot("a", { version: 3 })).toBeUndefined();
    expect(await states.loadSnapshot("other")).toBeUndefined();
    expect((await states.listSnapshots("a")).items).toEqual([v1, v2]);
  });

  it("stores bytes as they are: no base64, a string that looks like base64 stays a string", async () => {
    const { states, store } = await openStates(backend);
    const bytes = new Uint8Array(3000).map((_, i) => (i * 37) % 256);
    await states.saveSnapshot("a", bytes);
    await states.saveSnapshot("a", "AAECAw==");
    const record = (await store.get(snapshotKey("a", 1)))!;
    expect(record.byteLength).toBeLessThan(bytes.byteLength + 400);
    expect((await states.loadSnapshot("a", { version: 1 }))?.data).toEqual(bytes);
    expect((await states.loadSnapshot("a", { version: 2 }))?.data).toBe("AAECAw==");
  });

  it("refuses a 17 MiB save before writing anything; the next save is still version 1", async () => {
    const { states, store } = await openStates(backend);
    await states.setStatus("a", "active");
    const before = await dump(store);
    await refused(
      () => states.saveSnapshot("a", new Uint8Array(17 * 1024 * 1024)),
      "VALUE_TOO_LARGE",
    );
    await refused(() => states.saveSnapshot("a", "x".repeat(17 * 1024 * 1024)), "VALUE_TOO_LARGE");
    expect(await dump(store)).toEqual(before);
    expect((await states.saveSnapshot("a", { small: true })).version).toBe(1);
  });

  it("never gives two concurrent writers the same version", async () => {
    const { states, store } = await openStates(backend);
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

  it("pages snapshots both ways and prunes in batches, keeping the numbering", async () => {
    const { states } = await openStates(backend);
    for (let i = 0; i < 12; i++) await states.saveSnapshot("a", { i });
    await states.saveSnapshot("b", { other: true });
    const walk = async (reverse: boolean) => {
      const out: number[] = [];
      let cursor: string | undefined;
      do {
        const page = await states.listSnapshots("a", {
          limit: 5,
          reverse,
          ...(cursor ? { cursor } : {}),
        });
        out.push(...page.items.map((s) => s.version));
        cursor = page.nextCursor;
      } while (cursor !== undefined);
      return out;
    };
    const all = Array.from({ length: 12 }, (_, i) => i + 1);
    expect(await walk(false)).toEqual(all);
    expect(await walk(true)).toEqual([...all].reverse());
    expect(await states.prune("a", 2)).toBe(10);
    expect((await states.listSnapshots("a")).items.map((v) => v.version)).toEqual([11, 12]);
    expect(await states.loadSnapshot("a", { version: 1 })).toBeUndefined();
    expect(await states.prune("a", 2)).toBe(0);
    expect(await states.prune("a", 5)).toBe(0);
    expect((await states.saveSnapshot("a", { i: 12 })).version).toBe(13);
    expect((await states.listSnapshots("b")).items).toHaveLength(1);
  });

  it("ends a snapshot page early once it holds 8 MiB of infos", async () => {
    const { states } = await openStates(backend);
    const metadata = { pad: "x".repeat(60 * 1024) };
    for (let i = 0; i < 150; i++) await states.saveSnapshot("a", i, { metadata });
    const first = await states.listSnapshots("a", { limit: 1000 });
    expect(first.items.length).toBeGreaterThan(100);
    expect(first.items.length).toBeLessThan(150);
    const rest = await states.listSnapshots("a", { limit: 1000, cursor: first.nextCursor! });
    expect([...first.items, ...rest.items].map((s) => s.version)).toEqual(
      Array.from({ length: 150 }, (_, i) => i + 1),
    );
    expect(rest.nextCursor).toBeUndefined();
  }, 60_000);

  it("prunes more versions than one batch", async () => {
    const { states } = await openStates(backend);
    for (let i = 0; i < 600; i++) await states.saveSnapshot("a", i);
    expect(await states.prune("a", 1)).toBe(599);
    expect((await states.listSnapshots("a")).items.map((v) => v.version)).toEqual([600]);
  }, 60_000);

  it("fails with CORRUPTED when a snapshot changed behind its back", async () => {
    const { states, store } = await openStates(backend);
    await states.saveSnapshot("a", { balance: 100 });
    await states.saveSnapshot("a", new Uint8Array([1, 2, 3]));
    await states.saveSnapshot("a", { fine: true });
    // A flipped payload byte.
    const record = (await store.get(snapshotKey("a", 1)))!;
    record[record.byteLength - 2] = record[record.byteLength - 2]! ^ 1;
    await store.set(snapshotKey("a", 1), record);
    await refused(() => states.loadSnapshot("a", { version: 1 }), "CORRUPTED");
    // The info record's checksum changed: the payload no longer matches it.
    const info = jsonRecordCodec<Record<string, unknown>>();
    const stored = info.decode((await store.get(infoKey("a", 2)))!);
    await store.set(infoKey("a", 2), info.encode({ ...stored, checksum: "0".repeat(64) }));
    await refused(() => states.loadSnapshot("a", { version: 2 }), "CORRUPTED");
    // Raw bytes that are no record at all.
    await store.set(snapshotKey("a", 3), new Uint8Array([1, 123]));
    await refused(() => states.loadSnapshot("a"), "CORRUPTED");
    await store.set(snapshotKey("a", 3), new Uint8Array([2, 0, 0, 9, 9]));
    await refused(() => states.loadSnapshot("a"), "CORRUPTED");
  });

  it("reads format-1 records and checks their base64 strictly", async () => {
    const { states, store } = await openStates(backend);
    const saved = await states.saveSnapshot("a", new Uint8Array([1, 2, 3]));
    const legacy = jsonRecordCodec<Record<string, unknown>>();
    const write = (payload: string) =>
      store.set(snapshotKey("a", 1), legacy.encode({ ...saved, payload }));
    await write(Buffer.from([1, 2, 3]).toString("base64"));
    expect((await states.loadSnapshot("a"))?.data).toEqual(new Uint8Array([1, 2, 3]));
    // Node's decoder skips characters that are not base64; the same bytes must not pass.
    await write(`AQ!ID${"\n"}`);
    await refused(() => states.loadSnapshot("a"), "CORRUPTED");
    await tamper(store, snapshotKey("a", 1), (r) => {
      r.payload = Buffer.from([9, 9, 9]).toString("base64");
    });
    await refused(() => states.loadSnapshot("a"), "CORRUPTED");
  });

  it("gives two processes saving at once distinct versions", async (context) => {
    const { states, store } = await openStates(backend);
    if (!store.characteristics().multiProcess) return context.skip();
    const spec = JSON.stringify(backend.spec(store));
    const script = new URL("./fixtures/save-snapshots.ts", import.meta.url).href;
    const outputs = await Promise.all([
      runScript(script, [spec, "a", "25"]),
      runScript(script, [spec, "a", "25"]),
    ]);
    const versions = outputs
      .flatMap((out) => (JSON.parse(out) as { versions: number[] }).versions)
      .sort((x, y) => x - y);
    expect(versions).toEqual(Array.from({ length: 50 }, (_, i) => i + 1));
    expect((await states.listSnapshots("a")).items).toHaveLength(50);
    expect((await states.loadSnapshot("a"))?.version).toBe(50);
  }, 60_000);
});
