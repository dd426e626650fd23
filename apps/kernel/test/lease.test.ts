/** The leased backend reference: drain before close, close once, swap by generation. */
import { StorageError } from "@mnemo/core";
import { describe, expect, it } from "vitest";
import { LeasedRef } from "../src/backends/lease.js";

function deferred() {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => {
    resolve = r;
  });
  return { promise, resolve };
}

describe("LeasedRef", () => {
  it("close waits for every lease out, then closes the value exactly once", async () => {
    const log: string[] = [];
    const ref = new LeasedRef("v1", async (v) => {
      log.push(`close ${v}`);
    });
    const a = ref.acquire();
    const b = ref.acquire();
    const closing = [ref.close(), ref.close()];
    expect(() => ref.acquire()).toThrow(StorageError);
    try {
      ref.acquire();
    } catch (error) {
      expect((error as StorageError).code).toBe("CLOSED");
    }
    await new Promise((r) => setTimeout(r, 5));
    expect(log).toEqual([]);
    a.release();
    a.release(); // idempotent: must not count b's lease as released
    await new Promise((r) => setTimeout(r, 5));
    expect(log).toEqual([]);
    b.release();
    await Promise.all(closing);
    await ref.close();
    expect(log).toEqual(["close v1"]);
  });

  it("swap routes new leases to the next generation and closes the old once drained", async () => {
    const log: string[] = [];
    const ref = new LeasedRef("old", async (v) => {
      log.push(`close ${v}`);
    });
    const inFlight = ref.acquire();
    expect(inFlight.generation).toBe(1);
    let swapped = false;
    const swap = ref.swap("new").then(() => {
      swapped = true;
    });
    const next = ref.acquire();
    expect(next).toMatchObject({ value: "new", generation: 2 });
    expect(ref.generation).toBe(2);
    await new Promise((r) => setTimeout(r, 5));
    expect(swapped).toBe(false);
    expect(log).toEqual([]);
    inFlight.release();
    await swap;
    expect(log).toEqual(["close old"]);
    next.release();
    await ref.close();
    expect(log).toEqual(["close old", "close new"]);
  });

  it("many concurrent leases and a close: the value closes after the last release", async () => {
    const gate = deferred();
    let closedWhileLeased = false;
    let leased = 0;
    const ref = new LeasedRef({}, async () => {
      if (leased > 0) closedWhileLeased = true;
    });
    const calls = Array.from({ length: 50 }, async (_, i) => {
      const lease = ref.acquire();
      leased++;
      await (i % 2 === 0 ? gate.promise : Promise.resolve());
      leased--;
      lease.release();
    });
    const closing = ref.close();
    gate.resolve();
    await Promise.all([...calls, closing]);
    expect(closedWhileLeased).toBe(false);
  });
});
