import { StorageError } from "@mnemo/core";
import { describeConformance } from "@mnemo/testing";
import { describe, expect, it } from "vitest";
import { openMemoryBackend } from "../src/index.js";

describeConformance("memory", () => openMemoryBackend());

describe("openMemoryBackend options", () => {
  it("enforces a custom maxValueBytes", async () => {
    const store = await openMemoryBackend({ maxValueBytes: 4 });
    await store.set("fits", new Uint8Array(4));
    const error = await store.set("big", new Uint8Array(5)).catch((e: unknown) => e);
    expect(StorageError.is(error, "VALUE_TOO_LARGE")).toBe(true);
    expect(await store.listKeys()).toEqual(["fits"]);
    await store.close();
  });

  it("refuses a bad maxValueBytes, namespace or tenant with INVALID_ARGUMENT", async () => {
    for (const options of [
      { maxValueBytes: -1 },
      { maxValueBytes: 1.5 },
      { namespace: "Bad" },
      { tenant: "" },
    ]) {
      const error = await openMemoryBackend(options).catch((e: unknown) => e);
      expect(StorageError.is(error, "INVALID_ARGUMENT"), JSON.stringify(options)).toBe(true);
    }
  });

  it("opens the namespace and tenant asked for, default/default otherwise", async () => {
    const plain = await openMemoryBackend();
    expect([plain.namespace, plain.tenant]).toEqual(["default", "default"]);
    const scoped = await openMemoryBackend({ namespace: "sessions", tenant: "acme" });
    expect([scoped.namespace, scoped.tenant]).toEqual(["sessions", "acme"]);
    await plain.close();
    await scoped.close();
  });

  it("gives every open its own store", async () => {
    const first = await openMemoryBackend();
    const second = await openMemoryBackend();
    await first.set("k", new Uint8Array([1]));
    expect(await second.get("k")).toBeUndefined();
    await first.close();
    expect(await second.listKeys()).toEqual([]);
    await second.close();
  });
});
