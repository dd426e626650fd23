/**
 * The model test's commands for versions and checked commits (see model.spec.ts): reads
 * that observe versions, and commits whose checks use versions from earlier reads (still
 * current or stale), absent-checks and made-up versions, with puts, deletes and sums.
 */
import {
  type CommitCheck,
  type CommitResult,
  decodeCounter,
  encodeCounter,
  MAX_COUNTER,
  MIN_COUNTER,
  type Mutation,
  type StorageBackend,
  type VersionedEntry,
} from "@mnemo/core";
import { expect } from "vitest";
import { plain } from "./helpers.js";
import type { Command } from "./model-commands.js";
import { show } from "./model-commands.js";
import type { Model } from "./model-state.js";

/** A version no backend hands out (the suite never sees it from a read). */
const MADE_UP_VERSION = "~made-up-version~";

export class GetEntryCommand implements Command {
  constructor(readonly keys: string[]) {}
  check = () => true;
  async run(model: Model, store: StorageBackend) {
    let found: Map<string, VersionedEntry>;
    if (this.keys.length === 1) {
      const entry = await store.getEntry(this.keys[0]!);
      found = new Map(entry === undefined ? [] : [[this.keys[0]!, entry]]);
    } else found = await store.getEntries(this.keys);
    for (const key of new Set(this.keys)) {
      const entry = found.get(key);
      expect(plain(entry?.value), `value of ${JSON.stringify(key)}`).toEqual(
        plain(model.entries.get(key)),
      );
      if (entry !== undefined) model.observe(key, entry.version);
    }
  }
  toString = () => `getEntries(${JSON.stringify(this.keys)})`;
}

/** How a commit's check of one key gets its expected version. */
export type CheckMode = "read-now" | "latest-seen" | "stale" | "absent" | "made-up";

export interface PlannedCheck {
  readonly key: string;
  readonly mode: CheckMode;
  /** Picks among several stale versions. */
  readonly pick: number;
}

type Effect =
  | { readonly type: "put"; readonly value: Uint8Array }
  | { readonly type: "del" }
  | { readonly type: "sum"; readonly delta: bigint };

class Refused extends Error {}

function add(a: bigint, b: bigint): bigint {
  const sum = a + b;
  if (sum < MIN_COUNTER || sum > MAX_COUNTER) throw new Refused("overflow");
  return sum;
}

function counterOf(value: Uint8Array): bigint {
  if (value.byteLength !== 8) throw new Refused("not a counter");
  return decodeCounter(value);
}

/**
 * The documented folding of several mutations of one key: the last put or delete wins, sums
 * after it add up (onto a put's counter, or 0 after a delete). Refused (INVALID_VALUE) when a
 * sum follows a put that is not a counter, or the deltas overflow.
 */
function fold(mutations: readonly Mutation[]): Map<string, Effect> {
  const effects = new Map<string, Effect>();
  for (const m of mutations) {
    const previous = effects.get(m.key);
    if (m.type !== "sum" || previous === undefined) {
      effects.set(
        m.key,
        m.type === "put"
          ? { type: "put", value: m.value }
          : m.type === "del"
            ? { type: "del" }
            : { type: "sum", delta: m.delta },
      );
    } else if (previous.type === "sum") {
      effects.set(m.key, { type: "sum", delta: add(previous.delta, m.delta) });
    } else {
      const base = previous.type === "del" ? 0n : counterOf(previous.value);
      effects.set(m.key, { type: "put", value: encodeCounter(add(base, m.delta)) });
    }
  }
  return effects;
}

export class CommitCommand implements Command {
  constructor(
    readonly checks: PlannedCheck[],
    readonly mutations: Mutation[],
    readonly viaBuilder: boolean,
  ) {}
  check = () => true;

  async run(model: Model, store: StorageBackend) {
    const checks: CommitCheck[] = [];
    const failed: string[] = [];
    for (const { key, mode, pick } of this.checks) {
      let version: string | null;
      let holds: boolean;
      if (mode === "read-now") {
        const entry = await store.getEntry(key);
        if (entry !== undefined) model.observe(key, entry.version);
        version = entry?.version ?? null;
        holds = true;
      } else if (mode === "absent") {
        version = null;
        holds = !model.entries.has(key);
      } else if (mode === "latest-seen") {
        const latest = model.latestObserved(key);
        version = latest?.version ?? MADE_UP_VERSION;
        holds = latest?.current === true && model.entries.has(key);
      } else if (mode === "stale") {
        version = model.staleObserved(key, pick) ?? MADE_UP_VERSION;
        holds = false;
      } else {
        version = MADE_UP_VERSION;
        holds = false;
      }
      checks.push({ key, version });
      if (!holds) failed.push(key);
    }

    // What the model expects: refused input first, then checks, then sums on stored values.
    let effects: Map<string, Effect> | undefined;
    try {
      effects = fold(this.mutations);
      if (failed.length === 0) {
        for (const [key, effect] of effects) {
          if (effect.type !== "sum") continue;
          const stored = model.entries.get(key);
          effects.set(key, {
            type: "put",
            value: encodeCounter(add(stored === undefined ? 0n : counterOf(stored), effect.delta)),
          });
        }
      }
    } catch (error) {
      if (!(error instanceof Refused)) throw error;
      effects = undefined;
    }

    const outcome = await this.#commit(store, checks).then(
      (result) => ({ result }),
      (error: unknown) => ({ error }),
    );
    if (effects === undefined) {
      expect(
        "error" in outcome ? (outcome.error as { code?: unknown }).code : outcome,
        "expected INVALID_VALUE",
      ).toBe("INVALID_VALUE");
      return;
    }
    if ("error" in outcome) throw outcome.error;
    const { result } = outcome;
    if (failed.length > 0) {
      expect(result).toEqual({ ok: false, failed });
      return;
    }
    expect(result.ok, JSON.stringify(result)).toBe(true);
    const { version } = result as Extract<CommitResult, { ok: true }>;
    for (const [key, effect] of effects) {
      if (effect.type === "put") {
        model.put(key, effect.value);
        model.observe(key, version);
      } else model.delete(key);
    }
  }

  #commit(store: StorageBackend, checks: CommitCheck[]): Promise<CommitResult> {
    if (!this.viaBuilder) return store.commit(checks, this.mutations);
    const builder = store.atomic();
    for (const { key, version } of checks) builder.check(key, version);
    for (const m of this.mutations) {
      if (m.type === "put") builder.put(m.key, m.value);
      else if (m.type === "del") builder.delete(m.key);
      else builder.sum(m.key, m.delta);
    }
    return builder.commit();
  }

  toString = () => {
    const checks = this.checks.map(({ key, mode }) => `${JSON.stringify(key)}@${mode}`);
    const mutations = this.mutations.map((m) =>
      m.type === "put"
        ? `put ${JSON.stringify(m.key)}=${show(m.value)}`
        : m.type === "del"
          ? `del ${JSON.stringify(m.key)}`
          : `sum ${JSON.stringify(m.key)} ${m.delta}`,
    );
    return `${this.viaBuilder ? "atomic" : "commit"}([${checks.join(", ")}], [${mutations.join(", ")}])`;
  };
}
