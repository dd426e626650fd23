/**
 * The seed's published figures (LLMSpell's storage architecture) and the goals the issues set
 * for Mnemo. The seed measured memory / sled / PostgreSQL elsewhere; they anchor, not compare.
 */
export const SEED_LATENCY: Readonly<
  Record<string, { memory: string; embedded: string; postgres: string }>
> = {
  "single get": { memory: "1 µs", embedded: "50 µs", postgres: "500 µs" },
  "single set": { memory: "2 µs", embedded: "200 µs", postgres: "1 ms" },
  "batch get 100": { memory: "100 µs", embedded: "2 ms", postgres: "10 ms" },
  "batch set 100": { memory: "200 µs", embedded: "5 ms", postgres: "15 ms" },
  "prefix scan 1K": { memory: "500 µs", embedded: "5 ms", postgres: "50 ms" },
};

export const SEED_THROUGHPUT: Readonly<Record<string, string>> = {
  "reads/s (1 in flight)": "10K/s (postgres)",
  "writes/s (1 in flight)": "2K/s (postgres)",
};

export interface Goal {
  readonly backend: "memory" | "level" | "postgres";
  readonly case: string;
  readonly text: string;
  /** Given the Mnemo figure and its comparison ratio, whether the goal is met. */
  readonly met: (figure: {
    p50Us?: number;
    opsPerSec?: number;
    ratio?: number;
    keyvRatio?: number;
  }) => boolean | undefined;
}

const ratioAtMost =
  (limit: number) =>
  ({ ratio }: { ratio?: number }) =>
    ratio === undefined ? undefined : ratio <= limit;
const p50AtMost =
  (us: number) =>
  ({ p50Us }: { p50Us?: number }) =>
    p50Us === undefined ? undefined : p50Us <= us;

export const GOALS: readonly Goal[] = [
  { backend: "memory", case: "single get", text: "<= 1 µs", met: p50AtMost(1) },
  { backend: "memory", case: "single set", text: "<= 2 µs", met: p50AtMost(2) },
  { backend: "memory", case: "prefix scan 1K", text: "<= 100 µs", met: p50AtMost(100) },
  { backend: "level", case: "single get", text: "<= raw async get", met: ratioAtMost(1.0) },
  ...["single set", "batch get 100", "batch set 100", "prefix scan 1K"].map(
    (c): Goal => ({ backend: "level", case: c, text: "<= 1.10x raw", met: ratioAtMost(1.1) }),
  ),
  ...["single get", "single set", "batch get 100", "batch set 100", "prefix scan 1K"].map(
    (c): Goal => ({ backend: "postgres", case: c, text: "<= 1.10x raw pg", met: ratioAtMost(1.1) }),
  ),
  {
    backend: "postgres",
    case: "reads/s (1 in flight)",
    text: "beat the seed's 10K/s",
    met: ({ opsPerSec }) => (opsPerSec === undefined ? undefined : opsPerSec > 10_000),
  },
  {
    backend: "postgres",
    case: "writes/s (1 in flight)",
    text: "beat the seed's 2K/s",
    met: ({ opsPerSec }) => (opsPerSec === undefined ? undefined : opsPerSec > 2_000),
  },
  {
    backend: "postgres",
    case: "reads/s (16 in flight)",
    text: "<= 1.10x raw pg",
    met: ratioAtMost(1.1),
  },
  {
    backend: "postgres",
    case: "writes/s (16 in flight)",
    text: "<= 1.10x raw pg",
    met: ratioAtMost(1.1),
  },
  ...["single get", "single set", "batch get 100", "batch set 100"].map(
    (c): Goal => ({
      backend: "postgres",
      case: c,
      text: "at least as fast as Keyv",
      met: ({ keyvRatio }) => (keyvRatio === undefined ? undefined : keyvRatio <= 1.0),
    }),
  ),
];
