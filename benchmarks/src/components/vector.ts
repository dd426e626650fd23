/**
 * Vector search: build time, top-10 latency (p50/p95), queries per second and recall@10
 * against exact search, at ef 40, ef 100 and the collection's calibrated default, plus the
 * time to reopen a collection (snapshot + log) beside a full rebuild. Every figure stands
 * beside raw hnswlib-node at the same parameters (M 16, efConstruction 128, cosine) and a
 * plain JavaScript brute-force scan, on the same data and queries.
 *
 * Data: 100 Gaussian clusters (resembling real embeddings) and uniform random vectors, 10K
 * and 100K x 384 and 10K x 1536 (`--quick`: 2K x 384 clustered only).
 */
import { performance } from "node:perf_hooks";
import type { StorageBackend } from "@mnemo/core";
import { seededRandom } from "@mnemo/testing/random";
import { type VectorCollection, VectorStore } from "@mnemo/vector";
import hnswlib from "hnswlib-node";
import type {
  ComponentBenchContext,
  ComponentBenchmark,
  Figure,
} from "../harness/component-bench.js";
import { measureLatency } from "../harness/measure.js";

const K = 10;
const M = 16;
const EF_CONSTRUCTION = 128;
const CLUSTERS = 100;

export interface VectorDataset {
  readonly name: string;
  readonly kind: "clustered" | "uniform";
  readonly count: number;
  readonly dimension: number;
}

function gaussian(random: () => number): number {
  return Math.sqrt(-2 * Math.log(Math.max(random(), 1e-12))) * Math.cos(2 * Math.PI * random());
}

/** `count` vectors then `queries` more from the same distribution (queries are not stored). */
function generate(
  dataset: VectorDataset,
  queries: number,
): { data: number[][]; queries: number[][] } {
  const random = seededRandom(dataset.count * 31 + dataset.dimension);
  const { dimension } = dataset;
  const centres =
    dataset.kind === "clustered"
      ? Array.from({ length: CLUSTERS }, () =>
          Array.from({ length: dimension }, () => gaussian(random)),
        )
      : [];
  const point = (): number[] =>
    dataset.kind === "clustered"
      ? centres[Math.floor(random() * CLUSTERS)]!.map((c) => c + 0.5 * gaussian(random))
      : Array.from({ length: dimension }, () => random() * 2 - 1);
  const all = Array.from({ length: dataset.count + queries }, point);
  return { data: all.slice(0, dataset.count), queries: all.slice(dataset.count) };
}

/** The plain brute-force scan: cosine over normalised Float32 rows. */
class LinearScan {
  readonly #rows: Float32Array;
  readonly #dimension: number;
  readonly #count: number;

  constructor(data: number[][], dimension: number) {
    this.#dimension = dimension;
    this.#count = data.length;
    this.#rows = new Float32Array(data.length * dimension);
    for (const [i, row] of data.entries()) this.#rows.set(normalise(row), i * dimension);
  }

  search(query: number[], k: number): number[] {
    const q = normalise(query);
    const d = this.#dimension;
    const best: Array<[number, number]> = [];
    for (let i = 0; i < this.#count; i++) {
      let dot = 0;
      const base = i * d;
      for (let j = 0; j < d; j++) dot += q[j]! * this.#rows[base + j]!;
      if (best.length < k || dot > best[best.length - 1]![0]) {
        best.push([dot, i]);
        best.sort((a, b) => b[0] - a[0]);
        if (best.length > k) best.pop();
      }
    }
    return best.map(([, i]) => i);
  }
}

function normalise(row: readonly number[]): Float32Array {
  let sum = 0;
  for (const x of row) sum += x * x;
  const norm = Math.sqrt(sum) || 1;
  return Float32Array.from(row, (x) => x / norm);
}

function recallOf(found: readonly number[][], truth: readonly number[][]): number {
  let hits = 0;
  let wanted = 0;
  found.forEach((labels, i) => {
    const expected = new Set(truth[i]!);
    wanted += expected.size;
    for (const label of labels) if (expected.has(label)) hits++;
  });
  return wanted === 0 ? 1 : hits / wanted;
}

const round = (value: number, digits = 3) => Number(value.toFixed(digits));
const ms = (us: number) => round(us / 1000, 4);

