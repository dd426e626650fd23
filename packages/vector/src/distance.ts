/**
 * Exact scores, the reference for recall. hnswlib reports a distance (smaller is closer):
 * l2 → squared Euclidean; ip → 1 - dot; cosine → 1 - cosine similarity. Scores turn that into
 * the metric's natural value: Euclidean distance for l2, the dot product or cosine similarity.
 */
import type { Metric } from "./types.js";

export function euclidean(a: Float32Array, b: Float32Array): number {
  let sum = 0;
  for (let i = 0; i < a.length; i++) {
    const d = a[i]! - b[i]!;
    sum += d * d;
  }
  return Math.sqrt(sum);
}

/** An exact distance in hnswlib's convention, for ranking. */
export type Distance = (a: Float32Array, b: Float32Array) => number;

export function exactDistance(metric: Metric): Distance {
  switch (metric) {
    case "l2":
      return (a, b) => {
        let sum = 0;
        for (let i = 0; i < a.length; i++) {
          const d = a[i]! - b[i]!;
          sum += d * d;
        }
        return sum;
      };
    case "ip":
      return (a, b) => {
        let dot = 0;
        for (let i = 0; i < a.length; i++) dot += a[i]! * b[i]!;
        return 1 - dot;
      };
    case "cosine":
      return (a, b) => {
        let dot = 0;
        let na = 0;
        let nb = 0;
        for (let i = 0; i < a.length; i++) {
          dot += a[i]! * b[i]!;
          na += a[i]! * a[i]!;
          nb += b[i]! * b[i]!;
        }
        return 1 - dot / Math.sqrt(na * nb);
      };
  }
}

export function scoreOf(metric: Metric, distance: number): number {
  return metric === "l2" ? Math.sqrt(Math.max(0, distance)) : 1 - distance;
}

/** Keeps the `k` smallest distances seen: a bounded max-heap, cheap for small k. */
export class TopK {
  readonly #k: number;
  readonly #distances: number[] = [];
  readonly #labels: number[] = [];

  constructor(k: number) {
    this.#k = k;
  }

  get worst(): number {
    return this.#distances.length < this.#k ? Number.POSITIVE_INFINITY : this.#distances[0]!;
  }

  push(distance: number, label: number): void {
    if (distance >= this.worst) return;
    const d = this.#distances;
    const l = this.#labels;
    if (d.length < this.#k) {
      d.push(distance);
      l.push(label);
      let i = d.length - 1;
      while (i > 0) {
        const parent = (i - 1) >> 1;
        if (d[parent]! >= d[i]!) break;
        swap(d, l, i, parent);
        i = parent;
      }
      return;
    }
    d[0] = distance;
    l[0] = label;
    let i = 0;
    for (;;) {
      const left = 2 * i + 1;
      const right = left + 1;
      let largest = i;
      if (left < d.length && d[left]! > d[largest]!) largest = left;
      if (right < d.length && d[right]! > d[largest]!) largest = right;
      if (largest === i) break;
      swap(d, l, i, largest);
      i = largest;
    }
  }

  /** Best first. */
  sorted(): Array<{ label: number; distance: number }> {
    return this.#labels
      .map((label, i) => ({ label, distance: this.#distances[i]! }))
      .sort((a, b) => a.distance - b.distance || a.label - b.label);
  }
}

function swap(d: number[], l: number[], i: number, j: number): void {
  const td = d[i]!;
  d[i] = d[j]!;
  d[j] = td;
  const tl = l[i]!;
  l[i] = l[j]!;
  l[j] = tl;
}
