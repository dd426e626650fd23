import { forEachBackend, runScript } from "@mnemo/testing";
import { expect, it } from "vitest";
import { BitemporalGraph } from "../src/index.js";

const child = new URL("./fixtures/writer-child.ts", import.meta.url);

forEachBackend((backend) => {
  it("two processes writing one fact lose no transaction", async (ctx) => {
    const store = await backend.open({ namespace: "graph" });
    if (!store.characteristics().multiProcess) return ctx.skip();
    const spec = JSON.stringify(backend.spec(store));
    const count = 40;
    const outputs = await Promise.all(
      ["1", "2"].map((worker) => runScript(child, [spec, worker, String(count)])),
    );
    for (const stdout of outputs) expect(stdout).toContain(`done ${count}`);
    const graph = new BitemporalGraph(store);
    for (const worker of [1, 2]) {
      for (let k = 0; k < count; k++) {
        const entity = await graph.getEntity("shared", { validAt: worker * 100_000 + k * 10 + 5 });
        expect(entity?.name).toBe(`w${worker}-${k}`);
      }
    }
    const history = (await graph.entityHistory("shared")).items;
    // Disjoint intervals: every assert added one version and closed none.
    expect(history).toHaveLength(2 * count);
    expect(history.every((v) => v.txTo === null)).toBe(true);
  }, 180_000);
});

const changer = new URL("./fixtures/supersede-correct-child.ts", import.meta.url);

forEachBackend((backend) => {
  it("one process superseding and one correcting a fact 100 times each never exhaust retries", async (ctx) => {
    const store = await backend.open({ namespace: "graph" });
    if (!store.characteristics().multiProcess) return ctx.skip();
    const graph = new BitemporalGraph(store);
    await graph.assertEntity({ id: "shared", type: "t", name: "first" }, { validFrom: 0 });
    const spec = JSON.stringify(backend.spec(store));
    const outputs = await Promise.all(
      ["supersede", "correct"].map((mode) => runScript(changer, [spec, mode, "100"])),
    );
    for (const stdout of outputs) expect(stdout).toContain("done 100");
    expect((await graph.getEntity("shared", { validAt: 100 }))?.name).toBe("c99");
    expect((await graph.getEntity("shared", { validAt: 5000 }))?.name).toBe("s99");
    // No version believed now overlaps another (no lost close): [0,500) corrected, then the
    // first value up to the first supersede, then one piece per supersede.
    const current = [];
    let cursor: string | undefined;
    do {
      const page = await graph.entityHistory("shared", { limit: 1000, ...(cursor && { cursor }) });
      current.push(...page.items.filter((v) => v.txTo === null));
      cursor = page.nextCursor;
    } while (cursor !== undefined);
    current.sort((a, b) => a.validFrom - b.validFrom);
    for (let i = 1; i < current.length; i++) {
      expect(current[i]!.validFrom).toBeGreaterThanOrEqual(current[i - 1]!.validTo!);
    }
    expect(current).toHaveLength(102);
  }, 300_000);
});

forEachBackend((backend) => {
  it("two writers in one process superseding and correcting one fact never exhaust retries", async () => {
    const store = await backend.open({ namespace: "graph" });
    const [a, b] = [new BitemporalGraph(store), new BitemporalGraph(store)];
    await a.assertEntity({ id: "shared", type: "t", name: "first" }, { validFrom: 0 });
    await Promise.all([
      (async () => {
        for (let k = 0; k < 100; k++) {
          await a.assertEntity({ id: "shared", type: "t", name: `s${k}` }, { validFrom: 1000 + k });
        }
      })(),
      (async () => {
        for (let k = 0; k < 100; k++) {
          await b.correctEntity(
            "shared",
            { type: "t", name: `c${k}` },
            { validFrom: 0, validTo: 500 },
          );
        }
      })(),
    ]);
    expect((await a.getEntity("shared", { validAt: 100 }))?.name).toBe("c99");
    expect((await a.getEntity("shared", { validAt: 5000 }))?.name).toBe("s99");
  }, 120_000);
});
