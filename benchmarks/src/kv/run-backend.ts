/** Runs the key-value cases for one backend: Mnemo's variants beside the raw driver and peer. */
import { spawnSync } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { BackendName } from "../harness/component-bench.js";
import type { KvResult, KvRole } from "../harness/results.js";
import { openMnemo } from "../mnemo-stores.js";
import { runKvCases } from "./cases.js";
import { type Dataset, preload } from "./dataset.js";
import type { KvTarget } from "./target.js";
import { keyvTarget } from "./targets/keyv.js";
import { mnemoTarget } from "./targets/mnemo.js";
import { rawLevelTarget } from "./targets/raw-level.js";
import { rawMemoryTarget } from "./targets/raw-memory.js";
import { rawPgTarget } from "./targets/raw-pg.js";

export interface RunContext {
  readonly data: Dataset;
  readonly quick: boolean;
  readonly include: (caseName: string) => boolean;
  readonly progress: (line: string) => void;
  readonly postgresUrl: string | undefined;
}

const POOL = 16;

async function measure(
  ctx: RunContext,
  backend: BackendName,
  variant: string,
  role: KvRole,
  open: () => Promise<KvTarget>,
): Promise<KvResult[]> {
  const target = await open();
  try {
    ctx.progress(`${target.name}: preloading ${ctx.data.size} keys`);
    await preload(target, ctx.data);
    // In-memory operations take a microsecond or two: time them (raw and Mnemo alike) in
    // blocks so the clock's own cost does not count. Everything else one call at a time.
    const latencyBlock = backend === "memory" ? 50 : 1;
    const results = await runKvCases(target, ctx.data, { ...ctx, latencyBlock });
    return results.map((r) => ({ ...r, backend, variant, role }));
  } finally {
    await target.close();
  }
}

async function withTempDir<T>(fn: (dir: string) => Promise<T>): Promise<T> {
  const dir = await mkdtemp(join(tmpdir(), "mnemo-bench-"));
  try {
    return await fn(dir);
  } finally {
    await rm(dir, { recursive: true, force: true });
    // Flush the previous store's dirty pages now, so they are not written back while the
    // next target is measured: the first target would otherwise get the quietest disk.
    spawnSync("sync");
  }
}

export async function runBackend(ctx: RunContext, backend: BackendName): Promise<KvResult[]> {
  const out: KvResult[] = [];
  switch (backend) {
    case "memory": {
      out.push(...(await measure(ctx, backend, "", "raw", async () => rawMemoryTarget())));
      out.push(
        ...(await measure(ctx, backend, "", "mnemo", async () => {
          const store = await openMnemo({ backend: "memory" });
          return mnemoTarget("mnemo memory", store.handle, store.close);
        })),
      );
      break;
    }
    case "level": {
      for (const sync of [false, true]) {
        out.push(
          ...(await withTempDir((dir) =>
            measure(ctx, backend, sync ? "sync" : "no sync", "raw", () =>
              rawLevelTarget(dir, sync),
            ),
          )),
        );
      }
      for (const durability of ["safe", "balanced", "fast"] as const) {
        out.push(
          ...(await withTempDir((dir) =>
            measure(ctx, backend, durability, "mnemo", async () => {
              const store = await openMnemo({ backend: "level", path: dir, durability });
              return mnemoTarget(`mnemo level (${durability})`, store.handle, store.close);
            }),
          )),
        );
      }
      break;
    }
    case "postgres": {
      const url = ctx.postgresUrl;
      if (url === undefined) throw new Error("no PostgreSQL: set DATABASE_URL");
      out.push(...(await measure(ctx, backend, "", "raw", () => rawPgTarget(url, POOL))));
      out.push(
        ...(await measure(ctx, backend, "pool.query", "raw", () => rawPgTarget(url, POOL, false))),
      );
      out.push(...(await measure(ctx, backend, "", "peer", () => keyvTarget(url, POOL))));
      out.push(
        ...(await measure(ctx, backend, "rls on", "mnemo", async () => {
          const store = await openMnemo({
            backend: "postgres",
            connectionString: url,
            poolSize: POOL,
          });
          return mnemoTarget("mnemo postgres (rls on)", store.handle, store.close);
        })),
      );
      break;
    }
  }
  return out;
}

/** Which raw target each Mnemo variant is compared with. */
export function baselineFor(r: KvResult): string | undefined {
  switch (r.backend) {
    case "memory":
      return "Map + sorted-btree";
    case "level":
      return r.variant === "safe" ? "classic-level (sync)" : "classic-level";
    case "postgres":
      return "pg";
  }
}
