import { forEachBackend } from "@mnemo/testing";
import { expect, it } from "vitest";
import { procedural } from "../../src/operations/procedural.js";
import { runScenario } from "./harness.js";
import { expectAllRefused } from "./hostile.js";

const names = (page: { items: { name?: string; skill?: { name: string } }[] }) =>
  page.items.map((item) => item.name ?? item.skill?.name);

forEachBackend((backend) => {
  it("serves every procedural operation from JSON to JSON", async () => {
    const run = await runScenario(procedural, backend, async (api) => {
      const search = await api.call("procedural.saveSkill", {
        agentId: "a-1",
        name: "web-search",
        category: "research",
        steps: ["form a query", "search", "read the top results"],
        metadata: { source: "manual" },
      });
      expect(search).toMatchObject({ version: 1, category: "research" });
      await api.fails(
        "procedural.saveSkill",
        { agentId: "a-1", name: "empty", category: "research" },
        "INVALID_ARGUMENT",
      );
      await api.call("procedural.saveSkill", {
        agentId: "a-1",
        name: "web-search",
        category: "research",
        content: "Search the web.",
        description: "v2",
      });
      await api.call("procedural.saveSkill", {
        agentId: "a-1",
        name: "ask-user",
        category: "research",
        content: "Ask.",
      });
      expect(
        await api.call("procedural.getSkill", { agentId: "a-1", name: "web-search" }),
      ).toMatchObject({ version: 2, content: "Search the web." });
      expect(
        await api.call("procedural.getSkill", { agentId: "a-1", name: "web-search", version: 1 }),
      ).toMatchObject({ version: 1, steps: ["form a query", "search", "read the top results"] });
      await api.fails("procedural.getSkill", { agentId: "a-1", name: "nope" }, "NOT_FOUND");
      const first = await api.call("procedural.listSkills", { agentId: "a-1", limit: 1 });
      const research = await api.call("procedural.listSkills", {
        agentId: "a-1",
        category: "research",
      });
      expect(names(research)).toStrictEqual(["ask-user", "web-search"]);
      expect(names(first)).toStrictEqual(["ask-user"]);
      const rest = await api.call("procedural.listSkills", {
        agentId: "a-1",
        cursor: first.nextCursor,
      });
      expect(names(rest)).toStrictEqual(["web-search"]);
      const versions = await api.call("procedural.listVersions", {
        agentId: "a-1",
        name: "web-search",
      });
      expect(versions.items.map((s: { version: number }) => s.version)).toStrictEqual([1, 2]);
      expect(await api.call("procedural.listAgents", {})).toStrictEqual({
        items: [{ agentId: "a-1", skillCount: 2 }],
      });

      for (const success of [true, true, false]) {
        await api.call("procedural.recordExecution", {
          agentId: "a-1",
          name: "web-search",
          success,
          durationMs: 12.5,
          ...(success ? {} : { error: "timeout" }),
        });
      }
      await api.call("procedural.recordExecution", {
        agentId: "a-1",
        name: "ask-user",
        success: false,
        durationMs: 3,
      });
      await api.fails(
        "procedural.recordExecution",
        { agentId: "a-1", name: "nope", success: true, durationMs: 1 },
        "NOT_FOUND",
      );
      expect(
        await api.call("procedural.getStats", { agentId: "a-1", name: "web-search" }),
      ).toMatchObject({ successCount: 2, failureCount: 1, usageCount: 3, lastError: "timeout" });
      await api.fails("procedural.getStats", { agentId: "a-1", name: "nope" }, "NOT_FOUND");
      expect(
        names(
          await api.call("procedural.bestSkills", {
            agentId: "a-1",
            category: "research",
            minExecutions: 1,
          }),
        ),
      ).toStrictEqual(["web-search", "ask-user"]);
      expect(
        names(await api.call("procedural.mostUsed", { agentId: "a-1", limit: 1 })),
      ).toStrictEqual(["web-search"]);
      expect(
        names(await api.call("procedural.recentlyUsed", { agentId: "a-1", category: "research" })),
      ).toStrictEqual(["ask-user", "web-search"]);
      expect(
        await api.call("procedural.deleteSkill", { agentId: "a-1", name: "ask-user" }),
      ).toStrictEqual({
        deleted: true,
      });
      expect(
        await api.call("procedural.deleteSkill", { agentId: "a-1", name: "ask-user" }),
      ).toStrictEqual({
        deleted: false,
      });
    });
    for (const op of procedural.operations) expectAllRefused(op, run.samples.get(op.name));
  });
});
