// Written by `pnpm bench` from benchmarks/results/latest.json (2026-11-22T00:55:46.662Z):
// median single get / set in µs. Do not edit by hand.
export const MEASURED_LATENCY = { avgReadLatencyUs: 4.7, avgWriteLatencyUs: 4.62 } as const;
