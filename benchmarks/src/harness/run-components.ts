/**
 * Finds every component benchmark in src/components/ (each module exports a
 * `ComponentBenchmark`) and runs it once per backend (once in all for a backend-independent one).
 */
import { mkdtemp, readdir, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { type OpenedStore, openMnemo } from "../mnemo-stores.js";
import type { BackendName, ComponentBenchmark } from "./component-bench.js";
import type { ComponentResult } from "./results.js";

function isBenchmark(value: unknown): value is ComponentBenchmark {
  return (
    typeof value === "object" &&
    value !== null &&
    typeof (value as ComponentBenchmark).component === "string" &&
    typeof (value as ComponentBenchmark).run === "function"
  );
}

/** Every benchmark module, or the error that kept one from loading (reported as a failure). */
export async function loadComponentBenchmarks(): Promise<
  (ComponentBenchmark | { file: string; error: string })[]
> {
  const dir = fileURLToPath(new URL("../components/", import.meta.url));
  const files = (await readdir(dir)).filter((f) => f.endsWith(".ts")).sort();
  const found: (ComponentBenchmark | { file: string; error: string })[] = [];
  for (const file of files) {
    try {
      const module = (await import(join(dir, file))) as Record<string, unknown>;
      found.push(...Object.values(module).filter(isBenchmark));
    } catch (error) {
      found.push({
        file,
        error: error instanceof Error ? (error.stack ?? error.message) : String(error),
      });
    }
  }
  return found;
}

export interface ComponentRunOptions {
  readonly quick: boolean;
  readonly include: (name: string) => boolean;
  readonly progress: (line: string) => void;
  readonly postgresUrl: string | undefined;
}

export async function runComponents(
  backends: readonly BackendName[],
  options: ComponentRunOptions,
): Promise<ComponentResult[]> {
  const results: ComponentResult[] = [];
  const loaded = await loadComponentBenchmarks();
  for (const failed of loaded) {
    if ("error" in failed && options.include(failed.file)) {
      options.progress(`${failed.file} FAILED to load: ${failed.error}`);
      results.push({
        component: failed.file,
        backend: backends[0] ?? "memory",
        figures: [],
        error: failed.error,
      });
    }
  }
  const benchmarks = loaded.filter(
    (b): b is ComponentBenchmark => !("error" in b) && options.include(b.component),
  );
  for (const bench of benchmarks) {
    for (const backend of bench.once ? backends.slice(0, 1) : backends) {
      const dir = backend === "level" ? await mkdtemp(join(tmpdir(), "mnemo-bench-")) : undefined;
      let store: OpenedStore | undefined;
      try {
        store = await openMnemo(
          backend === "memory"
            ? { backend }
            : backend === "level"
              ? { backend, path: dir!, durability: "balanced" }
              : { backend, connectionString: options.postgresUrl ?? "", poolSize: 16 },
          bench.component.replace(/[^a-z0-9_]/g, "_"),
        );
        const opened = store;
        options.progress(`${bench.component} on ${backend}`);
        const figures = await bench.run({
          backend,
          quick: options.quick,
          ...(backend === "postgres" && options.postgresUrl !== undefined
            ? { postgresUrl: options.postgresUrl }
            : {}),
          open: async (namespace) => opened.fresh(namespace),
          progress: (line) => options.progress(`${bench.component} on ${backend}: ${line}`),
        });
        results.push({ component: bench.component, backend, figures });
      } catch (error) {
        const message = error instanceof Error ? (error.stack ?? error.message) : String(error);
        options.progress(`${bench.component} on ${backend} FAILED: ${message}`);
        results.push({ component: bench.component, backend, figures: [], error: message });
      } finally {
        await store?.close().catch(() => {});
        if (dir) await rm(dir, { recursive: true, force: true });
      }
    }
  }
  return results;
}
