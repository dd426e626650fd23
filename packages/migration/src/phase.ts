/**
 * The phases of a live migration and what each one means for the traffic: which backend
 * serves reads (and so whose versions checks carry), and which one receives a copy of every
 * write. Dual writes start before the backfill, so nothing written during the copy is missed.
 */
import { describe, StorageError } from "@mnemo/core";

export const PHASES = [
  "dual-write",
  "backfill",
  "verify",
  "read-new-with-fallback",
  "read-new",
  "stop-old-writes",
  "remove-old",
] as const;

export type Phase = (typeof PHASES)[number];

/** How a `dualWrite` handle routes its calls in one phase. */
export interface Routing {
  /** The backend reads come from and commits are checked against. */
  readonly primary: "old" | "new";
  /** Whether every write is copied to the other backend. */
  readonly mirror: boolean;
  /** Point reads of keys absent from the primary fall back to the other backend. */
  readonly fallback: boolean;
}

const ROUTING: Readonly<Record<Phase, Routing>> = {
  "dual-write": { primary: "old", mirror: true, fallback: false },
  backfill: { primary: "old", mirror: true, fallback: false },
  verify: { primary: "old", mirror: true, fallback: false },
  "read-new-with-fallback": { primary: "new", mirror: true, fallback: true },
  "read-new": { primary: "new", mirror: true, fallback: false },
  "stop-old-writes": { primary: "new", mirror: false, fallback: false },
  "remove-old": { primary: "new", mirror: false, fallback: false },
};

export function isPhase(value: unknown): value is Phase {
  return typeof value === "string" && (PHASES as readonly string[]).includes(value);
}

export function requirePhase(value: unknown, field = "phase"): Phase {
  if (!isPhase(value)) {
    throw new StorageError(
      "INVALID_ARGUMENT",
      `${field} must be one of ${PHASES.join(", ")}; got ${describe(value)}`,
      { details: { field } },
    );
  }
  return value;
}

export function routingOf(phase: Phase): Routing {
  return ROUTING[requirePhase(phase)];
}

/** The phase after `phase`, or `undefined` after the last. */
export function nextPhase(phase: Phase): Phase | undefined {
  return PHASES[PHASES.indexOf(phase) + 1];
}

/** The phase before `phase`, or `undefined` before the first (rolling back dual-write aborts). */
export function previousPhase(phase: Phase): Phase | undefined {
  const index = PHASES.indexOf(phase);
  return index > 0 ? PHASES[index - 1] : undefined;
}

/** Where a `dualWrite` handle reads its phase: a live value the migration controller moves. */
export interface PhaseSource {
  current(): Phase;
}

/** A phase held in memory; `set` moves every handle reading it at once. */
export class PhaseCell implements PhaseSource {
  #phase: Phase;
  constructor(phase: Phase) {
    this.#phase = requirePhase(phase);
  }
  current(): Phase {
    return this.#phase;
  }
  set(phase: Phase): void {
    this.#phase = requirePhase(phase);
  }
}
