import type { StorageBackend } from "@mnemo/core";
import { StorageError } from "@mnemo/core";
import { expect } from "vitest";

/** A clock tests move by hand. */
export class TestClock {
  constructor(public time = 1000) {}
  now(): number {
    return this.time;
  }
  advance(ms = 1): number {
    this.time += ms;
    return this.time;
  }
}

/** Every key and value of the handle, to prove a refused call wrote nothing. */
export async function dump(store: StorageBackend): Promise<string[]> {
  const out: string[] = [];
  for await (const [k, v] of store.scan()) out.push(`${k}=${Buffer.from(v).toString("hex")}`);
  return out;
}

export async function expectCode(promise: Promise<unknown>, code: string): Promise<void> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(StorageError.is(error), `expected a StorageError ${code}, got ${String(error)}`).toBe(
    true,
  );
  expect((error as StorageError).code).toBe(code);
}
