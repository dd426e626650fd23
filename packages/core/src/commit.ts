/**
 * Checked commits in canonical form. The public `commit()` validates everything here, before
 * anything is sent, and hands backends one check per key and one mutation per key.
 */
import {
  type AtomicOperation,
  type BackendLimits,
  type CommitCheck,
  type CommitResult,
  MAX_COMMIT_BYTES,
  MAX_COMMIT_CHECKS,
  MAX_COMMIT_MUTATIONS,
  type Mutation,
} from "./backend.js";
import { addCounter, decodeCounter, encodeCounter, MAX_COUNTER, MIN_COUNTER } from "./counter.js";
import { describe, StorageError } from "./errors.js";
import { validateKey, validateValue } from "./validation.js";
import { validateVersion } from "./version.js";

/**
 * A check as backends receive it: a version check (`commit`), or a value check
 * (`compareAndSwap`, which is a commit whose check compares bytes). `undefined`/`null`: absent.
 */
export type NormalizedCheck =
  | { readonly kind: "version"; readonly key: string; readonly version: string | null }
  | { readonly kind: "value"; readonly key: string; readonly value: Uint8Array | undefined };

export interface NormalizedCommit {
  /** At most one per key, in the order given. */
  readonly checks: readonly NormalizedCheck[];
  /**
   * One per key, in the order keys were first named. A `sum` here adds to the stored
   * counter; sums that followed a put or delete in the same commit were folded into a put.
   */
  readonly mutations: readonly Mutation[];
}

function refuse(message: string, details: Record<string, unknown>): StorageError {
  return new StorageError("INVALID_ARGUMENT", message, { details });
}

function iterableOf<T>(value: Iterable<T>, what: string): Iterable<T> {
  if (
    value == null ||
    typeof value === "string" ||
    typeof (value as Iterable<T>)[Symbol.iterator] !== "function"
  ) {
    throw refuse(`commit() takes an iterable of ${what}`, { field: what });
  }
  return value;
}

/** A delta as given (bigint, or a safe integer number) as a bigint in the 64-bit range. */
export function toCounterDelta(delta: unknown, key: string): bigint {
  let value: bigint | undefined;
  if (typeof delta === "bigint") value = delta;
  else if (typeof delta === "number" && Number.isSafeInteger(delta)) value = BigInt(delta);
  if (value === undefined || value < MIN_COUNTER || value > MAX_COUNTER) {
    throw refuse(
      `sum on key ${describe(key)}: delta must be a 64-bit signed integer (bigint or safe integer), got ${describe(delta)}`,
      { key, field: "delta" },
    );
  }
  return value;
}

type Pending =
  | { readonly type: "put"; readonly value: Uint8Array }
  | { readonly type: "del" }
  | { readonly type: "sum"; readonly delta: bigint };

/** Folds `next` into what the commit already does to `key`, keeping the order of effects. */
function fold(key: string, previous: Pending | undefined, next: Pending): Pending {
  if (next.type !== "sum" || previous === undefined) return next;
  if (previous.type === "sum")
    return { type: "sum", delta: addCounter(previous.delta, next.delta, key) };
  const base = previous.type === "del" ? 0n : decodeCounter(previous.value, key);
  return { type: "put", value: encodeCounter(addCounter(base, next.delta, key)) };
}

function normalizeChecks(checks: Iterable<CommitCheck>): {
  checks: NormalizedCheck[];
  bytes: number;
} {
  const byKey = new Map<string, NormalizedCheck>();
  let bytes = 0;
  let index = 0;
  for (const check of iterableOf(checks, "checks")) {
    if (check === null || typeof check !== "object") {
      throw refuse(`check ${index} is not an object`, { index });
    }
    const { key, version } = check;
    validateKey(key);
    validateVersion(version, key);
    const earlier = byKey.get(key);
    if (earlier !== undefined && earlier.kind === "version" && earlier.version !== version) {
      throw refuse(`key ${describe(key)} is checked twice with different versions`, { key });
    }
    if (++index > MAX_COMMIT_CHECKS) {
      throw refuse(`a commit holds at most ${MAX_COMMIT_CHECKS} checks`, {
        limit: "MAX_COMMIT_CHECKS",
        max: MAX_COMMIT_CHECKS,
      });
    }
    if (earlier === undefined) bytes += Buffer.byteLength(key);
    byKey.set(key, { kind: "version", key, version });
  }
  return { checks: [...byKey.values()], bytes };
}

