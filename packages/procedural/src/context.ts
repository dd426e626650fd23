/** What the modules of one `ProceduralMemory` share: the store, the clock and the limits. */
import {
  type Clock,
  clockNow,
  invalidArgument,
  jsonRecordCodec,
  requireClock,
  requireOptions,
  requirePositiveInteger,
  type StorageBackend,
} from "@mnemo/core";
import type { SkillRecord } from "./skill.js";

export interface ProceduralMemoryOptions {
  /** Where times come from. Default: the system clock. */
  readonly clock?: Clock;
  /** Attempts of a contended commit before giving up with `CONFLICT`. Default 100. */
  readonly maxAttempts?: number;
  /** Skills one agent may hold; saving one more is `FAILED_PRECONDITION`. Default 10,000. */
  readonly maxSkillsPerAgent?: number;
}

export const DEFAULT_MAX_SKILLS_PER_AGENT = 10_000;
export const MAX_MAX_SKILLS_PER_AGENT = 100_000;

/** A deleted skill whose versions are being removed: readers treat it as absent. */
export interface Tombstone {
  readonly tombstone: true;
  readonly incarnation: string;
}

export const headCodec = jsonRecordCodec<SkillRecord | Tombstone>();

export const isTombstone = (head: SkillRecord | Tombstone): head is Tombstone =>
  (head as Tombstone).tombstone === true;

/** The live skill a head value holds, or undefined for a tombstone or nothing. */
export function liveHead(raw: Uint8Array | undefined, key: string): SkillRecord | undefined {
  if (raw === undefined) return undefined;
  const head = headCodec.decode(raw, key);
  return isTombstone(head) ? undefined : head;
}

export class Context {
  readonly store: StorageBackend;
  readonly clock: Clock;
  readonly maxAttempts: number;
  readonly maxSkillsPerAgent: number;

  constructor(store: StorageBackend, options: ProceduralMemoryOptions | undefined) {
    if (store === null || typeof store !== "object" || typeof store.commit !== "function") {
      throw invalidArgument("store", "must be a StorageBackend");
    }
    const checked = requireOptions(options);
    this.store = store;
    this.clock = requireClock(checked.clock);
    this.maxAttempts = requirePositiveInteger(checked.maxAttempts, "maxAttempts", 100, 10_000);
    this.maxSkillsPerAgent = requirePositiveInteger(
      checked.maxSkillsPerAgent,
      "maxSkillsPerAgent",
      DEFAULT_MAX_SKILLS_PER_AGENT,
      MAX_MAX_SKILLS_PER_AGENT,
    );
  }

  /** The clock's time, refused unless it is epoch milliseconds in Mnemo's one range. */
  now(): number {
    return clockNow(this.clock);
  }
}
