// Written by `pnpm bench` from benchmarks/results/latest.json (2026-11-22T01:06:53.308Z):
// median single get / set in µs. Do not edit by hand.
export const MEASURED_LATENCY = { avgReadLatencyUs: 1.68, avgWriteLatencyUs: 4.36 } as const;
