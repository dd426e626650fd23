/** Opens Mnemo backends for the benchmarks, each on a fresh namespace and tenant. */
import { randomUUID } from "node:crypto";
import { openLevelBackend } from "@mnemo/backend-level";
import { openMemoryBackend } from "@mnemo/backend-memory";
import {
  connectionStringAs,
  ensureApplicationRole,
  openPostgresBackend,
} from "@mnemo/backend-postgres";
import type { StorageBackend } from "@mnemo/core";

export type StoreSpec =
  | { readonly backend: "memory" }
  | {
      readonly backend: "level";
      readonly path: string;
      readonly durability: "safe" | "balanced" | "fast";
    }
  | { readonly backend: "postgres"; readonly connectionString: string; readonly poolSize: number };

export interface OpenedStore {
  /** A handle on its own namespace and tenant. */
  readonly handle: StorageBackend;
  /** Opens another fresh namespace+tenant on the same root. */
  fresh(namespace: string): StorageBackend;
  /** Clears what the handles wrote (PostgreSQL outlives the run) and closes the root. */
  close(): Promise<void>;
}

/**
 * PostgreSQL the way it ships: queries run as an unprivileged application role, so row-level
 * security applies to every call measured.
 */
async function openPostgresShipped(
  connectionString: string,
  poolSize: number,
): Promise<StorageBackend> {
  await ensureApplicationRole(connectionString, "mnemo_app", { password: "mnemo_app" });
  return openPostgresBackend({
    connectionString: connectionStringAs(connectionString, "mnemo_app", "mnemo_app"),
    migrationConnectionString: connectionString,
    applicationRole: "mnemo_app",
    poolSize,
  });
}

export async function openMnemo(spec: StoreSpec, namespace = "bench"): Promise<OpenedStore> {
  const root =
    spec.backend === "memory"
      ? await openMemoryBackend()
      : spec.backend === "level"
        ? await openLevelBackend({ path: spec.path, durability: spec.durability })
        : await openPostgresShipped(spec.connectionString, spec.poolSize);
  const handles: StorageBackend[] = [];
  const fresh = (ns: string) => {
    const handle = root.forNamespace(ns).forTenant(`bench-${randomUUID()}`);
    handles.push(handle);
    return handle;
  };
  return {
    handle: fresh(namespace),
    fresh,
    async close() {
      for (const handle of handles) await handle.clear().catch(() => {});
      await root.close();
    },
  };
}
