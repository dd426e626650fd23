// Median single get / set in µs: the median of three runs of scripts/measure.ts (p50 over
// 3,000 gets / 1,500 upserts of 100-byte values, row-level security on) against PostgreSQL 15
// on loopback, Node 20, 2 shared cores. `pnpm bench` regenerates it from benchmarks/results.
export const MEASURED_LATENCY = { avgReadLatencyUs: 127, avgWriteLatencyUs: 275 } as const;
