// Written by `pnpm bench` from benchmarks/results/latest.json (2026-12-03T17:12:56.949Z):
// median single get / set in µs, rls on. Do not edit by hand.
export const MEASURED_LATENCY = { avgReadLatencyUs: 206, avgWriteLatencyUs: 407 } as const;
