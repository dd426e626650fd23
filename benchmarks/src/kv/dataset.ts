/**
 * The seed's workload: a store preloaded with N keys of 100-byte values. Keys fall into 100
 * buckets, so a bucket prefix scan returns N/100 keys (1,000 at the full 100K).
 */
export const VALUE_BYTES = 100;
export const BUCKETS = 100;

export interface Dataset {
  readonly size: number;
  keyAt(i: number): string;
  /** A deterministic 100-byte value. */
  valueAt(i: number): Uint8Array;
  /** The prefix of bucket `b`. */
  bucketPrefix(b: number): string;
}

export function dataset(size: number): Dataset {
  const bucketPrefix = (b: number) => `item/${String(b).padStart(3, "0")}/`;
  return {
    size,
    bucketPrefix,
    keyAt: (i) => `${bucketPrefix(i % BUCKETS)}${String(i).padStart(7, "0")}`,
    valueAt: (i) => {
      const value = new Uint8Array(VALUE_BYTES);
      let x = (i * 2654435761) >>> 0;
      for (let j = 0; j < VALUE_BYTES; j++) {
        x = (x * 1103515245 + 12345) >>> 0;
        value[j] = x >>> 24;
      }
      return value;
    },
  };
}

/** Loads the dataset in batches of 1,000 through `setMany`. */
export async function preload(
  target: { setMany(entries: readonly (readonly [string, Uint8Array])[]): Promise<void> },
  data: Dataset,
  onProgress?: (loaded: number) => void,
): Promise<void> {
  const batch = 1000;
  for (let start = 0; start < data.size; start += batch) {
    const entries: [string, Uint8Array][] = [];
    for (let i = start; i < Math.min(data.size, start + batch); i++) {
      entries.push([data.keyAt(i), data.valueAt(i)]);
    }
    await target.setMany(entries);
    if (onProgress && (start / batch) % 20 === 0) onProgress(start + entries.length);
  }
}
