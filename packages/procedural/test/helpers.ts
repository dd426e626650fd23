import { StorageError } from "@mnemo/core";
import { type BackendFixture, manualClock } from "@mnemo/testing";
import { expect } from "vitest";
import { ProceduralMemory, type ProceduralMemoryOptions } from "../src/index.js";

export async function openMemory(backend: BackendFixture, options: ProceduralMemoryOptions = {}) {
  const store = await backend.open({ namespace: "procedural" });
  const clock = manualClock();
  return { store, clock, memory: new ProceduralMemory(store, { clock, ...options }) };
}

/** The error `call` fails with: a StorageError of `code`. */
export async function refused(call: () => Promise<unknown>, code = "INVALID_ARGUMENT") {
  const error = await call().then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error, "must be refused").toBeInstanceOf(StorageError);
  expect((error as StorageError).code, (error as Error).message).toBe(code);
  return error as StorageError;
}
