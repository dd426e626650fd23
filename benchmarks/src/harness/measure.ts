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

/** Times `op` one call at a time: `warmup` untimed calls, then `iterations` timed ones. */
export async function measureLatency(
  op: (i: number) => Promise<unknown> | unknown,
  { iterations, warmup = Math.min(100, iterations) }: { iterations: number; warmup?: number },
): Promise<LatencyFigures> {
  for (let i = 0; i < warmup; i++) await op(i);
  const times = new Float64Array(iterations);
  let total = 0;
  for (let i = 0; i < iterations; i++) {
    const start = performance.now();
    await op(i);
    const us = (performance.now() - start) * 1000;
    times[i] = us;
    total += us;
  }
  times.sort();
  return {
    samples: iterations,
    p50Us: percentile(times, 50),
    p95Us: percentile(times, 95),
    p99Us: percentile(times, 99),
    meanUs: total / iterations,
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
