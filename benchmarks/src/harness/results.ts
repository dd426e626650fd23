/**
 * The shape of a benchmark run as written to benchmarks/results/*.json, and which of those
 * files a run writes: latest.json, which docs/benchmarks.md and the backends'
 * measured-latency.ts are generated from, only ever holds a full run, or a full run with
 * partial re-runs merged into it (`--merge`, each one named in `meta.merged`).
 */
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

/** What a partial run was asked for (`--filter`, `--backends`). */
export interface RunSelection {
  readonly filter: readonly string[];
  readonly backends: readonly BackendName[];
}

/** A partial run whose figures replaced the base run's in this file, by `--merge`. */
export interface MergedRun extends RunSelection {
  readonly date: string;
  /** Its own dated file, which holds only what it measured. */
  readonly file: string;
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
    /** Set when the run measured only some cases or backends; absent for a full run. */
    readonly selection?: RunSelection;
    /** Partial runs merged in, oldest first; `date` and the machine are the base run's. */
    readonly merged?: readonly MergedRun[];
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

/** The selection of a run that left out cases or backends, else undefined (a full run). */
export function runSelection(
  filter: readonly string[],
  backends: readonly BackendName[],
  allBackends: readonly BackendName[],
): RunSelection | undefined {
  const full = filter.length === 0 && allBackends.every((b) => backends.includes(b));
  return full ? undefined : { filter, backends };
}

export function machineMeta(
  quick: boolean,
  datasetKeys: number,
  selection?: RunSelection,
): BenchResults["meta"] {
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
    ...(selection === undefined ? {} : { selection }),
  };
}

/** Paths under the repository root. */
export const LATEST_FILE = "benchmarks/results/latest.json";
export const QUICK_FILE = "benchmarks/results/quick.tmp.json";

/** The dated file of the run of `date` (an ISO time). */
export function datedFile(date: string): string {
  return `benchmarks/results/${date.slice(0, 19).replace(/[:T]/g, "-")}.json`;
}

/**
 * Where a run's results go. A quick run only writes quick.tmp.json (git-ignored: its figures
 * are too brief to publish). A partial run without `--merge` writes only its dated file, so
 * it cannot take the place of the full figures in latest.json (a `--backends postgres` run
 * did, on 2026-12-02: the docs then named a file that no longer held their figures).
 */
export function resultFiles(
  meta: BenchResults["meta"],
  merge: boolean,
): { readonly run: string; readonly latest: boolean } {
  if (meta.quick) return { run: QUICK_FILE, latest: false };
  return { run: datedFile(meta.date), latest: meta.selection === undefined || merge };
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
 * `previous` with what `next` measured put in its place: key-value results per (backend,
 * case), so a filtered re-run keeps the other cases, component results per (component,
 * backend). Comparisons are recomputed by the caller.
 * A partial `next` keeps `previous`'s meta and is listed in `meta.merged` (its dated file is
 * `nextFile`); a full `next` replaces everything and is the whole result.
 */
export function mergeResults(
  previous: BenchResults,
  next: BenchResults,
  nextFile: string,
): BenchResults {
  const selection = next.meta.selection;
  if (selection === undefined) return next;
  return {
    meta: {
      ...previous.meta,
      merged: [
        ...(previous.meta.merged ?? []),
        { date: next.meta.date, file: nextFile, ...selection },
      ],
    },
    kv: replaceInPlace(previous.kv, next.kv, (r) => `${r.backend}\0${r.case}`),
    comparisons: [],
    components: replaceInPlace(
      previous.components,
      next.components,
      (c) => `${c.component}\0${c.backend}`,
    ),
  };
}

/**
 * `previous` with each group (same key) that `next` measured replaced by `next`'s, where the
 * group was, so the generated docs keep their order; groups new in `next` go last.
 */
function replaceInPlace<T>(
  previous: readonly T[],
  next: readonly T[],
  key: (item: T) => string,
): T[] {
  const fresh = new Map<string, T[]>();
  for (const item of next) fresh.set(key(item), [...(fresh.get(key(item)) ?? []), item]);
  const out: T[] = [];
  const placed = new Set<string>();
  for (const item of previous) {
    const k = key(item);
    const replacement = fresh.get(k);
    if (replacement === undefined) out.push(item);
    else if (!placed.has(k)) {
      placed.add(k);
      out.push(...replacement);
    }
  }
  for (const [k, items] of fresh) if (!placed.has(k)) out.push(...items);
  return out;
}
