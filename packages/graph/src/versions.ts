/**
 * The bi-temporal bookkeeping of one fact, as pure functions over its versions.
 *
 * A fact is a set of versions. The versions the store currently believes (`txTo === null`)
 * have disjoint valid-time intervals. A transaction never edits a version's data or valid
 * time: it closes the versions it changes in transaction time (`txTo = tx`) and adds new
 * ones (`txFrom = tx`), so every earlier belief can still be read back. Each version is
 * stored under its own key, so a transaction touches only the versions it closes and adds.
 */

export interface StoredVersion<D> {
  /** The transaction that wrote this version (per-fact counter). */
  readonly seq: number;
  /** Its place among the versions that transaction wrote (with `seq`, its key). */
  readonly n: number;
  readonly validFrom: number;
  readonly validTo: number | null;
  readonly txFrom: number;
  readonly txTo: number | null;
  readonly data: D;
}

/** What the fact's head key holds: enough to order the next transaction and answer "now". */
export interface FactHead<D> {
  readonly id: string;
  /** Transactions applied so far. */
  readonly seq: number;
  /** Transaction time of the last transaction. */
  readonly lastTx: number;
  /** The current version with the latest `validFrom` (what "now" usually reads), or null. */
  readonly tail: StoredVersion<D> | null;
}

/** One transaction on one fact: its time and its place in the fact's sequence. */
export interface Tx {
  readonly time: number;
  readonly seq: number;
}

/**
 * Transaction time never goes back for a fact, even if the clock does; two transactions in
 * the same millisecond are ordered by `seq` (the earlier one's versions then span an empty
 * transaction interval: no read sees them, as no read can ask between the two).
 */
export function nextTx(head: FactHead<unknown> | undefined, now: number): Tx {
  if (head === undefined) return { time: now, seq: 1 };
  return { time: Math.max(now, head.lastTx), seq: head.seq + 1 };
}

const before = (a: number, b: number | null) => b === null || a < b;

/** Whether the version's valid interval meets `[from, to)`. */
export const overlaps = (v: StoredVersion<unknown>, from: number, to: number | null) =>
  before(v.validFrom, to) && before(from, v.validTo);

export const containsValid = (v: StoredVersion<unknown>, validAt: number) =>
  v.validFrom <= validAt && before(validAt, v.validTo);

/** Believed at `knownAt`: written at or before it, not closed by then. */
export const believedAt = (v: StoredVersion<unknown>, knownAt: number) =>
  v.txFrom <= knownAt && before(knownAt, v.txTo);

export interface Change<D> {
  /** The versions closed, with their `txTo` set. */
  readonly closed: StoredVersion<D>[];
  /** The versions added, in valid-time order, numbered from 0. */
  readonly added: StoredVersion<D>[];
}

/**
 * Replaces what is believed about valid time `[from, to)` with `data`, or with nothing when
 * `data` is `null` (the fact is not true there). `overlapping` are the current versions that
 * meet `[from, to)`. Returns `undefined` when nothing changes.
 */
export function writeInterval<D>(
  overlapping: readonly StoredVersion<D>[],
  from: number,
  to: number | null,
  data: D | null,
  tx: Tx,
): Change<D> | undefined {
  const closed: StoredVersion<D>[] = [];
  const added: Omit<StoredVersion<D>, "n">[] = [];
  for (const version of overlapping) {
    closed.push({ ...version, txTo: tx.time });
    // What lies outside the rewritten interval is still believed: carry it over.
    if (version.validFrom < from) {
      added.push({ ...version, seq: tx.seq, validTo: from, txFrom: tx.time });
    }
    if (to !== null && before(to, version.validTo)) {
      added.push({ ...version, seq: tx.seq, validFrom: to, txFrom: tx.time });
    }
  }
  if (data !== null) {
    added.push({ seq: tx.seq, validFrom: from, validTo: to, txFrom: tx.time, txTo: null, data });
  }
  if (closed.length === 0 && added.length === 0) return undefined;
  added.sort((a, b) => a.validFrom - b.validFrom);
  return { closed, added: added.map((v, n) => ({ ...v, n, txTo: null })) };
}

/** Withdraws every current belief (a delete in transaction time); `undefined` if none. */
export function retract<D>(current: readonly StoredVersion<D>[], tx: Tx): Change<D> | undefined {
  if (current.length === 0) return undefined;
  return { closed: current.map((v) => ({ ...v, txTo: tx.time })), added: [] };
}

/**
 * The head after `change`. The tail is the current version with the latest `validFrom`: the
 * old tail if it survived, else the latest of what was added and of `predecessor` (the
 * current version just before the closed run, which survived).
 */
export function nextHead<D>(
  head: FactHead<D> | undefined,
  id: string,
  change: Change<D>,
  tx: Tx,
  predecessor: StoredVersion<D> | undefined,
): FactHead<D> {
  const old = head?.tail ?? null;
  const oldClosed = old !== null && change.closed.some((v) => v.seq === old.seq && v.n === old.n);
  const candidates = [...change.added];
  if (old !== null && !oldClosed) candidates.push(old);
  else if (predecessor !== undefined) candidates.push(predecessor);
  let tail: StoredVersion<D> | null = null;
  for (const v of candidates) if (tail === null || v.validFrom > tail.validFrom) tail = v;
  return { id, seq: tx.seq, lastTx: tx.time, tail };
}
