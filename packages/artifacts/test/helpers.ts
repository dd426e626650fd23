import { blake3Hex, decodeTuple, type StorageBackend, tupleRange } from "@mnemo/core";
import { expect } from "vitest";

/** Deterministic pseudo-random bytes (incompressible). */
export function randomBytes(size: number, seed = 1): Uint8Array {
  const out = new Uint8Array(size);
  let x = seed >>> 0 || 1;
  for (let i = 0; i < size; i++) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    out[i] = x & 0xff;
  }
  return out;
}

export async function rawEntries(
  store: StorageBackend,
  tag: string,
): Promise<[string, Uint8Array][]> {
  const out: [string, Uint8Array][] = [];
  for await (const [k, v] of store.scan(tupleRange([tag]))) out.push([k, v]);
  return out;
}

/**
 * The store's invariants, read behind the component's back: every content record's refs
 * equals the artifacts pointing at it, every chunk belongs to a live content record, and no
 * upload is left over.
 */
export async function expectConsistent(store: StorageBackend): Promise<void> {
  const refs = new Map<string, number>();
  for (const [, value] of await rawEntries(store, "a")) {
    const record = JSON.parse(new TextDecoder().decode(value.subarray(1))) as { hash: string };
    refs.set(record.hash, (refs.get(record.hash) ?? 0) + 1);
  }
  const generations = new Set<string>();
  for (const [key, value] of await rawEntries(store, "c")) {
    const hash = decodeTuple(key)[1] as string;
    const record = JSON.parse(new TextDecoder().decode(value.subarray(1))) as {
      refs: number;
      generation: string;
    };
    expect(record.refs, `refs of ${hash}`).toBe(refs.get(hash) ?? 0);
    generations.add(record.generation);
  }
  for (const hash of refs.keys())
    expect(generations.size > 0 && (await store.exists(tupleKeyOfContent(hash)))).toBe(true);
  for (const [key] of await rawEntries(store, "x")) {
    expect(generations.has(decodeTuple(key)[1] as string), "chunk of no live content").toBe(true);
  }
  expect(await rawEntries(store, "u")).toEqual([]);
}

function tupleKeyOfContent(hash: string): string {
  return tupleRange(["c", hash]).gte;
}

export { blake3Hex };
