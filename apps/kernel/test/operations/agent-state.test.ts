import { forEachBackend } from "@mnemo/testing";
import { expect, it } from "vitest";
import { agentState } from "../../src/operations/agent-state.js";
import { runScenario } from "./harness.js";
import { expectAllRefused } from "./hostile.js";

forEachBackend((backend) => {
  it("serves every agent-state operation from JSON to JSON", async () => {
    const run = await runScenario(agentState, backend, async (api) => {
      const lifecycle = await api.call("agentState.setStatus", {
        agentId: "a-1",
        status: "active",
        reason: "started",
      });
      expect(lifecycle).toMatchObject({ agentId: "a-1", status: "active" });
      const first = await api.call("agentState.saveSnapshot", {
        agentId: "a-1",
        encoding: "json",
        data: { goal: "book a flight", step: 3 },
        metadata: { kind: "plan" },
      });
      expect(first).toMatchObject({ version: 1, encoding: "json", metadata: { kind: "plan" } });
      const bytes = Buffer.from([0, 1, 2, 250, 255]).toString("base64");
      const second = await api.call("agentState.saveSnapshot", {
        agentId: "a-1",
        encoding: "bytes",
        data: bytes,
      });
      expect(second).toMatchObject({ version: 2, encoding: "bytes", size: 5 });
      for (const data of ["AAE=x", "AA E=", 5, null]) {
        await api.fails(
          "agentState.saveSnapshot",
          { agentId: "a-1", encoding: "bytes", data },
          "INVALID_ARGUMENT",
        );
      }
      const latest = await api.call("agentState.loadSnapshot", { agentId: "a-1" });
      expect(latest).toMatchObject({ version: 2, encoding: "bytes", data: bytes });
      const v1 = await api.call("agentState.loadSnapshot", { agentId: "a-1", version: 1 });
      expect(v1.data).toStrictEqual({ goal: "book a flight", step: 3 });
      await api.fails("agentState.loadSnapshot", { agentId: "nobody" }, "NOT_FOUND");

      const newest = await api.call("agentState.listSnapshots", {
        agentId: "a-1",
        reverse: true,
        limit: 1,
      });
      expect(newest.items.map((i: { version: number }) => i.version)).toStrictEqual([2]);
      const older = await api.call("agentState.listSnapshots", {
        agentId: "a-1",
        reverse: true,
        cursor: newest.nextCursor,
      });
      expect(older.items.map((i: { version: number }) => i.version)).toStrictEqual([1]);

      expect(await api.call("agentState.listAgents", { limit: 10 })).toMatchObject({
        items: [{ agentId: "a-1", status: "active", lastVersion: 2 }],
      });
      expect(await api.call("agentState.prune", { agentId: "a-1", keep: 1 })).toStrictEqual({
        deleted: 1,
      });
      await api.call("agentState.setStatus", { agentId: "a-1", status: "terminated" });
      const status = await api.call("agentState.getStatus", { agentId: "a-1" });
      expect(status.history.map((h: { status: string }) => h.status)).toStrictEqual([
        "active",
        "terminated",
      ]);
      await api.fails("agentState.getStatus", { agentId: "nobody" }, "NOT_FOUND");
      await api.fails(
        "agentState.saveSnapshot",
        { agentId: "a-1", encoding: "json", data: 1 },
        "FAILED_PRECONDITION",
      );
    });
    for (const op of agentState.operations) expectAllRefused(op, run.samples.get(op.name));
  });
});
