// Written by `pnpm bench` from benchmarks/results/latest.json (2026-11-22T01:29:08.917Z):
// median single get / set in µs. Do not edit by hand.
export const MEASURED_LATENCY = { avgReadLatencyUs: 2.18, avgWriteLatencyUs: 5.68 } as const;
