/** The seed's latency and throughput tables as cases over a `KvTarget`. */

import { seededRandom } from "@mnemo/testing/random";
import { measureLatency, measureThroughput } from "../harness/measure.js";
import { BUCKETS, type Dataset } from "./dataset.js";
import type { KvTarget } from "./target.js";

export type KvCaseKind = "latency" | "throughput";

export interface KvMeasurement {
  readonly case: string;
  readonly kind: KvCaseKind;
  readonly target: string;
  /** Latency cases, in µs. */
  readonly p50Us?: number;
  readonly p95Us?: number;
  readonly p99Us?: number;
  /** Throughput cases. */
  readonly opsPerSec?: number;
}

interface KvCase {
  readonly name: string;
  readonly kind: KvCaseKind;
  /** Calls at the full size; `--quick` runs a twentieth. */
  readonly calls: number;
  /** `block`: calls per latency sample (see measureLatency); throughput cases ignore it. */
  readonly run: (
    target: KvTarget,
    data: Dataset,
    calls: number,
    block: number,
  ) => Promise<KvMeasurement | undefined>;
}

/** Records the checked-commit and counter cases spread their writes over. */
const COMMIT_RECORDS = 1000;

function keyPicker(data: Dataset, seed: number): () => string {
  const next = seededRandom(seed);
  return () => data.keyAt(Math.floor(next() * data.size));
}

/** Batches of distinct random keys (a raw upsert refuses a key twice in one statement). */
function batchOf(data: Dataset, seed: number, size: number): () => string[] {
  const pick = keyPicker(data, seed);
  return () => {
    const keys = new Set<string>();
    while (keys.size < size) keys.add(pick());
    return [...keys];
  };
}

function latencyCase(
  name: string,
  calls: number,
  prepare: (target: KvTarget, data: Dataset) => ((i: number) => Promise<unknown>) | undefined,
): KvCase {
  return {
    name,
    kind: "latency",
    calls,
    async run(target, data, n, block) {
      const op = prepare(target, data);
      if (op === undefined) return undefined;
      const figures = await measureLatency(op, { iterations: n, warmup: Math.min(200, n), block });
      return { case: name, kind: "latency", target: target.name, ...figures };
    },
  };
}

function throughputCase(
  name: string,
  calls: number,
  concurrency: number,
  prepare: (target: KvTarget, data: Dataset) => ((i: number) => Promise<unknown>) | undefined,
): KvCase {
  return {
    name,
    kind: "throughput",
    calls,
    async run(target, data, n) {
      const op = prepare(target, data);
      if (op === undefined) return undefined;
      const opsPerSec = await measureThroughput(op, {
        operations: n,
        concurrency,
      });
      return { case: name, kind: "throughput", target: target.name, opsPerSec };
    },
  };
}

export const KV_CASES: readonly KvCase[] = [
  latencyCase("single get", 5000, (t, d) => {
    const pick = keyPicker(d, 1);
    return () => t.get(pick());
  }),
  latencyCase("single set", 3000, (t, d) => {
    const pick = keyPicker(d, 2);
    return (i) => t.set(pick(), d.valueAt(i + 7));
  }),
  latencyCase("batch get 100", 500, (t, d) => {
    const next = batchOf(d, 3, 100);
    return () => t.getMany(next());
  }),
  latencyCase("batch set 100", 300, (t, d) => {
    const next = batchOf(d, 4, 100);
    return (i) => t.setMany(next().map((key, j) => [key, d.valueAt(i * 100 + j)] as const));
  }),
  latencyCase("prefix scan 1K", 200, (t, d) => {
    const scan = t.scanPrefix?.bind(t);
    if (scan === undefined) return undefined;
    return (i) => scan(d.bucketPrefix(i % BUCKETS));
  }),
  latencyCase("checked commit (1 check + 3 puts)", 2000, (t, d) => {
    const commit = t.checkedCommit?.bind(t);
    if (commit === undefined) return undefined;
    const next = seededRandom(10);
    return async (i) => {
      const record = Math.floor(next() * COMMIT_RECORDS);
      const value = d.valueAt(i);
      const ok = await commit(`commit/rec/${record}`, [
        [`commit/rec/${record}`, value],
        [`commit/idx-a/${record}`, value.subarray(0, 16)],
        [`commit/idx-b/${record}`, value.subarray(0, 16)],
      ]);
      if (!ok) throw new Error(`checked commit of record ${record} failed: it runs alone`);
    };
  }),
  latencyCase("atomic add", 3000, (t) => {
    const increment = t.increment?.bind(t);
    if (increment === undefined) return undefined;
    const next = seededRandom(11);
    return () => increment(`counter/${Math.floor(next() * COMMIT_RECORDS)}`);
  }),
  throughputCase("atomic adds/s (16 in flight, 16 counters)", 5000, 16, (t) => {
    const increment = t.increment?.bind(t);
    if (increment === undefined) return undefined;
    return (i) => increment(`hot/${i % 16}`);
  }),
  throughputCase("reads/s (1 in flight)", 5000, 1, (t, d) => {
    const pick = keyPicker(d, 5);
    return () => t.get(pick());
  }),
  throughputCase("reads/s (16 in flight)", 10000, 16, (t, d) => {
    const pick = keyPicker(d, 6);
    return () => t.get(pick());
  }),
  throughputCase("writes/s (1 in flight)", 3000, 1, (t, d) => {
    const pick = keyPicker(d, 7);
    return (i) => t.set(pick(), d.valueAt(i));
  }),
  throughputCase("writes/s (16 in flight)", 5000, 16, (t, d) => {
    const pick = keyPicker(d, 8);
    return (i) => t.set(pick(), d.valueAt(i));
  }),
  throughputCase("batch inserts/s (100 per batch)", 300, 1, (t, d) => {
    const next = batchOf(d, 9, 100);
    return (i) => t.setMany(next().map((key, j) => [key, d.valueAt(i * 100 + j)] as const));
  }),
];

export async function runKvCases(
  target: KvTarget,
  data: Dataset,
  options: {
    quick: boolean;
    include: (caseName: string) => boolean;
    progress: (line: string) => void;
    /** Calls per latency sample; the same for every target of one backend (see measureLatency). */
    latencyBlock: number;
  },
): Promise<KvMeasurement[]> {
  const results: KvMeasurement[] = [];
  for (const kvCase of KV_CASES) {
    if (!options.include(kvCase.name)) continue;
    const calls = options.quick ? Math.max(20, Math.ceil(kvCase.calls / 20)) : kvCase.calls;
    options.progress(`${target.name}: ${kvCase.name} (${calls} calls)`);
    const result = await kvCase.run(target, data, calls, options.latencyBlock);
    if (result) results.push(result);
  }
  return results;
}
