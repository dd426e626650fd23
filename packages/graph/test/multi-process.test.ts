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
