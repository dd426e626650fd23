import { ArtifactStore } from "@mnemo/artifacts";
import { forEachBackend, runScript } from "@mnemo/testing";
import { expect, it } from "vitest";
import { expectConsistent } from "./helpers.js";

const child = new URL("./fixtures/race-child.ts", import.meta.url);

forEachBackend((backend) => {
  it("keeps reference counts exact with two processes racing puts and deletes", async (ctx) => {
    const store = await backend.open({ namespace: "artifacts" });
    if (!store.characteristics().multiProcess) return ctx.skip();
    const spec = JSON.stringify(backend.spec(store));
    const rounds = process.env.CI ? "120" : "60";
    const outputs = await Promise.all(
      ["1", "2"].map((seed) => runScript(child, [spec, seed, rounds])),
    );
    const kept = outputs.reduce((sum, stdout) => sum + Number(/done (\d+)/.exec(stdout)?.[1]), 0);
    const artifacts = new ArtifactStore(store, { chunkSize: 4096 });
    expect((await artifacts.stats()).artifacts).toBe(kept);
    await expectConsistent(store);
    for (const info of (await artifacts.list({ limit: 1000 })).items) {
      expect((await artifacts.get(info.artifactId)).byteLength).toBe(info.size);
    }
  }, 180_000);
});