/** One dataset's figures; exported so a single dataset can be run ad hoc. */
export async function runVectorDataset(
  context: ComponentBenchContext,
  dataset: VectorDataset,
): Promise<Figure[]> {
  const figures: Figure[] = [];
  const queryCount = context.quick ? 50 : 200;
  const iterations = context.quick ? 100 : 1000;
  const { data, queries } = generate(dataset, queryCount);
  const label = dataset.name;

  // Ground truth and the brute-force baseline.
  context.progress(`vector ${label}: exact ground truth`);
  const scan = new LinearScan(data, dataset.dimension);
  const truth = queries.map((q) => scan.search(q, K));
  const scanLatency = await measureLatency((i) => scan.search(queries[i % queryCount]!, K), {
    iterations: Math.min(iterations, dataset.count >= 100_000 ? 50 : 200),
    warmup: 5,
  });

  // Raw hnswlib-node at the same parameters.
  context.progress(`vector ${label}: raw hnswlib-node build`);
  let start = performance.now();
  const raw = new hnswlib.HierarchicalNSW("cosine", dataset.dimension);
  raw.initIndex(dataset.count, M, EF_CONSTRUCTION, 100);
  for (const [i, row] of data.entries()) raw.addPoint(row, i);
  const rawBuildMs = performance.now() - start;
  const rawAt = async (ef: number) => {
    raw.setEf(ef);
    const recall = recallOf(
      queries.map((q) => raw.searchKnn(q, K).neighbors),
      truth,
    );
    const latency = await measureLatency((i) => raw.searchKnn(queries[i % queryCount]!, K), {
      iterations,
    });
    return { recall, latency };
  };

  // Mnemo: the collection writes every vector through the backend, then snapshots its index.
  context.progress(`vector ${label}: Mnemo build on ${context.backend}`);
  const handle = await context.open("vector");
  const store = new VectorStore(handle);
  const name = `bench-${dataset.kind}-${dataset.count}-${dataset.dimension}`;
  const collection = await store.createCollection(name, {
    dimension: dataset.dimension,
    metric: "cosine",
    M,
    efConstruction: EF_CONSTRUCTION,
  });
  start = performance.now();
  for (let i = 0; i < data.length; i += 1000) {
    await collection.upsertMany(
      data.slice(i, i + 1000).map((vector, j) => ({ id: String(i + j), vector })),
    );
  }
  await collection.snapshot();
  const buildMs = performance.now() - start;
  figures.push({
    name: `vector build ${label} (upserts + snapshot)`,
    unit: "s",
    value: round(buildMs / 1000),
    baseline: { name: "raw hnswlib-node addPoint", value: round(rawBuildMs / 1000) },
  });

  start = performance.now();
  const calibration = await collection.calibrate({ force: true });
  const calibrationMs = performance.now() - start;
  const defaultEf = calibration?.defaultEf ?? 64;
  figures.push({
    name: `vector calibrated default ef ${label}`,
    unit: "ef",
    value: defaultEf,
    notes: `calibration took ${round(calibrationMs)} ms; table ${calibration?.points.map((p) => `${p.ef}:${round(p.recall)}`).join(" ")}`,
  });

  const mnemoAt = async (ef: number | undefined) => {
    const options = ef === undefined ? { k: K } : { k: K, ef };
    const found: number[][] = [];
    for (const q of queries) {
      found.push((await collection.search(q, options)).map((hit) => Number(hit.id)));
    }
    const latency = await measureLatency(
      (i) => collection.search(queries[i % queryCount]!, options),
      {
        iterations,
      },
    );
    return { recall: recallOf(found, truth), latency };
  };

  for (const ef of [40, 100, undefined]) {
    const efLabel = ef === undefined ? `default (ef ${defaultEf})` : `ef ${ef}`;
    context.progress(`vector ${label}: search top-${K} at ${efLabel}`);
    const mnemo = await mnemoAt(ef);
    const base = await rawAt(ef ?? defaultEf);
    const ratio = mnemo.latency.p50Us / base.latency.p50Us;
    figures.push({
      name: `vector search top-${K} ${label} ${efLabel}`,
      unit: "ms",
      value: ms(mnemo.latency.p50Us),
      p50: ms(mnemo.latency.p50Us),
      p95: ms(mnemo.latency.p95Us),
      p99: ms(mnemo.latency.p99Us),
      baseline: { name: "raw hnswlib-node, same ef", value: ms(base.latency.p50Us) },
      seed: "< 5 ms p95 top-10; 95% recall at ef 40",
      notes: `recall@${K} ${round(mnemo.recall)} (raw ${round(base.recall)}); ${Math.round(1e6 / mnemo.latency.meanUs)} QPS; ${round(ratio, 2)}x raw; ${round(scanLatency.p50Us / mnemo.latency.p50Us, 1)}x faster than the JS scan`,
    });
    figures.push({
      name: `vector recall@${K} ${label} ${efLabel}`,
      unit: "recall",
      value: round(mnemo.recall),
      baseline: { name: "raw hnswlib-node, same ef", value: round(base.recall) },
    });
  }
  figures.push(
    ...(await measureLogFollow(context, collection, handle, name, queries, label, defaultEf)),
  );
  figures.push({
    name: `vector exact scan top-${K} ${label}`,
    unit: "ms",
    value: ms(scanLatency.p50Us),
    p50: ms(scanLatency.p50Us),
    p95: ms(scanLatency.p95Us),
    seed: "HNSW 8.47x faster than a linear scan at 10K",
    notes: "plain JavaScript brute force over normalised Float32Array rows; recall 1 by definition",
  });

  // Reopen: a new VectorStore on the same data loads the snapshot instead of rebuilding.
  context.progress(`vector ${label}: reopen`);
  await store.close();
  start = performance.now();
  const reopened = await new VectorStore(handle).collection(name);
  const reopenMs = performance.now() - start;
  const check = await reopened.search(queries[0]!, { k: K, ef: 100 });
  figures.push({
    name: `vector reopen ${label} (snapshot + log)`,
    unit: "ms",
    value: round(reopenMs, 1),
    baseline: { name: "full rebuild (raw hnswlib-node build)", value: round(rawBuildMs, 1) },
    notes: `${round(rawBuildMs / reopenMs, 1)}x faster than a rebuild; ${check.length} results after reopen`,
  });
  await new VectorStore(handle).dropCollection(name);
  return figures;
}

