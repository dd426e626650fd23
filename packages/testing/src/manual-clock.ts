import type { Clock } from "@mnemo/core";

export interface ManualClock extends Clock {
  set(time: number): void;
  /** Moves the clock forward and returns the new time. */
  advance(ms?: number): number;
}

/** A clock tests move by hand, for components that take `{ clock }`. */
export function manualClock(start = 1_700_000_000_000): ManualClock {
  let time = start;
  return {
    now: () => time,
    set(next: number) {
      time = next;
    },
    advance(ms = 1) {
      time += ms;
      return time;
    },
  };
}
