/** Timing primitives shared by every benchmark case. */
import { performance } from "node:perf_hooks";

export interface LatencyFigures {
  /** Operations timed (after warm-up). */
  readonly samples: number;
  readonly p50Us: number;
  readonly p95Us: number;
  readonly p99Us: number;
  readonly meanUs: number;
}

function percentile(sorted: Float64Array, p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const index = Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1);
  return sorted[Math.max(0, index)]!;
}

/**
 * Times `op`: `warmup` untimed calls, then `iterations` timed ones. With `block` > 1 the
 * clock is read once per `block` calls and each sample is that block's mean: for operations
 * of a few microseconds, reading the clock around every call would add its own cost
 * (~0.1-0.2 µs). Percentiles are then of block means, so callers must time the things they
 * compare with the same block size.
 */
export async function measureLatency(
  op: (i: number) => Promise<unknown> | unknown,
  {
    iterations,
    warmup = Math.min(100, iterations),
    block = 1,
  }: { iterations: number; warmup?: number; block?: number },
): Promise<LatencyFigures> {
  for (let i = 0; i < warmup; i++) await op(i);
  const samples = Math.max(1, Math.floor(iterations / block));
  const times = new Float64Array(samples);
  let total = 0;
  let call = 0;
  for (let s = 0; s < samples; s++) {
    const start = performance.now();
    for (let b = 0; b < block; b++) await op(call++);
    const us = ((performance.now() - start) * 1000) / block;
    times[s] = us;
    total += us;
  }
  times.sort();
  return {
    samples,
    p50Us: percentile(times, 50),
    p95Us: percentile(times, 95),
    p99Us: percentile(times, 99),
    meanUs: total / samples,
  };
}

/** Operations per second with `concurrency` calls in flight, over `operations` calls. */
export async function measureThroughput(
  op: (i: number) => Promise<unknown>,
  { operations, concurrency = 1 }: { operations: number; concurrency?: number },
): Promise<number> {
  let next = 0;
  const start = performance.now();
  const worker = async () => {
    while (next < operations) await op(next++);
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  return operations / ((performance.now() - start) / 1000);
}

/**
 * Times several operations taking turns (a, b, c, a, b, c, ...): each sample of one is taken
 * within a few milliseconds of a sample of every other, so a machine whose load changes during
 * the run (shared cores) weighs on all of them alike. Same percentiles as `measureLatency`.
 */
export async function measureInterleaved(
  ops: readonly ((i: number) => Promise<unknown> | unknown)[],
  { iterations, warmup = Math.min(100, iterations) }: { iterations: number; warmup?: number },
): Promise<LatencyFigures[]> {
  for (let i = 0; i < warmup; i++) for (const op of ops) await op(i);
  const times = ops.map(() => new Float64Array(iterations));
  for (let i = 0; i < iterations; i++) {
    for (const [k, op] of ops.entries()) {
      const start = performance.now();
      await op(i);
      times[k]![i] = (performance.now() - start) * 1000;
    }
  }
  return times.map((t) => {
    const mean = t.reduce((s, x) => s + x, 0) / t.length;
    t.sort();
    return {
      samples: t.length,
      p50Us: percentile(t, 50),
      p95Us: percentile(t, 95),
      p99Us: percentile(t, 99),
      meanUs: mean,
    };
  });
}
