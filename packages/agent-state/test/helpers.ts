import { type StorageBackend, StorageError } from "@mnemo/core";
import { type BackendFixture, manualClock } from "@mnemo/testing";
import { expect } from "vitest";
import { AgentStateStore, type AgentStateStoreOptions } from "../src/index.js";

export async function openStates(backend: BackendFixture, options: AgentStateStoreOptions = {}) {
  const store = await backend.open({ namespace: "agent_state" });
  const clock = manualClock();
  return { store, clock, states: new AgentStateStore(store, { clock, ...options }) };
}

export async function refused(call: () => Promise<unknown>, code = "INVALID_ARGUMENT") {
  const error = await call().then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error, "must be refused").toBeInstanceOf(StorageError);
  expect((error as StorageError).code, (error as Error).message).toBe(code);
  return error as StorageError;
}

/**
 * The same store, but the first read of `key` runs `between` after reading and before
 * answering: another writer's commit lands between a component's read and its write.
 */
export function interleave(
  store: StorageBackend,
  key: string,
  between: () => Promise<unknown>,
): StorageBackend {
  let fired = false;
  const hook = async <T>(read: Promise<T>, k: string): Promise<T> => {
    const value = await read;
    if (!fired && k === key) {
      fired = true;
      await between();
    }
    return value;
  };
  return new Proxy(store, {
    get(target, property, receiver) {
      if (property === "get") return (k: string) => hook(target.get(k), k);
      if (property === "getEntry") return (k: string) => hook(target.getEntry(k), k);
      const value = Reflect.get(target, property, receiver);
      return typeof value === "function" ? value.bind(target) : value;
    },
  });
}
