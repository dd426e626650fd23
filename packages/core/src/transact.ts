/**
 * Optimistic transactions over checked commits (the FoundationDB / Deno KV retry loop): the
 * body reads through the transaction, which remembers the version of every key it read,
 * buffers its writes, and commits them all guarded by those versions. When another writer
 * changed a key read meanwhile, the body runs again on fresh reads.
 */
import type {
  CommitCheck,
  CommitResult,
  Mutation,
  StorageBackend,
  VersionedEntry,
} from "./backend.js";
import { toCounterDelta } from "./commit.js";
import { addCounter, decodeCounter, encodeCounter } from "./counter.js";
import { StorageError } from "./errors.js";
import { requirePositiveInteger } from "./input.js";

export interface Transaction {
  /** The value (read-your-writes), and the key joins the commit's checks. */
  get(key: string): Promise<Uint8Array | undefined>;
  /** The stored entry (ignoring this transaction's own writes); the key joins the checks. */
  getEntry(key: string): Promise<VersionedEntry | undefined>;
  /** Requires `key` to hold `version` (`null`: absent) at commit, without reading it. */
  check(key: string, version: string | null): void;
  put(key: string, value: Uint8Array): void;
  delete(key: string): void;
  sum(key: string, delta: bigint | number): void;
}

export interface TransactOptions {
  /** Attempts before giving up with `CONFLICT`. Default 100. */
  readonly maxAttempts?: number;
}

type Pending =
  | { readonly type: "put"; readonly value: Uint8Array }
  | { readonly type: "del" }
  | { readonly type: "sum"; readonly delta: bigint };

class BufferedTransaction implements Transaction {
  readonly checks = new Map<string, string | null>();
  readonly mutations: Mutation[] = [];
  readonly #pending = new Map<string, Pending>();
  readonly #store: StorageBackend;

  constructor(store: StorageBackend) {
    this.#store = store;
  }

  async getEntry(key: string): Promise<VersionedEntry | undefined> {
    const entry = await this.#store.getEntry(key);
    // The first read of a key decides its check: a later read in the same attempt must not
    // move it (the body decided on the first).
    if (!this.checks.has(key)) this.checks.set(key, entry?.version ?? null);
    return entry;
  }

  async get(key: string): Promise<Uint8Array | undefined> {
    const pending = this.#pending.get(key);
    if (pending?.type === "put") return pending.value;
    if (pending?.type === "del") return undefined;
    const stored = (await this.getEntry(key))?.value;
    if (pending?.type !== "sum") return stored;
    const base = stored === undefined ? 0n : decodeCounter(stored, key);
    return encodeCounter(addCounter(base, pending.delta, key));
  }

  check(key: string, version: string | null): void {
    this.checks.set(key, version);
  }

  put(key: string, value: Uint8Array): void {
    this.mutations.push({ type: "put", key, value });
    this.#pending.set(key, { type: "put", value });
  }

  delete(key: string): void {
    this.mutations.push({ type: "del", key });
    this.#pending.set(key, { type: "del" });
  }

  sum(key: string, delta: bigint | number): void {
    const value = toCounterDelta(delta, key);
    this.mutations.push({ type: "sum", key, delta: value });
    const pending = this.#pending.get(key);
    if (pending === undefined || pending.type === "sum") {
      const total = addCounter(pending?.delta ?? 0n, value, key);
      this.#pending.set(key, { type: "sum", delta: total });
    } else {
      const base = pending.type === "del" ? 0n : decodeCounter(pending.value, key);
      this.#pending.set(key, { type: "put", value: encodeCounter(addCounter(base, value, key)) });
    }
  }
}

export interface TransactResult<R> {
  readonly result: R;
  /** The commit's version. */
  readonly version: string;
  /** How many times the body ran. */
  readonly attempts: number;
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Runs `body` and commits what it wrote, guarded by the versions of every key it read (or
 * checked). Re-runs it when a check fails; throws `CONFLICT` after `maxAttempts`. The body
 * must not have side effects outside the transaction (it may run several times), and may
 * throw to abort (nothing is written). Limits are those of a commit (100 checks, 1,000
 * mutations). Reads see the transaction's own writes.
 */
export async function transact<R>(
  store: StorageBackend,
  body: (tx: Transaction) => Promise<R>,
  options: TransactOptions = {},
): Promise<TransactResult<R>> {
  const maxAttempts = requirePositiveInteger(options.maxAttempts, "maxAttempts", 100);
  let failed: readonly string[] = [];
  for (let attempt = 1; attempt <= maxAttempts; attempt++) {
    const tx = new BufferedTransaction(store);
    const result = await body(tx);
    const checks: CommitCheck[] = [...tx.checks].map(([key, version]) => ({ key, version }));
    const outcome: CommitResult = await store.commit(checks, tx.mutations);
    if (outcome.ok) return { result, version: outcome.version, attempts: attempt };
    failed = outcome.failed;
    // A failed check means another commit succeeded, so the system makes progress; a short,
    // growing, jittered pause keeps two busy writers from meeting at every attempt.
    if (attempt >= 3) await pause(Math.random() * Math.min(50, 2 ** (attempt - 3)));
  }
  throw new StorageError(
    "CONFLICT",
    `transaction still contended after ${maxAttempts} attempts (keys ${failed.slice(0, 5).join(", ")})`,
    { details: { attempts: maxAttempts, keys: failed } },
  );
}
