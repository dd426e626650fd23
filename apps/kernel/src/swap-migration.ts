/**
 * `DataMover` over `@mnemo/migration`: a swap's move is one `Migration` of the component's
 * namespace, its phase machine persisted in the new store. dual-write → backfill → verify
 * while the dual generation serves; read-new-with-fallback → read-new is the cut-over;
 * stop-old-writes → remove-old (and the state record removed) once nothing serves through it.
 */
import { type StorageBackend, StorageError } from "@mnemo/core";
import { Migration, MigrationStateStore } from "@mnemo/migration";
import type { DataMove, DataMover, MoveProgress } from "./swap-move.js";

async function clearNamespace(store: StorageBackend, namespace: string): Promise<void> {
  const handle = store.forNamespace(namespace);
  const tenants: string[] = [];
  for await (const tenant of handle.listTenants()) tenants.push(tenant);
  for (const tenant of tenants) await handle.forTenant(tenant).clear();
}

class MigrationMove implements DataMove {
  constructor(
    readonly migration: Migration,
    readonly next: StorageBackend,
  ) {}

  serve(tenant: string): StorageBackend {
    return this.migration.dualWrite(tenant);
  }

  async backfill(): Promise<MoveProgress> {
    await this.migration.advance("backfill");
    const state = await this.migration.backfill();
    return { keys: state.backfill.copied + state.backfill.skipped, bytes: state.backfill.bytes };
  }

  async verify(): Promise<void> {
    await this.migration.advance("verify");
    const results = await this.migration.verify();
    const differing = results.flatMap((r) => r.differing.map((d) => `${r.tenant}/${d.key}`));
    if (results.every((r) => r.equal)) return;
    throw new StorageError(
      "CORRUPTED",
      `the migration's verification found ${differing.length} differing key(s) (${differing.slice(0, 5).join(", ")}); the old backend keeps serving`,
      { details: { differing: differing.slice(0, 20) } },
    );
  }

  async cutOver(): Promise<void> {
    await this.migration.advance("read-new-with-fallback");
    await this.migration.advance("read-new");
  }

  async finish(): Promise<void> {
    await this.migration.advance("stop-old-writes");
    await this.migration.advance("remove-old");
    await new MigrationStateStore(this.next).remove(this.migration.namespace);
  }

  async abandon(): Promise<void> {
    for (let i = 0; i < 8; i++) {
      if ((await this.migration.rollback()) === undefined) break;
    }
    await clearNamespace(this.next, this.migration.namespace);
  }
}

export const migrationMover: DataMover = {
  async begin(old, next, namespace) {
    // A kernel killed mid-move left its state (and a partial copy) in the new store; the
    // old store stayed authoritative, so both go.
    const states = new MigrationStateStore(next);
    if ((await states.load(namespace)) !== undefined) {
      await clearNamespace(next, namespace);
      await states.remove(namespace);
    }
    try {
      const migration = await Migration.start(
        { source: old, target: next, namespace },
        { sourceName: old.backendType(), targetName: next.backendType() },
      );
      return new MigrationMove(migration, next);
    } catch (error) {
      if (StorageError.is(error, "FAILED_PRECONDITION")) {
        throw new StorageError(
          "FAILED_PRECONDITION",
          `cannot carry ${namespace} to the new backend: ${error.message} (swap with migrate = false to serve the new backend's data as it is, or empty it first)`,
          { cause: error },
        );
      }
      throw error;
    }
  },
};