/**
 * Validates a checked commit against the limits and folds it to one check and one mutation
 * per key. Throws before anything is written; a counter that is not one, or a sum that
 * overflows, is `INVALID_VALUE` for the whole commit.
 */
export function normalizeCommit(
  checks: Iterable<CommitCheck>,
  mutations: Iterable<Mutation>,
  limits: BackendLimits,
): NormalizedCommit {
  const normalized = normalizeChecks(checks);
  let bytes = normalized.bytes;
  const pending = new Map<string, Pending>();
  let index = 0;
  for (const mutation of iterableOf(mutations, "mutations")) {
    if (mutation === null || typeof mutation !== "object") {
      throw refuse(`mutation ${index} is not an object`, { index });
    }
    if (++index > MAX_COMMIT_MUTATIONS) {
      throw refuse(`a commit holds at most ${MAX_COMMIT_MUTATIONS} mutations`, {
        limit: "MAX_COMMIT_MUTATIONS",
        max: MAX_COMMIT_MUTATIONS,
      });
    }
    const { key, type } = mutation;
    validateKey(key);
    let next: Pending;
    if (type === "put") {
      validateValue(key, mutation.value, limits);
      next = { type, value: mutation.value };
      bytes += mutation.value.byteLength;
    } else if (type === "del") next = { type };
    else if (type === "sum") next = { type, delta: toCounterDelta(mutation.delta, key) };
    else {
      throw refuse(
        `mutation ${index - 1} has type ${describe(type)}; expected "put", "del" or "sum"`,
        { index: index - 1 },
      );
    }
    bytes += Buffer.byteLength(key);
    if (bytes > MAX_COMMIT_BYTES) {
      throw new StorageError(
        "VALUE_TOO_LARGE",
        `a commit holds at most ${MAX_COMMIT_BYTES} bytes of keys and values`,
        { details: { limit: "MAX_COMMIT_BYTES", max: MAX_COMMIT_BYTES } },
      );
    }
    pending.set(key, fold(key, pending.get(key), next));
  }
  const folded: Mutation[] = [];
  for (const [key, effect] of pending) {
    if (effect.type === "put") folded.push({ type: "put", key, value: effect.value });
    else if (effect.type === "del") folded.push({ type: "del", key });
    else folded.push({ type: "sum", key, delta: effect.delta });
  }
  return { checks: normalized.checks, mutations: folded };
}

/** The builder behind `atomic()`: collects, then hands everything to `commit()` at once. */
export class AtomicBuilder implements AtomicOperation {
  readonly #commit: (checks: CommitCheck[], mutations: Mutation[]) => Promise<CommitResult>;
  readonly #checks: CommitCheck[] = [];
  readonly #mutations: Mutation[] = [];

  constructor(commit: (checks: CommitCheck[], mutations: Mutation[]) => Promise<CommitResult>) {
    this.#commit = commit;
  }

  check(key: string, version: string | null): this {
    this.#checks.push({ key, version });
    return this;
  }

  put(key: string, value: Uint8Array): this {
    this.#mutations.push({ type: "put", key, value });
    return this;
  }

  delete(key: string): this {
    this.#mutations.push({ type: "del", key });
    return this;
  }

  sum(key: string, delta: bigint | number): this {
    // Converted (and refused) at commit(), with the rest of the validation.
    this.#mutations.push({ type: "sum", key, delta: delta as bigint });
    return this;
  }

  commit(): Promise<CommitResult> {
    return this.#commit(this.#checks, this.#mutations);
  }
}
