/**
 * `/readyz`: one probe per component — a read of one key on the component's current
 * backend — with a time limit. Any component down makes the whole answer 503, and the body
 * says which: `{ status, components: { sessions: { status, backend, generation, error? } } }`.
 */
import { StorageError } from "@mnemo/core";
import type { Runtime } from "../runtime.js";

const PROBE_KEY = "mnemo:readiness-probe";
const PROBE_TIMEOUT_MS = 2000;

export interface ComponentHealth {
  readonly status: "up" | "down";
  readonly backend: string;
  readonly generation: number;
  readonly error?: string;
}

async function probe(runtime: Runtime, key: string): Promise<ComponentHealth> {
  const slot = runtime.slot(key as never);
  let lease: ReturnType<typeof slot.ref.acquire>;
  try {
    lease = slot.ref.acquire();
  } catch (error) {
    return {
      status: "down",
      backend: slot.ref.current.kind,
      generation: slot.ref.generation,
      error: code(error),
    };
  }
  const base = { backend: lease.value.kind, generation: lease.generation };
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([
      lease.value.backend.exists(PROBE_KEY),
      new Promise((_, reject) => {
        timer = setTimeout(
          () => reject(new StorageError("UNAVAILABLE", "probe timed out")),
          PROBE_TIMEOUT_MS,
        );
      }),
    ]);
    return { status: "up", ...base };
  } catch (error) {
    return { status: "down", ...base, error: code(error) };
  } finally {
    clearTimeout(timer);
    lease.release();
  }
}

function code(error: unknown): string {
  return error instanceof StorageError ? error.code : "INTERNAL";
}

export async function readiness(runtime: Runtime) {
  const keys = [...runtime.slots.keys()];
  const results = await Promise.all(keys.map((key) => probe(runtime, key)));
  const components = Object.fromEntries(keys.map((key, i) => [key, results[i]]));
  const ready = results.every((r) => r.status === "up");
  return { ready, body: { status: ready ? "ready" : "unavailable", components } };
}
