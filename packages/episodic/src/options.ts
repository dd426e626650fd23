/** The constructor's options, validated once. */

import {
  type Clock,
  describe,
  invalidArgument,
  requireNonNegative,
  requireObject,
  requireOptions,
  requirePositiveInteger,
  type StorageBackend,
  systemClock,
} from "@mnemo/core";
import { BlockTiers } from "./compaction.js";

export interface EpisodicMemoryOptions {
  /** Where default timestamps come from; default the system clock. */
  readonly clock?: Clock;
  /** BM25 term-frequency saturation, a finite number >= 0; default 1.2. */
  readonly k1?: number;
  /** BM25 length normalisation, 0 to 1; default 0.75. */
  readonly b?: number;
  /** Attempts of a contended commit before `CONFLICT`; default 100. */
  readonly maxAttempts?: number;
}

/** Whether the store holds 0.1's one-key postings, and deltas under `("stats", …)`. */
export interface LegacyLeft {
  postings?: boolean | undefined;
  deltas?: boolean | undefined;
}

/** What every module of the component shares. */
export interface Context {
  readonly store: StorageBackend;
  readonly clock: Clock;
  readonly k1: number;
  readonly b: number;
  readonly maxAttempts: number;
  /** What earlier versions left in the store, as far as this instance knows (`legacy.ts`). */
  readonly legacy: LegacyLeft;
  /** The posting blocks this instance wrote and has not merged yet. */
  readonly tiers: BlockTiers;
  /** Segments this instance staged since its last flush (`staging.ts`). */
  readonly staged: { segments: number };
}

export function readContext(
  store: StorageBackend,
  options: EpisodicMemoryOptions | undefined,
): Context {
  const o = requireOptions(options);
  let clock = systemClock;
  if (o.clock !== undefined) {
    const c = requireObject(o.clock, "clock");
    if (typeof c.now !== "function") {
      throw invalidArgument("clock", `must have a now() method, got ${describe(c.now)}`);
    }
    clock = c as unknown as Clock;
  }
  const k1 = o.k1 === undefined ? 1.2 : requireNonNegative(o.k1, "k1");
  const b = o.b === undefined ? 0.75 : requireNonNegative(o.b, "b");
  if (b > 1) throw invalidArgument("b", `must be in 0..1, got ${describe(b)}`);
  return {
    store,
    clock,
    k1,
    b,
    maxAttempts: requirePositiveInteger(o.maxAttempts, "maxAttempts", 100),
    legacy: {},
    tiers: new BlockTiers(),
    staged: { segments: 0 },
  };
}
