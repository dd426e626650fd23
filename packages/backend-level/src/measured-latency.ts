// Written by `pnpm bench` from benchmarks/results (median single get / set, µs).
// Until the suite has run on this backend: an ad-hoc measurement in the default (balanced)
// mode on 2 loaded cores (README, "Figures").
export const MEASURED_LATENCY = { avgReadLatencyUs: 4, avgWriteLatencyUs: 25 } as const;
