/**
 * Calls in flight during a swap: they finish on the generation they leased, new calls go to
 * the new backend at once, and the old backend closes only after the last of them. The swap
 * waits for them up to its drain timeout: it answers when they are done if that is sooner,
 * and at the timeout (logged) if it is not.
 *
 * What is asserted is an order of events, never a duration. Two bounded waits keep a broken
 * swap from hanging the file: both are many times the time a swap takes here (~0.3 s).
 */
import { expect, it } from "vitest";
import { Logger } from "../src/log.js";
import { startTestKernel } from "./helpers.js";
import { deferred, probeComponent } from "./probe.js";

const SWAP = "/admin/components/hook_history/backend";
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Resolves with `"answered"` when `call` settles, or `"waiting"` after `ms`. */
function answeredWithin(call: Promise<unknown>, ms: number): Promise<"answered" | "waiting"> {
  return Promise.race([
    call.then(() => "answered" as const),
    sleep(ms).then(() => "waiting" as const),
  ]);
}

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
    const swap = k.call("POST", SWAP, { token: k.tokens.admin, body: { backend: "level" } });
    // A swap that waited past its 50 ms timeout would hang here: after 8 s the call is let
    // go, and the order below shows the swap answered only after it.
    if ((await answeredWithin(swap, 8_000)) === "waiting") gate.resolve();
    const swapped = await swap;
    events.push("swap answered");
    expect(swapped.status).toBe(200);
    expect(events).toEqual(["slow started", "swap answered"]);
    k.kernel.logger.flush();
    const late = lines.filter((l) => l.includes("still has calls after the drain timeout"));
    expect(late).toHaveLength(1);
    expect(late[0]).toContain('"drainTimeoutMs":50');
    // New calls are on the new generation already; the old one is still open for `slow`.
    const now = await k.call("GET", "/v1/probe/whoami", { token: k.tokens.acmeRead });
    expect(now.body).toMatchObject({ serial: 2 });
    gate.resolve();
    expect((await slow).status).toBe(200);
    await new Promise((r) => setImmediate(r));
    expect(events).toEqual(["slow started", "swap answered", "slow finished", "instance 1 closed"]);
  } finally {
    await k.close();
  }
});

it("a swap waits for a call in flight that ends before the timeout, then answers", async () => {
  const gate = deferred();
  const events: string[] = [];
  const lines: string[] = [];
  const k = await startTestKernel({
    backend: "memory",
    components: [probeComponent(gate.promise, events)],
    logger: new Logger("info", { write: (line: string) => lines.push(line) }),
    swap: { drainTimeoutMs: 60_000 }, // longer than the test may take
  });
  try {
    const slow = k.call("POST", "/v1/probe/slow", { body: {} });
    while (!events.includes("slow started")) await new Promise((r) => setImmediate(r));
    const swap = k.call("POST", SWAP, { token: k.tokens.admin, body: { backend: "level" } });
    // Once new calls reach the new generation, the swap is draining the old one.
    for (;;) {
      const who = await k.call("GET", "/v1/probe/whoami", { token: k.tokens.acmeRead });
      if ((who.body as { serial: number }).serial === 2) break;
      await sleep(10);
    }
    // It must not answer while `slow` holds the old generation. A swap that does not wait
    // answers within milliseconds; this one is given 1 s to show it waits.
    const early = await answeredWithin(swap, 1_000);
    events.push(`swap ${early} while the call is in flight`);
    gate.resolve();
    expect((await slow).status).toBe(200);
    const swapped = await swap;
    events.push("swap answered");
    expect(swapped.status).toBe(200);
    expect(events).toEqual([
      "slow started",
      "swap waiting while the call is in flight",
      "slow finished",
      "instance 1 closed",
      "swap answered",
    ]);
    k.kernel.logger.flush();
    expect(lines.filter((l) => l.includes("after the drain timeout"))).toEqual([]);
  } finally {
    gate.resolve();
    await k.close();
  }
});