const percentileOf = (sorted: readonly number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;

/**
 * What following the log costs a search: the default search (`consistency: "latest"`, one
 * read of the log head first) beside the same search without that read (`"local"`: this
 * process's index as is, which is what every search did before several processes could share
 * a collection), and a search right after another instance wrote one vector (the read of the
 * head, then the log entry, its label record and vector, and the insert into the index).
 */
async function measureLogFollow(
  context: ComponentBenchContext,
  collection: VectorCollection,
  handle: StorageBackend,
  name: string,
  queries: readonly number[][],
  label: string,
  ef: number,
): Promise<Figure[]> {
  context.progress(`vector ${label}: cost of following the log`);
  const iterations = context.quick ? 100 : 1000;
  const at = (i: number) => queries[i % queries.length]!;
  const local = await measureLatency(
    (i) => collection.search(at(i), { k: K, ef, consistency: "local" }),
    { iterations },
  );
  const latest = await measureLatency((i) => collection.search(at(i), { k: K, ef }), {
    iterations,
  });
  // What one read costs on this backend, for scale: the head read is one such read.
  const plainGet = await measureLatency(() => handle.get("vector-bench-probe"), { iterations });
  const other = await new VectorStore(handle, { snapshotOnClose: false }).collection(name);
  const afterWrite: number[] = [];
  const rounds = context.quick ? 50 : 200;
  for (let i = 0; i < rounds; i++) {
    await other.upsert(
      `follow-${i}`,
      at(i + 1).map((x) => x + 0.01),
    );
    const start = performance.now();
    await collection.search(at(i), { k: K, ef });
    afterWrite.push((performance.now() - start) * 1000);
  }
  afterWrite.sort((a, b) => a - b);
  for (let i = 0; i < rounds; i++) await other.delete(`follow-${i}`);
  return [
    {
      name: `vector search top-${K} ${label} following the log (one head read)`,
      unit: "ms",
      value: ms(latest.p50Us),
      p50: ms(latest.p50Us),
      p95: ms(latest.p95Us),
      baseline: {
        name: "the same search without the head read (consistency local)",
        value: ms(local.p50Us),
      },
      notes: `ef ${ef}; +${round((latest.p50Us - local.p50Us) / 1000, 4)} ms p50 for the head read (${round(latest.p50Us / local.p50Us, 2)}x); one get on this backend ${ms(plainGet.p50Us)} ms p50`,
    },
    {
      name: `vector search top-${K} ${label} right after another instance's upsert`,
      unit: "ms",
      value: ms(percentileOf(afterWrite, 50)),
      p50: ms(percentileOf(afterWrite, 50)),
      p95: ms(percentileOf(afterWrite, 95)),
      baseline: { name: "search with nothing to follow (one head read)", value: ms(latest.p50Us) },
      notes: "applies one log entry: log scan, label record and vector reads, one HNSW insert",
    },
  ];
}

export const QUICK_DATASETS: readonly VectorDataset[] = [
  { name: "clustered 2K x 384", kind: "clustered", count: 2_000, dimension: 384 },
];

export const FULL_DATASETS: readonly VectorDataset[] = [
  { name: "clustered 10K x 384", kind: "clustered", count: 10_000, dimension: 384 },
  { name: "uniform 10K x 384", kind: "uniform", count: 10_000, dimension: 384 },
  { name: "clustered 10K x 1536", kind: "clustered", count: 10_000, dimension: 1536 },
  { name: "clustered 100K x 384", kind: "clustered", count: 100_000, dimension: 384 },
  { name: "uniform 100K x 384", kind: "uniform", count: 100_000, dimension: 384 },
];

export const vectorBenchmark: ComponentBenchmark = {
  component: "vector",
  async run(context) {
    const datasets = context.quick ? QUICK_DATASETS : FULL_DATASETS;
    const figures: Figure[] = [];
    for (const dataset of datasets) figures.push(...(await runVectorDataset(context, dataset)));
    return figures;
  },
};
