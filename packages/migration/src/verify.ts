/**
 * Verification by range digests (the Vitess VDiff / Merkle idea at the key-value level):
 * both sides are cut into the same ranges and digested; a range whose digests differ is
 * split in two at its middle key, recursively, down to small ranges compared entry by
 * entry, which name the differing keys. Keys that differ are read again a few times, since
 * live traffic may be between its two writes; those still different are reported.
 */
import { bytesEqual, compareKeys, type StorageBackend } from "@mnemo/core";
import {
  chunkDigests,
  type DigestRange,
  digestRange,
  digestsOver,
  scanOptionsOf,
} from "./range-digest.js";

export interface VerifyOptions {
  /** Keys per top-level range. Default 1024. */
  readonly rangeKeys?: number;
  /** Ranges with at most this many keys on each side are compared entry by entry. Default 32. */
  readonly leafKeys?: number;
  /** Re-reads of a differing key before it is reported. Default 3. */
  readonly rechecks?: number;
  /** Pause before each re-read, in ms (live writes settle). Default 25. */
  readonly recheckDelayMs?: number;
  /** Most differing keys listed. Default 100. */
  readonly maxReported?: number;
}

export type Difference = "missing" | "extra" | "changed";

export interface KeyDifference {
  readonly key: string;
  /** missing: only the source has it; extra: only the target; changed: different values. */
  readonly kind: Difference;
}

export interface VerifyResult {
  readonly equal: boolean;
  /** Keys on the source side. */
  readonly keys: number;
  readonly ranges: number;
  readonly differingRanges: number;
  readonly differing: readonly KeyDifference[];
  /** Differing keys found before the re-checks settled some of them. */
  readonly unstable: number;
  /** More than `MAX_COLLECTED` keys differed: the search stopped there (still not equal). */
  readonly truncated: boolean;
}

/** Differing keys collected (and re-read) at most; past this the search stops. */
const MAX_COLLECTED = 10_000;

async function entriesOf(store: StorageBackend, range: DigestRange) {
  const out = new Map<string, Uint8Array>();
  for await (const [key, value] of store.scan(scanOptionsOf(range))) out.set(key, value);
  return out;
}

function compareEntries(a: Map<string, Uint8Array>, b: Map<string, Uint8Array>): KeyDifference[] {
  const out: KeyDifference[] = [];
  for (const [key, value] of a) {
    const other = b.get(key);
    if (other === undefined) out.push({ key, kind: "missing" });
    else if (!bytesEqual(value, other)) out.push({ key, kind: "changed" });
  }
  for (const key of b.keys()) if (!a.has(key)) out.push({ key, kind: "extra" });
  return out.sort((x, y) => compareKeys(x.key, y.key));
}

/** The key in the middle of `range` on `store` (`count` keys there), or undefined. */
async function middleKey(store: StorageBackend, range: DigestRange, count: number) {
  let index = 0;
  const target = Math.max(0, Math.floor(count / 2) - 1);
  for await (const [key] of store.scan({ ...scanOptionsOf(range), limit: target + 1 })) {
    if (index++ === target) return key;
  }
  return undefined;
}

async function diffRange(
  a: StorageBackend,
  b: StorageBackend,
  range: DigestRange,
  counts: { a: number; b: number },
  leaf: number,
): Promise<KeyDifference[]> {
  if (counts.a <= leaf && counts.b <= leaf) {
    return compareEntries(await entriesOf(a, range), await entriesOf(b, range));
  }
  const side = counts.a >= counts.b ? a : b;
  const mid = await middleKey(side, range, Math.max(counts.a, counts.b));
  if (mid === undefined || mid === range.upTo) {
    return compareEntries(await entriesOf(a, range), await entriesOf(b, range));
  }
  const out: KeyDifference[] = [];
  for (const half of [
    { after: range.after, upTo: mid },
    { after: mid, upTo: range.upTo },
  ]) {
    const [da, db] = await Promise.all([digestRange(a, half), digestRange(b, half)]);
    if (da.digest !== db.digest) {
      out.push(...(await diffRange(a, b, half, { a: da.count, b: db.count }, leaf)));
    }
  }
  return out;
}

async function recheck(
  a: StorageBackend,
  b: StorageBackend,
  keys: readonly KeyDifference[],
  rounds: number,
  delayMs: number,
): Promise<KeyDifference[]> {
  let pending: KeyDifference[] = [...keys];
  for (let round = 0; round < rounds && pending.length > 0; round++) {
    await new Promise((resolve) => setTimeout(resolve, delayMs));
    const names = pending.map((d) => d.key);
    const [ea, eb] = await Promise.all([a.getBatch(names), b.getBatch(names)]);
    pending = compareEntries(ea, eb);
  }
  return pending;
}

/** Compares one tenant's keys of `source` and `target` (handles on one namespace and tenant). */
export async function verifyStores(
  source: StorageBackend,
  target: StorageBackend,
  options: VerifyOptions = {},
): Promise<VerifyResult> {
  const rangeKeys = options.rangeKeys ?? 1024;
  const leaf = options.leafKeys ?? 32;
  const chunks = await chunkDigests(source, rangeKeys);
  const other = await digestsOver(
    target,
    chunks.map((c) => c.range),
  );
  const found: KeyDifference[] = [];
  let differingRanges = 0;
  let keys = 0;
  for (const [i, chunk] of chunks.entries()) {
    keys += chunk.digest.count;
    const theirs = other[i]!;
    if (chunk.digest.digest === theirs.digest) continue;
    differingRanges++;
    if (found.length >= MAX_COLLECTED) continue;
    found.push(
      ...(await diffRange(
        source,
        target,
        chunk.range,
        { a: chunk.digest.count, b: theirs.count },
        leaf,
      )),
    );
  }
  const differing =
    found.length === 0
      ? []
      : await recheck(source, target, found, options.rechecks ?? 3, options.recheckDelayMs ?? 25);
  const truncated = found.length >= MAX_COLLECTED;
  return {
    equal: differing.length === 0 && !truncated,
    truncated,
    keys,
    ranges: chunks.length,
    differingRanges,
    differing: differing.slice(0, options.maxReported ?? 100),
    unstable: found.length - differing.length,
  };
}
