import type { StorageError } from "@mnemo/core";
import { dump, forEachBackend, runScript } from "@mnemo/testing";
import { expect, it } from "vitest";
import { AgentStateStore } from "../src/index.js";
import { statusKey } from "../src/keys.js";
import { interleave, openStates, refused } from "./helpers.js";

forEachBackend((backend) => {
  it("tracks the lifecycle with the time of each change, terminated being final", async () => {
    const { states, clock, store } = await openStates(backend);
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
    const before = await dump(store);
    const illegal = await refused(() => states.setStatus("a", "active"), "FAILED_PRECONDITION");
    expect(illegal.isRetryable).toBe(false);
    await refused(() => states.saveSnapshot("a", { late: true }), "FAILED_PRECONDITION");
    expect(await dump(store)).toEqual(before);
    expect((await states.listSnapshots("a")).items).toEqual([]);
    // created → suspended is not a move; nor is a new agent starting suspended.
    await states.setStatus("b", "created");
    await refused(() => states.setStatus("b", "suspended"), "FAILED_PRECONDITION");
    await refused(() => states.setStatus("c", "terminated"), "FAILED_PRECONDITION");
  });

  it("keeps the latest maxHistory changes", async () => {
    const { store } = await openStates(backend);
    const states = new AgentStateStore(store, { maxHistory: 3 });
    await states.setStatus("a", "active");
    for (let i = 0; i < 3; i++) {
      await states.setStatus("a", "suspended");
      await states.setStatus("a", "active");
    }
    const history = (await states.getStatus("a"))!.history;
    expect(history.map((c) => c.status)).toEqual(["active", "suspended", "active"]);
  });

  it("lets exactly one of two racing status changes win; the other is refused as illegal", async () => {
    const { states, store } = await openStates(backend);
    await states.setStatus("a", "active");
    const other = new AgentStateStore(store);
    const results = await Promise.allSettled([
      states.setStatus("a", "suspended"),
      other.setStatus("a", "suspended"),
    ]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    const loser = results.find((r) => r.status === "rejected") as PromiseRejectedResult;
    // It re-read the status after losing the commit: suspended → suspended is no move.
    expect((loser.reason as StorageError).code).toBe("FAILED_PRECONDITION");
    expect((await states.getStatus("a"))?.history).toHaveLength(2);
  });

  it("never saves after a termination that landed between the save's read and its write", async () => {
    const { states, store } = await openStates(backend);
    await states.setStatus("a", "active");
    await states.saveSnapshot("a", { n: 1 });
    const racing = new AgentStateStore(
      interleave(store, statusKey("a"), () => states.setStatus("a", "terminated")),
    );
    await refused(() => racing.saveSnapshot("a", { n: 2 }), "FAILED_PRECONDITION");
    expect((await states.listSnapshots("a")).items.map((s) => s.version)).toEqual([1]);
    expect((await states.saveSnapshot("b", {})).version).toBe(1);
  });

  it("lists agents (saved or given a status) in pages with status and last version", async () => {
    const { states } = await openStates(backend);
    const ids = Array.from({ length: 7 }, (_, i) => `agent-${i}`);
    for (const [i, id] of ids.entries()) {
      if (i % 2) await states.setStatus(id, "active");
      if (i % 2 === 0 || i % 3 === 0) await states.saveSnapshot(id, { i });
    }
    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await states.listAgents({ limit: 3, ...(cursor ? { cursor } : {}) });
      expect(page.items.length).toBeLessThanOrEqual(3);
      seen.push(...page.items.map((a) => a.agentId));
      cursor = page.nextCursor;
    } while (cursor !== undefined);
    expect(seen).toEqual(ids);
    const { items } = await states.listAgents();
    expect(items[1]).toMatchObject({ agentId: "agent-1", status: "active", lastVersion: 0 });
    expect(items[2]).toEqual({ agentId: "agent-2", createdAt: expect.any(Number), lastVersion: 1 });
  });

  it("no save lands after another process terminated the agent", async (context) => {
    const { states, store } = await openStates(backend);
    if (!store.characteristics().multiProcess) return context.skip();
    await states.setStatus("a", "active");
    const spec = JSON.stringify(backend.spec(store));
    const script = new URL("./fixtures/save-snapshots.ts", import.meta.url).href;
    const children = [1, 2].map(() => runScript(script, [spec, "a", "100000", "until-terminated"]));
    // Terminate once both children are saving.
    for (;;) {
      const page = await states.listSnapshots("a", { reverse: true, limit: 1 });
      if ((page.items[0]?.version ?? 0) >= 20) break;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    await states.setStatus("a", "terminated");
    const atTermination = (await states.listSnapshots("a", { reverse: true, limit: 1 })).items[0]!
      .version;
    const outputs = (await Promise.all(children)).map(
      (out) => JSON.parse(out) as { versions: number[]; refused: boolean },
    );
    expect(outputs.every((o) => o.refused)).toBe(true);
    const latest = (await states.listSnapshots("a", { reverse: true, limit: 1 })).items[0]!.version;
    expect(latest).toBe(atTermination);
  }, 120_000);
});
