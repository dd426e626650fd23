/**
 * Backend specs → open root backends, shared where they must be: one `openLevelBackend` per
 * directory (LevelDB allows one opener), one pool per PostgreSQL server and schema, one
 * memory store for every memory component. Roots are counted: a component releases its
 * share and the root closes with the last one, so one component's swap or shutdown never
 * closes a store another component still uses.
 */
import { openLevelBackend } from "@mnemo/backend-level";
import { openMemoryBackend } from "@mnemo/backend-memory";
import { ensureApplicationRole, openPostgresBackend } from "@mnemo/backend-postgres";
import type { StorageBackend } from "@mnemo/core";
import type { BackendSpec } from "../config/resolve.js";

export interface OpenedBackend {
  /** The component's namespace on the shared root. */
  readonly backend: StorageBackend;
  readonly kind: BackendSpec["kind"];
  /** Gives back this share; the root closes with its last share. Idempotent. */
  release(): Promise<void>;
}

interface Root {
  readonly opening: Promise<StorageBackend>;
  shares: number;
}

/** The identity of the store a spec names: equal identities share one root. */
export function rootIdentity(spec: BackendSpec): string {
  switch (spec.kind) {
    case "memory":
      return "memory";
    case "level":
      return `level:${spec.path}`;
    case "postgres":
      return `postgres:${spec.url}#${spec.schema}#${spec.enforceTenantIsolation ? spec.applicationRole : ""}`;
  }
}

async function openRoot(spec: BackendSpec): Promise<StorageBackend> {
  switch (spec.kind) {
    case "memory":
      return openMemoryBackend();
    case "level":
      return openLevelBackend({ path: spec.path, durability: spec.durability });
    case "postgres": {
      if (spec.enforceTenantIsolation) {
        await ensureApplicationRole(spec.url, spec.applicationRole);
      }
      return openPostgresBackend({
        connectionString: spec.url,
        ...(spec.enforceTenantIsolation ? { applicationRole: spec.applicationRole } : {}),
        schema: spec.schema,
        poolSize: spec.poolSize,
        poolTimeoutSecs: spec.poolTimeoutSecs,
        idleTimeoutSecs: spec.idleTimeoutSecs,
        maxLifetimeSecs: spec.maxLifetimeSecs,
        autoMigrate: spec.autoMigrate,
        applicationName: "mnemo-kernel",
      });
    }
  }
}

export class BackendOpener {
  readonly #roots = new Map<string, Root>();

  /** Opens (or shares) the root a spec names and returns the namespace's handle on it. */
  async open(spec: BackendSpec, namespace: string): Promise<OpenedBackend> {
    const id = rootIdentity(spec);
    let root = this.#roots.get(id);
    if (root === undefined) {
      root = { opening: openRoot(spec), shares: 0 };
      this.#roots.set(id, root);
      root.opening.catch(() => {
        if (this.#roots.get(id) === root) this.#roots.delete(id);
      });
    }
    root.shares++;
    const held = root;
    let backend: StorageBackend;
    try {
      backend = (await held.opening).forNamespace(namespace);
    } catch (error) {
      held.shares--;
      throw error;
    }
    let released = false;
    return {
      backend,
      kind: spec.kind,
      release: async () => {
        if (released) return;
        released = true;
        if (--held.shares > 0) return;
        if (this.#roots.get(id) === held) this.#roots.delete(id);
        await (await held.opening).close();
      },
    };
  }

  /** Roots still open (for tests: every one must be gone after shutdown). */
  get openRoots(): number {
    return this.#roots.size;
  }
}
