/** What the modules of one `AgentStateStore` share: the store, the clock and the limits. */
import {
  type BackendLimits,
  type Clock,
  clockNow,
  DEFAULT_MAX_VALUE_BYTES,
  invalidArgument,
  jsonRecordCodec,
  requireClock,
  requireOptions,
  requirePositiveInteger,
  type StorageBackend,
} from "@mnemo/core";

export interface AgentStateStoreOptions {
  /** Where times come from. Default: the system clock. */
  readonly clock?: Clock;
  /** Status changes kept per agent, newest last: 1..1,000, default 100. */
  readonly maxHistory?: number;
  /** Attempts of a contended commit before giving up with `CONFLICT`. Default 100. */
  readonly maxAttempts?: number;
}

export const MAX_HISTORY = 1000;

/** The registry record of an agent. */
export interface AgentRecord {
  readonly agentId: string;
  /** Epoch ms of the agent's first save or status. */
  readonly createdAt: number;
}

export const agentCodec = jsonRecordCodec<AgentRecord>();
export const headCodec = jsonRecordCodec<{ readonly lastVersion: number }>();

export class Context {
  readonly store: StorageBackend;
  readonly clock: Clock;
  readonly maxHistory: number;
  readonly maxAttempts: number;
  /** The largest value the store takes (16 MiB unless the handle says otherwise). */
  readonly maxValueBytes: number;

  constructor(store: StorageBackend, options: AgentStateStoreOptions | undefined) {
    if (store === null || typeof store !== "object" || typeof store.commit !== "function") {
      throw invalidArgument("store", "must be a StorageBackend");
    }
    const checked = requireOptions(options);
    this.store = store;
    this.clock = requireClock(checked.clock);
    this.maxHistory = requirePositiveInteger(checked.maxHistory, "maxHistory", 100, MAX_HISTORY);
    this.maxAttempts = requirePositiveInteger(checked.maxAttempts, "maxAttempts", 100, 10_000);
    const limits = (store as { readonly limits?: BackendLimits }).limits;
    this.maxValueBytes = limits?.maxValueBytes ?? DEFAULT_MAX_VALUE_BYTES;
  }

  /** The clock's time, refused unless it is epoch milliseconds in Mnemo's one range. */
  now(): number {
    return clockNow(this.clock);
  }
}
