/**
 * ef calibration: a fixed ef is not a promise (on 100K clustered vectors ef 40 reaches recall
 * 0.92, on uniform random data far less), so each collection measures recall@10 against the
 * exact scan at rising ef and keeps the table. The queries are sampled stored vectors moved
 * by random noise as long as the distance to their 10th neighbour: a stored vector itself is
 * a node of the graph with links to its neighbours, which makes it a far easier query than
 * a fresh one (measured: 0.985 on stored vectors, 0.93 on fresh ones, at the same ef).
 */
import type { Calibration, CalibrationPoint } from "./types.js";

export const EF_LADDER = [
  10, 16, 24, 32, 40, 50, 64, 80, 100, 128, 160, 200, 256, 320, 400, 512, 640, 800,
];
/** Recall@10 is measured with this many neighbours. */
export const CALIBRATION_K = 10;
/** Below this many vectors no calibration is worth it: `SMALL_COLLECTION_EF` is exhaustive. */
export const MIN_CALIBRATION_COUNT = 100;
export const SMALL_COLLECTION_EF = 64;
/** The default ef must beat the target by this much on the sample, which has noise. */
const MARGIN = 0.01;
/** The table stops once recall reaches this (higher targets get the exact scan). */
const CEILING = 0.995;

export interface CalibrationQuery {
  readonly vector: Float32Array;
}

export interface CalibrationInput {
  readonly queries: readonly CalibrationQuery[];
  /** Exact neighbours of each query, best first. */
  readonly exact: readonly (readonly number[])[];
  /** HNSW labels for `vector` at `ef`, best first, `k` of them. */
  approximate(vector: Float32Array, k: number, ef: number): number[];
  readonly count: number;
  readonly target: number;
  readonly now: number;
}

export function measureCalibration(input: CalibrationInput): Calibration {
  const points: CalibrationPoint[] = [];
  for (const ef of EF_LADDER) {
    let found = 0;
    let wanted = 0;
    input.queries.forEach((query, i) => {
      const truth = new Set(input.exact[i]!);
      const hits = input.approximate(query.vector, CALIBRATION_K, ef);
      for (const label of hits) if (truth.has(label)) found++;
      wanted += truth.size;
    });
    const recall = wanted === 0 ? 1 : found / wanted;
    points.push({ ef, recall });
    if (recall >= CEILING) break;
  }
  const good = points.find((p) => p.recall >= Math.min(input.target + MARGIN, CEILING));
  return {
    count: input.count,
    defaultEf: (good ?? points[points.length - 1]!).ef,
    target: input.target,
    points,
    at: input.now,
  };
}

/** The smallest calibrated ef reaching `target`, or undefined when only the exact scan does. */
export function efForRecall(calibration: Calibration, target: number): number | undefined {
  return calibration.points.find((p) => p.recall >= target)?.ef;
}

/** Recalibrate when the collection has doubled or halved since the last measurement. */
export function isStale(calibration: Calibration, count: number): boolean {
  return count > calibration.count * 2 || count * 2 < calibration.count;
}

/**
 * `vector` moved in a random direction by `distance` (Gaussian noise scaled so its expected
 * length is `distance`), from a deterministic generator.
 */
export function perturb(
  vector: Float32Array,
  distance: number,
  random: () => number,
): Float32Array {
  const out = new Float32Array(vector.length);
  const scale = distance / Math.sqrt(vector.length);
  for (let i = 0; i < vector.length; i++) {
    const u = Math.max(random(), 1e-12);
    out[i] = vector[i]! + scale * Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * random());
  }
  return out;
}

export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Deterministic sample of `size` distinct entries (mulberry32-driven partial shuffle). */
export function sample<T>(items: readonly T[], size: number, seed = 0x9e3779b9): T[] {
  const copy = items.slice();
  const random = seededRandom(seed);
  const n = Math.min(size, copy.length);
  for (let i = 0; i < n; i++) {
    const j = i + Math.floor(random() * (copy.length - i));
    const tmp = copy[i]!;
    copy[i] = copy[j]!;
    copy[j] = tmp;
  }
  return copy.slice(0, n);
}
