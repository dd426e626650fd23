// Written by `pnpm bench` from benchmarks/results/latest.json (2026-11-22T01:29:08.917Z):
// median single get / set in µs, balanced. Do not edit by hand.
export const MEASURED_LATENCY = { avgReadLatencyUs: 5.96, avgWriteLatencyUs: 79 } as const;
