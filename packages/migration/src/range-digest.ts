/**
 * The blake3 digest of the (key, value) entries of a key range, in key order. Each entry is
 * hashed length-prefixed (key bytes, then value bytes), so two different entry lists never
 * hash alike by shifting bytes from a key to a value.
 */
import {
  type Blake3Hasher,
  compareKeys,
  createBlake3,
  type ScanOptions,
  type StorageBackend,
} from "@mnemo/core";

/** A key range: `after` exclusive (undefined: from the start), `upTo` inclusive (undefined: to the end). */
export interface DigestRange {
  readonly after: string | undefined;
  readonly upTo: string | undefined;
}

export function scanOptionsOf(range: DigestRange): ScanOptions {
  return {
    ...(range.after === undefined ? {} : { gt: range.after }),
    ...(range.upTo === undefined ? {} : { lte: range.upTo }),
  };
}

/** Buffers small entries so the native hasher is called once per ~64 KiB, not per field. */
export class EntryHasher {
  readonly #hasher: Blake3Hasher = createBlake3();
  #buffer = Buffer.allocUnsafe(64 * 1024);
  #used = 0;
  count = 0;

  add(key: string, value: Uint8Array): void {
    const keyBytes = Buffer.byteLength(key);
    const need = 8 + keyBytes + value.byteLength;
    if (this.#used + need > this.#buffer.length) this.#flush();
    if (need > this.#buffer.length) {
      const header = Buffer.allocUnsafe(8 + keyBytes);
      header.writeUInt32BE(keyBytes, 0);
      header.write(key, 4, "utf8");
      header.writeUInt32BE(value.byteLength, 4 + keyBytes);
      this.#hasher.update(header).update(value);
    } else {
      const b = this.#buffer;
      b.writeUInt32BE(keyBytes, this.#used);
      b.write(key, this.#used + 4, "utf8");
      b.writeUInt32BE(value.byteLength, this.#used + 4 + keyBytes);
      b.set(value, this.#used + 8 + keyBytes);
      this.#used += need;
    }
    this.count++;
  }

  #flush(): void {
    if (this.#used > 0) this.#hasher.update(this.#buffer.subarray(0, this.#used));
    this.#used = 0;
  }

  digest(): string {
    this.#flush();
    return this.#hasher.digestHex();
  }
}

export interface RangeDigest {
  readonly digest: string;
  readonly count: number;
}

export async function digestRange(store: StorageBackend, range: DigestRange): Promise<RangeDigest> {
  const hasher = new EntryHasher();
  for await (const [key, value] of store.scan(scanOptionsOf(range))) hasher.add(key, value);
  return { digest: hasher.digest(), count: hasher.count };
}

/**
 * Splits a store's keys into consecutive ranges of `size` keys each and digests them in
 * one streaming pass; the last range is open-ended, so keys past the end of `store` that
 * another side holds still fall into a range.
 */
export async function chunkDigests(
  store: StorageBackend,
  size: number,
): Promise<{ range: DigestRange; digest: RangeDigest }[]> {
  const out: { range: DigestRange; digest: RangeDigest }[] = [];
  let hasher = new EntryHasher();
  let after: string | undefined;
  for await (const [key, value] of store.scan()) {
    hasher.add(key, value);
    if (hasher.count === size) {
      out.push({ range: { after, upTo: key }, digest: { digest: hasher.digest(), count: size } });
      after = key;
      hasher = new EntryHasher();
    }
  }
  out.push({
    range: { after, upTo: undefined },
    digest: { digest: hasher.digest(), count: hasher.count },
  });
  return out;
}

/** Digests of `store` over the given consecutive ranges, in one streaming pass. */
export async function digestsOver(
  store: StorageBackend,
  ranges: readonly DigestRange[],
): Promise<RangeDigest[]> {
  const out: RangeDigest[] = [];
  let index = 0;
  let hasher = new EntryHasher();
  for await (const [key, value] of store.scan()) {
    while (index < ranges.length - 1 && compareKeys(ranges[index]!.upTo!, key) < 0) {
      out.push({ digest: hasher.digest(), count: hasher.count });
      hasher = new EntryHasher();
      index++;
    }
    hasher.add(key, value);
  }
  out.push({ digest: hasher.digest(), count: hasher.count });
  while (out.length < ranges.length) {
    out.push({ digest: new EntryHasher().digest(), count: 0 });
  }
  return out;
}
