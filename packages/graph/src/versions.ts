/**
 * The bi-temporal bookkeeping of one fact, as pure functions over its stored record.
 *
 * A fact is a list of versions. The versions the store currently believes (`txTo === null`)
 * have disjoint valid-time intervals. A transaction never edits a version's data or valid
 * time: it closes the versions it changes in transaction time (`txTo = tx`) and adds new
 * ones (`txFrom = tx`), so every earlier belief can still be read back.
 */

export interface StoredVersion<D> {
  /** The transaction that wrote this version (per-fact counter). */
  readonly seq: number;
  readonly validFrom: number;
  readonly validTo: number | null;
  readonly txFrom: number;
  readonly txTo: number | null;
  readonly data: D;
}

export interface FactRecord<D> {
  readonly id: string;
  /** Transactions applied so far; the compare-and-swap counter. */
  readonly seq: number;
  /** Transaction time of the last transaction. */
  readonly lastTx: number;
  readonly versions: readonly StoredVersion<D>[];
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
export function nextTx<D>(record: FactRecord<D> | undefined, now: number): Tx {
  if (record === undefined) return { time: now, seq: 1 };
  return { time: Math.max(now, record.lastTx), seq: record.seq + 1 };
}

const before = (a: number, b: number | null) => b === null || a < b;

/**
 * Replaces what is believed about valid time `[from, to)` with `data`, or with nothing when
 * `data` is `null` (the fact is not true there). Returns `undefined` when nothing changes.
 */
export function writeInterval<D>(
  record: FactRecord<D> | undefined,
  id: string,
  from: number,
  to: number | null,
  data: D | null,
  tx: Tx,
): FactRecord<D> | undefined {
  const versions: StoredVersion<D>[] = [];
  const added: StoredVersion<D>[] = [];
  let changed = false;
  for (const version of record?.versions ?? []) {
    const overlaps =
      version.txTo === null && before(version.validFrom, to) && before(from, version.validTo);
    if (!overlaps) {
      versions.push(version);
      continue;
    }
    changed = true;
    versions.push({ ...version, txTo: tx.time });
    // What lies outside the rewritten interval is still believed: carry it over.
    if (version.validFrom < from) {
      added.push({ ...version, seq: tx.seq, validTo: from, txFrom: tx.time });
    }
    if (to !== null && before(to, version.validTo)) {
      added.push({ ...version, seq: tx.seq, validFrom: to, txFrom: tx.time });
    }
  }
  if (data !== null) {
    changed = true;
    added.push({ seq: tx.seq, validFrom: from, validTo: to, txFrom: tx.time, txTo: null, data });
  }
  if (!changed) return undefined;
  added.sort((a, b) => a.validFrom - b.validFrom);
  return { id, seq: tx.seq, lastTx: tx.time, versions: [...versions, ...added] };
}

/** Withdraws every current belief (a delete in transaction time); `undefined` if none. */
export function retract<D>(record: FactRecord<D>, tx: Tx): FactRecord<D> | undefined {
  if (!record.versions.some((v) => v.txTo === null)) return undefined;
  return {
    id: record.id,
    seq: tx.seq,
    lastTx: tx.time,
    versions: record.versions.map((v) => (v.txTo === null ? { ...v, txTo: tx.time } : v)),
  };
}

/** The version true at `validAt` as the store believed it at `knownAt`. */
export function versionAsOf<D>(
  record: FactRecord<D>,
  validAt: number,
  knownAt: number,
): StoredVersion<D> | undefined {
  let found: StoredVersion<D> | undefined;
  for (const v of record.versions) {
    if (
      v.validFrom <= validAt &&
      before(validAt, v.validTo) &&
      v.txFrom <= knownAt &&
      before(knownAt, v.txTo) &&
      (found === undefined || v.seq > found.seq)
    ) {
      found = v;
    }
  }
  return found;
}
