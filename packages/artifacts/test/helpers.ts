import {
  blake3Hex,
  decodeCounter,
  decodeTuple,
  type StorageBackend,
  tupleRange,
} from "@mnemo/core";
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

const json = (value: Uint8Array) => JSON.parse(new TextDecoder().decode(value.subarray(1)));

/**
 * The store's invariants, read behind the component's back: every content's counter and
 * reference entries equal the artifacts pointing at it, every artifact's content exists,
 * every chunk belongs to a live content record, and no upload is left over.
 */
export async function expectConsistent(store: StorageBackend): Promise<void> {
  const refs = new Map<string, string[]>();
  for (const [key, value] of await rawEntries(store, "a")) {
    const { hash } = json(value) as { hash: string };
    refs.set(hash, [...(refs.get(hash) ?? []), decodeTuple(key)[1] as string]);
  }
  const generations = new Set<string>();
  const contents = new Set<string>();
  for (const [key, value] of await rawEntries(store, "c")) {
    const hash = decodeTuple(key)[1] as string;
    contents.add(hash);
    expect(refs.has(hash), `content ${hash} that no artifact references`).toBe(true);
    generations.add((json(value) as { generation: string }).generation);
    const counter = await store.get(tupleRange(["n", hash]).gte);
    expect(counter === undefined ? 0n : decodeCounter(counter), `refs of ${hash}`).toBe(
      BigInt(refs.get(hash)?.length ?? 0),
    );
  }
  for (const hash of refs.keys()) expect(contents.has(hash), `content ${hash}`).toBe(true);
  const entries = (await rawEntries(store, "r")).map(([k]) => decodeTuple(k).slice(1).join("/"));
  expect(entries.sort()).toEqual(
    [...refs].flatMap(([hash, ids]) => ids.map((id) => `${hash}/${id}`)).sort(),
  );
  for (const [key] of await rawEntries(store, "n")) {
    expect(contents.has(decodeTuple(key)[1] as string), "counter of no content").toBe(true);
  }
  for (const [key] of await rawEntries(store, "x")) {
    expect(generations.has(decodeTuple(key)[1] as string), "chunk of no live content").toBe(true);
  }
  expect(await rawEntries(store, "u")).toEqual([]);
}

export { blake3Hex };
