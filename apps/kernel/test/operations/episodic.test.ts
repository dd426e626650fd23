import { forEachBackend } from "@mnemo/testing";
import { expect, it } from "vitest";
import { episodic } from "../../src/operations/episodic.js";
import { runScenario } from "./harness.js";
import { expectAllRefused } from "./hostile.js";

const T0 = 1_700_000_000_000;
const contents = (page: { items: { content: string }[] }) => page.items.map((t) => t.content);

forEachBackend((backend) => {
  it("serves every episodic operation from JSON to JSON", async () => {
    const run = await runScenario(episodic, backend, async (api) => {
      const hello = await api.call("episodic.append", {
        sessionId: "s-1",
        role: "user",
        content: "Book a flight to Lisbon",
        metadata: { channel: "chat" },
        timestamp: T0,
        embeddingRef: "vec-1",
      });
      expect(hello).toMatchObject({ sessionId: "s-1", role: "user", timestamp: T0 });
      const batch = await api.call("episodic.appendBatch", {
        turns: [
          {
            sessionId: "s-1",
            role: "assistant",
            content: "Which day do you fly?",
            timestamp: T0 + 1,
          },
          { sessionId: "s-1", role: "user", content: "Friday morning", timestamp: T0 + 2 },
          { sessionId: "s-2", role: "system", content: "You are helpful", timestamp: T0 + 3 },
        ],
      });
      expect(batch.items).toHaveLength(3);
      expect(await api.call("episodic.get", { id: hello.id })).toStrictEqual(hello);
      await api.fails("episodic.get", { id: `${hello.id}x` }, "NOT_FOUND");
      const users = await api.call("episodic.list", { sessionId: "s-1", roles: ["user"] });
      expect(contents(users)).toStrictEqual(["Book a flight to Lisbon", "Friday morning"]);
      const newest = await api.call("episodic.list", { sessionId: "s-1", order: "desc", limit: 1 });
      expect(contents(newest)).toStrictEqual(["Friday morning"]);
      const next = await api.call("episodic.list", {
        sessionId: "s-1",
        order: "desc",
        limit: 1,
        cursor: newest.nextCursor,
      });
      expect(contents(next)).toStrictEqual(["Which day do you fly?"]);
      const window = await api.call("episodic.list", {
        sessionId: "s-1",
        from: T0 + 1,
        to: T0 + 2,
      });
      expect(contents(window)).toStrictEqual(["Which day do you fly?"]);
      expect(
        contents(await api.call("episodic.recent", { sessionId: "s-1", limit: 2 })),
      ).toStrictEqual(["Which day do you fly?", "Friday morning"]);
      expect(await api.call("episodic.count", { sessionId: "s-1" })).toStrictEqual({ count: 3 });
      expect(await api.call("episodic.listSessions", {})).toStrictEqual({
        items: [
          { sessionId: "s-1", turns: 3 },
          { sessionId: "s-2", turns: 1 },
        ],
      });
      const found = await api.call("episodic.search", { query: "flights Lisbon", limit: 5 });
      expect(found.items[0].turn).toStrictEqual(hello);
      expect(found.items[0].score).toBeGreaterThan(0);
      const scoped = await api.call("episodic.search", {
        query: "helpful",
        sessionId: "s-1",
        from: T0,
      });
      expect(scoped.items).toStrictEqual([]);
      expect(await api.call("episodic.stats", {})).toMatchObject({ documents: 4 });
      expect(await api.call("episodic.delete", { id: hello.id })).toStrictEqual({ deleted: true });
      expect(await api.call("episodic.delete", { id: hello.id })).toStrictEqual({ deleted: false });
      expect(await api.call("episodic.deleteSession", { sessionId: "s-2" })).toStrictEqual({
        deleted: 1,
      });
      expect(await api.call("episodic.deleteOlderThan", { before: T0 + 2 })).toStrictEqual({
        deleted: 1,
      });
      expect(await api.call("episodic.count", { sessionId: "s-1" })).toStrictEqual({ count: 1 });
    });
    for (const op of episodic.operations) expectAllRefused(op, run.samples.get(op.name));
  });
});
