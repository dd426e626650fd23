// The checked-commit race from two child processes, on every backend that several processes
// may open at once (the in-process race runs in the conformance suite on every backend).
import { expect, it } from "vitest";
import { forEachBackend, runScript } from "../src/index.js";
import type { RaceChildConfig } from "../src/race/child.js";
import { type CreateLog, type MoveLog, setUpMoves } from "../src/race/clients.js";
import { verifyCreates, verifyMoves } from "../src/race/verify.js";

const child = new URL("../src/race/child.ts", import.meta.url).href;
const RECORDS = 3;

async function runChildren(
  base: Omit<RaceChildConfig, "name" | "seed" | "processes">,
): Promise<unknown[]> {
  const outputs = await Promise.all(
    ["p0", "p1"].map((name, i) =>
      runScript(child, [JSON.stringify({ ...base, name, seed: 10 + i, processes: 2 })]),
    ),
  );
  return outputs.flatMap((output) => JSON.parse(output) as unknown[]);
}

forEachBackend((backend) => {
  it("moves records and index entries from two processes with no lost update", async (test) => {
    const store = await backend.open();
    if (!store.characteristics().multiProcess) test.skip();
    await setUpMoves(store, RECORDS);
    const logs = (await runChildren({
      spec: backend.spec(store),
      variant: "move",
      clients: 3,
      records: RECORDS,
      attempts: 40,
    })) as MoveLog[];
    expect(
      new Set(logs.map((log) => log.client.split("-")[0])).size,
      "both processes committed",
    ).toBe(2);
    await verifyMoves(store, RECORDS, logs);
  }, 120_000);

  it("creates each absent-checked record once among two processes' clients", async (test) => {
    const store = await backend.open();
    if (!store.characteristics().multiProcess) test.skip();
    const logs = (await runChildren({
      spec: backend.spec(store),
      variant: "create",
      clients: 3,
      records: 30,
      attempts: 0,
    })) as CreateLog[];
    await verifyCreates(store, 30, logs);
  }, 120_000);
});
