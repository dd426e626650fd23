/** docs/conventions.md, checked where a machine can. */
import { StorageError } from "@mnemo/core";
import { dump, forEachBackend } from "@mnemo/testing";
import { expect, it } from "vitest";
import { AgentStateStore } from "../src/index.js";
import { openStates, refused } from "./helpers.js";

forEachBackend((backend) => {
  it("pages are { items, nextCursor? } and cursors round-trip", async () => {
    const { states } = await openStates(backend);
    for (let i = 0; i < 3; i++) await states.saveSnapshot("a", { i });
    await states.setStatus("b", "active");
    await states.setStatus("c", "active");
    for (const list of [
      (cursor?: string) => states.listSnapshots("a", { limit: 2, ...(cursor ? { cursor } : {}) }),
      (cursor?: string) =>
        states.listSnapshots("a", { limit: 2, reverse: true, ...(cursor ? { cursor } : {}) }),
      (cursor?: string) => states.listAgents({ limit: 2, ...(cursor ? { cursor } : {}) }),
    ]) {
      const first = await list();
      expect(Object.keys(first).sort()).toEqual(["items", "nextCursor"]);
      const second = await list(first.nextCursor);
      expect(Object.keys(second)).toEqual(["items"]);
      expect(second.items).toHaveLength(1);
    }
  });

  it("a cursor from one listing is refused by every other", async () => {
    const { states } = await openStates(backend);
    for (let i = 0; i < 3; i++) await states.saveSnapshot("a", { i });
    await states.saveSnapshot("b", {});
    const forward = (await states.listSnapshots("a", { limit: 1 })).nextCursor!;
    const backward = (await states.listSnapshots("a", { limit: 1, reverse: true })).nextCursor!;
    const agents = (await states.listAgents({ limit: 1 })).nextCursor!;
    for (const call of [
      () => states.listSnapshots("a", { cursor: agents }),
      () => states.listSnapshots("a", { cursor: backward }),
      () => states.listSnapshots("a", { cursor: forward, reverse: true }),
      () => states.listSnapshots("b", { cursor: forward }),
      () => states.listAgents({ cursor: forward }),
    ]) {
      const error = await refused(call);
      expect(error.details).toMatchObject({ field: "cursor" });
    }
  });

  it("limits: a positive integer up to 1,000, the same error everywhere", async () => {
    const { states } = await openStates(backend);
    await states.saveSnapshot("a", {});
    for (const limit of [0, -1, 1.5, 1001, Number.NaN, "10", null]) {
      for (const call of [
        () => states.listSnapshots("a", { limit: limit as number }),
        () => states.listAgents({ limit: limit as number }),
      ]) {
        const error = await refused(call);
        expect(error.details).toMatchObject({ field: "limit" });
      }
    }
    expect((await states.listAgents({ limit: 1000 })).items).toHaveLength(1);
  });

  it("times come from the clock option and are validated", async () => {
    const { store } = await openStates(backend);
    const at = 1_800_000_000_000;
    const states = new AgentStateStore(store, { clock: { now: () => at } });
    expect((await states.saveSnapshot("a", {})).savedAt).toBe(at);
    expect((await states.setStatus("a", "active")).changedAt).toBe(at);
    const before = await dump(store);
    for (const bad of [-1, 1.5, 253_402_300_800_000, Number.NaN]) {
      const broken = new AgentStateStore(store, { clock: { now: () => bad } });
      await refused(() => broken.saveSnapshot("a", {}));
      await refused(() => broken.setStatus("a", "suspended"));
    }
    expect(await dump(store)).toEqual(before);
  });

  it("bulk deletes return the number deleted", async () => {
    const { states } = await openStates(backend);
    for (let i = 0; i < 3; i++) await states.saveSnapshot("a", { i });
    expect(await states.prune("a", 1)).toBe(2);
    expect(await states.prune("a", 1)).toBe(0);
    expect(await states.prune("none", 1)).toBe(0);
  });

  it("options are validated at construction; null options are INVALID_ARGUMENT", async () => {
    const { store } = await openStates(backend);
    for (const options of [
      null,
      5,
      "x",
      { maxAttempts: Number.NaN },
      { maxHistory: 1.5 },
      { clock: null },
    ]) {
      let error: unknown;
      try {
        new AgentStateStore(store, options as never);
      } catch (e) {
        error = e;
      }
      expect(StorageError.is(error, "INVALID_ARGUMENT"), JSON.stringify(options)).toBe(true);
    }
    expect(() => new AgentStateStore(store)).not.toThrow();
  });

  it("refused state changes are FAILED_PRECONDITION; contention is CONFLICT", async () => {
    const { states, store } = await openStates(backend);
    await states.setStatus("a", "active");
    expect(
      (await refused(() => states.setStatus("a", "active"), "FAILED_PRECONDITION")).isRetryable,
    ).toBe(false);
    // One attempt and a writer that always gets in between: contention, retryable.
    let other = 0;
    const contended = new AgentStateStore(
      new Proxy(store, {
        get(target, property, receiver) {
          if (property === "commit") {
            return async (...args: Parameters<typeof target.commit>) => {
              await states.saveSnapshot("a", { other: other++ });
              return target.commit(...args);
            };
          }
          const value = Reflect.get(target, property, receiver);
          return typeof value === "function" ? value.bind(target) : value;
        },
      }),
      { maxAttempts: 2 },
    );
    const error = await refused(() => contended.saveSnapshot("a", { mine: true }), "CONFLICT");
    expect(error.isRetryable).toBe(true);
  });
});
