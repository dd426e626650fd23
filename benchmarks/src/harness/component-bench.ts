/**
 * The contract a component benchmark implements. Each component's cases live in
 * `benchmarks/src/components/<component>.ts` and export a `ComponentBenchmark`; the suite's
 * runner calls it once per backend and records what it returns.
 */
import type { StorageBackend } from "@mnemo/core";

export type BackendName = "memory" | "level" | "postgres";

export interface ComponentBenchContext {
  readonly backend: BackendName;
  /** A fresh, empty handle in `namespace` on the backend under test. */
  open(namespace: string): Promise<StorageBackend>;
  /** `--quick`: run every case briefly (CI uses it to catch a broken benchmark). */
  readonly quick: boolean;
  /** The PostgreSQL the run uses (postgres backend only), for raw-driver baselines. */
  readonly postgresUrl?: string;
  /** One line of progress for the person watching. */
  progress(line: string): void;
}

export interface Figure {
  /** Case name, e.g. "event append (batch of 100)". */
  readonly name: string;
  /** "us" | "ms" | "ops/s" | "MB/s" | "recall" | ... */
  readonly unit: string;
  /** The headline number, in `unit`. */
  readonly value: number;
  readonly p50?: number;
  readonly p95?: number;
  readonly p99?: number;
  /** The same work without Mnemo (raw driver, brute force, ...), in `unit`, when there is one. */
  readonly baseline?: { readonly name: string; readonly value: number };
  /** The seed's published figure for this work, as text (e.g. "10K events/s"). */
  readonly seed?: string;
  readonly notes?: string;
}

export interface ComponentBenchmark {
  readonly component: string;
  /** Backend-independent work (hashing): runs on the first selected backend only. */
  readonly once?: boolean;
  run(context: ComponentBenchContext): Promise<Figure[]>;
}
