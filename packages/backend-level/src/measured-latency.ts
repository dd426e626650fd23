// Written by `pnpm bench` from benchmarks/results/latest.json (2026-11-22T01:06:53.308Z):
// median single get / set in µs, balanced. Do not edit by hand.
export const MEASURED_LATENCY = { avgReadLatencyUs: 6.92, avgWriteLatencyUs: 87 } as const;
