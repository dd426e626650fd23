/**
 * The checked-commit race, in one process: interleaved async clients moving records and
 * their index entries, and clients racing absent-checked creates. The state afterwards must
 * be some serial order of the successful commits (see ../race/verify.ts). The multi-process
 * run is in @mnemo/testing's test/race.test.ts.
 */
import { describe, it } from "vitest";
import { runCreateClients, runMoveClients, setUpMoves } from "../race/clients.js";
import { verifyCreates, verifyMoves } from "../race/verify.js";
import type { ConformanceContext } from "./context.js";

const RECORDS = 3;

export function raceSpec(ctx: ConformanceContext): void {
  describe("race: concurrent checked commits", () => {
    it("moves records and index entries with no lost update and no orphan entry", async () => {
      const store = await ctx.open();
      await setUpMoves(store, RECORDS);
      const logs = await runMoveClients(store, {
        name: "in-process",
        clients: 6,
        seed: 1,
        records: RECORDS,
        attempts: 25,
      });
      await verifyMoves(store, RECORDS, logs);
    });

    it("creates each absent-checked record exactly once among racing clients", async () => {
      const store = await ctx.open();
      const logs = await runCreateClients(store, {
        name: "in-process",
        clients: 6,
        seed: 2,
        keys: 20,
      });
      await verifyCreates(store, 20, logs);
    });
  });
}
