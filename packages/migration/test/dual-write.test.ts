/**
 * What the conformance suite cannot see: a handle across a phase change. Versions name their
 * side, so a version read before reads moved never passes a check after, and still grows.
 */
import { openMemoryBackend } from "@mnemo/backend-memory";
import { expectCode, expectNewer } from "@mnemo/testing";
import { describe, expect, it } from "vitest";
import { dualWrite, PhaseCell } from "../src/index.js";

const bytes = (...v: number[]) => new Uint8Array(v);

describe("dualWrite across a phase change", () => {
  it("refuses a check carrying the other side's version, and versions keep growing", async () => {
    const old = await openMemoryBackend();
    const next = await openMemoryBackend();
    const phase = new PhaseCell("verify");
    const store = dualWrite(old, next, phase);
    await store.set("k", bytes(1));
    // The two sides' own versions of "k" may well be the same string: separate sequences.
    const before = (await store.getEntry("k"))!.version;
    phase.set("read-new-with-fallback");
    const after = (await store.getEntry("k"))!.version;
    expectNewer(after, before);
    const stale = await store.commit(
      [
        { key: "k", version: before },
        { key: "absent", version: null },
      ],
      [{ type: "put", key: "k", value: bytes(2) }],
    );
    expect(stale).toEqual({ ok: false, failed: ["k"] });
    expect(await store.get("k")).toEqual(bytes(1));
    const fresh = await store.atomic().check("k", after).put("k", bytes(3)).commit();
    expect(fresh.ok).toBe(true);
    expect(await old.get("k")).toEqual(bytes(3)); // still mirrored back
    await store.close();
  });

  it("refuses handles on different namespaces or tenants", async () => {
    const a = await openMemoryBackend();
    const b = await openMemoryBackend();
    expect(() =>
      dualWrite(a.forTenant("x"), b.forTenant("y"), new PhaseCell("dual-write")),
    ).toThrow(/one namespace and tenant/);
    await expectCode(
      async () => dualWrite(a, b.forNamespace("other"), new PhaseCell("dual-write")),
      "INVALID_ARGUMENT",
    );
    await a.close();
    await b.close();
  });
});
