/**
 * Calls in flight during a swap: they finish on the generation they leased, new calls go to
 * the new backend at once, and the old backend closes only after the last of them — even
 * when the swap stopped waiting at its drain timeout (logged).
 */
import { expect, it } from "vitest";
import { Logger } from "../src/log.js";
import { startTestKernel } from "./helpers.js";
import { deferred, probeComponent } from "./probe.js";

it("a call in flight outlives the drain timeout on the old backend, which closes after it", async () => {
  const gate = deferred();
  const events: string[] = [];
  const lines: string[] = [];
  const k = await startTestKernel({
    backend: "memory",
    components: [probeComponent(gate.promise, events)],
    logger: new Logger("info", { write: (line: string) => lines.push(line) }),
    swap: { drainTimeoutMs: 50 },
  });
  try {
    const slow = k.call("POST", "/v1/probe/slow", { body: {} });
    while (!events.includes("slow started")) await new Promise((r) => setImmediate(r));
    const swapped = await k.call("POST", "/admin/components/hook_history/backend", {
      token: k.tokens.admin,
      body: { backend: "level" },
    });
    expect(swapped.status).toBe(200);
    k.kernel.logger.flush();
    expect(lines.some((l) => l.includes("still has calls after the drain timeout"))).toBe(true);
    // New calls are on the new generation already; the old one is still open for `slow`.
    const now = await k.call("GET", "/v1/probe/whoami", { token: k.tokens.acmeRead });
    expect(now.body).toMatchObject({ serial: 2 });
    expect(events.filter((e) => e.includes("closed"))).toEqual([]);
    gate.resolve();
    expect((await slow).status).toBe(200);
    await new Promise((r) => setImmediate(r));
    expect(events).toEqual(["slow started", "slow finished", "instance 1 closed"]);
  } finally {
    await k.close();
  }
});
