/**
 * A component's served backend compared with another store, tenant by tenant, by the range
 * digests of @mnemo/migration (what a swap's verify step runs). Only the kernel can do it for
 * a LevelDB directory it serves from, since one process owns a directory. The served
 * generation is leased for the comparison, so a swap or drain never closes it underneath; a
 * store the kernel already holds open (its own data directory) is shared, not opened twice.
 */
import { access } from "node:fs/promises";
import { join } from "node:path";
import { StorageError } from "@mnemo/core";
import { type TenantVerifyResult, verifyStores } from "@mnemo/migration";
import { type BackendOpener, rootIdentity } from "./backends/open.js";
import type { BackendSpec } from "./config/resolve.js";
import type { ComponentKey } from "./operations/define.js";
import type { Runtime } from "./runtime.js";
import { describeBackend, type Swapper } from "./swap.js";

export interface VerifyDeps {
  readonly swapper: Swapper;
  readonly runtime: Runtime;
  readonly opener: BackendOpener;
}

export interface ServedVerifyResult {
  readonly component: ComponentKey;
  readonly served: string;
  readonly against: string;
  readonly equal: boolean;
  readonly tenants: readonly TenantVerifyResult[];
}

async function collect<T>(items: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of items) out.push(item);
  return out;
}

/** `tenants` default: every tenant either side holds in the component's namespace. */
export async function verifyServed(
  deps: VerifyDeps,
  component: ComponentKey,
  against: BackendSpec,
  tenants?: readonly string[],
): Promise<ServedVerifyResult> {
  if (deps.swapper.busy !== undefined) {
    throw new StorageError(
      "CONFLICT",
      `a swap of ${deps.swapper.busy} is in progress (it verifies by itself); ask again once it has finished`,
    );
  }
  const serving = deps.swapper.serving(component);
  if (rootIdentity(serving) === rootIdentity(against)) {
    throw new StorageError(
      "FAILED_PRECONDITION",
      `${component} is served from ${describeBackend(against)}: name another store to compare it with`,
    );
  }
  if (against.kind === "level") {
    // Opening a missing directory would create a store there: a comparison creates nothing.
    await access(join(against.path, "CURRENT")).catch(() => {
      throw new StorageError("NOT_FOUND", `no LevelDB store at ${against.path}`);
    });
  }
  const slot = deps.runtime.slot(component);
  const lease = slot.ref.acquire();
  try {
    const other = await deps.opener.open(against, slot.def.namespace).catch((cause: unknown) => {
      throw new StorageError(
        "UNAVAILABLE",
        `cannot open ${describeBackend(against)}: ${cause instanceof Error ? cause.message : "failed"}`,
        { cause },
      );
    });
    try {
      const served = lease.value.backend;
      const names =
        tenants ??
        [
          ...new Set([
            ...(await collect(served.listTenants())),
            ...(await collect(other.backend.listTenants())),
          ]),
        ].sort();
      const results: TenantVerifyResult[] = [];
      for (const tenant of names) {
        results.push({
          tenant,
          ...(await verifyStores(served.forTenant(tenant), other.backend.forTenant(tenant))),
        });
      }
      return {
        component,
        served: describeBackend(serving),
        against: describeBackend(against),
        equal: results.every((r) => r.equal),
        tenants: results,
      };
    } finally {
      await other.release();
    }
  } finally {
    lease.release();
  }
}
