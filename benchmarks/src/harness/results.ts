/** The shape of a benchmark run as written to benchmarks/results/*.json. */
import { readFileSync } from "node:fs";
import { cpus, type as osType, release, totalmem } from "node:os";
import type { KvMeasurement } from "../kv/cases.js";
import type { BackendName, Figure } from "./component-bench.js";

export type KvRole = "mnemo" | "raw" | "peer";

export interface KvResult extends KvMeasurement {
  readonly backend: BackendName;
  /** What distinguishes runs of one backend: a durability mode, "rls on", ... */
  readonly variant: string;
  readonly role: KvRole;
}

/** Mnemo's figure beside the raw driver's for the same work. */
export interface Comparison {
  readonly case: string;
  readonly backend: BackendName;
  readonly variant: string;
  readonly mnemo: string;
  readonly baseline: string;
  readonly mnemoValue: number;
  readonly baselineValue: number;
  /** Mnemo's cost over the baseline's: time ratio for latency, inverse rate ratio for throughput. */
  readonly ratio: number;
  readonly unit: "µs (p50)" | "ops/s";
}

export interface ComponentResult {
  readonly component: string;
  readonly backend: BackendName;
  readonly figures: readonly Figure[];
  readonly error?: string;
}

export interface BenchResults {
  readonly meta: {
    readonly date: string;
    readonly quick: boolean;
    readonly node: string;
    readonly platform: string;
    readonly cpu: string;
    readonly cores: number;
    readonly memoryGiB: number;
    readonly datasetKeys: number;
    readonly packages: Readonly<Record<string, string>>;
  };
  readonly kv: readonly KvResult[];
  readonly comparisons: readonly Comparison[];
  readonly components: readonly ComponentResult[];
}

function installedVersion(name: string): string {
  try {
    const url = import.meta.resolve(`${name}/package.json`);
    return (JSON.parse(readFileSync(new URL(url), "utf8")) as { version: string }).version;
  } catch {
    return "unknown";
  }
}

export function machineMeta(quick: boolean, datasetKeys: number): BenchResults["meta"] {
  const packages: Record<string, string> = {};
  for (const name of [
    "classic-level",
    "pg",
    "kysely",
    "hnswlib-node",
    "@napi-rs/blake-hash",
    "keyv",
    "@keyv/postgres",
    "sorted-btree",
  ]) {
    packages[name] = installedVersion(name);
  }
  return {
    date: new Date().toISOString(),
    quick,
    node: process.version,
    platform: `${osType()} ${release()} ${process.arch}`,
    cpu: cpus()[0]?.model ?? "unknown",
    cores: cpus().length,
    memoryGiB: Math.round(totalmem() / 2 ** 30),
    datasetKeys,
    packages,
  };
}

/** Pairs every Mnemo figure with its baseline. `baselineFor` names the raw target per variant. */
export function compare(
  kv: readonly KvResult[],
  baselineFor: (r: KvResult) => string | undefined,
): Comparison[] {
  const out: Comparison[] = [];
  for (const r of kv) {
    if (r.role !== "mnemo") continue;
    const baselineName = baselineFor(r);
    const base = kv.find(
      (b) =>
        b.role !== "mnemo" &&
        b.target === baselineName &&
        b.case === r.case &&
        b.backend === r.backend,
    );
    if (base === undefined) continue;
    if (r.kind === "latency" && r.p50Us !== undefined && base.p50Us !== undefined) {
      out.push({
        case: r.case,
        backend: r.backend,
        variant: r.variant,
        mnemo: r.target,
        baseline: base.target,
        mnemoValue: r.p50Us,
        baselineValue: base.p50Us,
        ratio: r.p50Us / base.p50Us,
        unit: "µs (p50)",
      });
    } else if (
      r.kind === "throughput" &&
      r.opsPerSec !== undefined &&
      base.opsPerSec !== undefined
    ) {
      out.push({
        case: r.case,
        backend: r.backend,
        variant: r.variant,
        mnemo: r.target,
        baseline: base.target,
        mnemoValue: r.opsPerSec,
        baselineValue: base.opsPerSec,
        ratio: base.opsPerSec / r.opsPerSec,
        unit: "ops/s",
      });
    }
  }
  return out;
}

/**
 * `previous` with what `next` measured put in its place: key-value results per backend,
 * component results per (component, backend). Comparisons are recomputed by the caller.
 */
export function mergeResults(previous: BenchResults, next: BenchResults): BenchResults {
  const kvBackends = new Set(next.kv.map((r) => r.backend));
  const componentRuns = new Set(next.components.map((c) => `${c.component}\0${c.backend}`));
  return {
    meta: next.meta,
    kv: [...previous.kv.filter((r) => !kvBackends.has(r.backend)), ...next.kv],
    comparisons: [],
    components: [
      ...previous.components.filter((c) => !componentRuns.has(`${c.component}\0${c.backend}`)),
      ...next.components,
    ],
  };
}
