// Written by `pnpm bench` from benchmarks/results/latest.json (2026-12-03T17:12:56.949Z):
// median single get / set in µs. Do not edit by hand.
export const MEASURED_LATENCY = { avgReadLatencyUs: 1.83, avgWriteLatencyUs: 5.45 } as const;
