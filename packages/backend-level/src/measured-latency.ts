// Written by `pnpm bench` from benchmarks/results/latest.json (2026-11-22T01:15:02.860Z):
// median single get / set in µs, balanced. Do not edit by hand.
export const MEASURED_LATENCY = { avgReadLatencyUs: 7.32, avgWriteLatencyUs: 78 } as const;
