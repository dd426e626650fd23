// Written by `pnpm bench` from benchmarks/results (median single get / set, µs).
// Until the suite has run on this backend these are the raw driver's figures.
export const MEASURED_LATENCY = { avgReadLatencyUs: 0.2, avgWriteLatencyUs: 0.3 } as const;
