/**
 * Small assertions the conformance specs share. The oracle for key order is computed here
 * from UTF-8 bytes (`Buffer.compare`), independently of the code under test.
 */
import type { Entry, ScanOptions, StorageBackend, StorageErrorCode } from "@mnemo/core";
import { expect } from "vitest";

export const bytes = (...values: number[]): Uint8Array => new Uint8Array(values);

export const utf8 = (text: string): Uint8Array => new Uint8Array(Buffer.from(text, "utf8"));

/** UTF-8 byte order, computed from the bytes themselves. */
export function byteOrder(a: string, b: string): number {
  return Buffer.compare(Buffer.from(a, "utf8"), Buffer.from(b, "utf8"));
}

export function sortByBytes(keys: Iterable<string>): string[] {
  return [...keys].sort(byteOrder);
}

/** A value as plain numbers, so a `Buffer` and a `Uint8Array` with the same bytes compare equal. */
export function plain(value: Uint8Array | undefined): number[] | undefined {
  if (value === undefined) return undefined;
  expect(value).toBeInstanceOf(Uint8Array);
  return Array.from(value);
}

export function expectBytes(actual: Uint8Array | undefined, expected: Uint8Array): void {
  expect(actual, "expected a value, got undefined").toBeDefined();
  expect(plain(actual)).toEqual(Array.from(expected));
}

export async function collect(iterable: AsyncIterable<Entry>): Promise<Entry[]> {
  const out: Entry[] = [];
  for await (const entry of iterable) out.push(entry);
  return out;
}

export async function scanKeys(store: StorageBackend, options?: ScanOptions): Promise<string[]> {
  return (await collect(store.scan(options))).map(([key]) => key);
}

export type PlainEntry = [key: string, value: number[]];

export function plainEntries(entries: Iterable<Entry>): PlainEntry[] {
  return [...entries].map(([key, value]) => [key, plain(value)!]);
}

/** Everything the handle holds, in scan order. */
export async function dump(store: StorageBackend): Promise<PlainEntry[]> {
  return plainEntries(await collect(store.scan()));
}

export function plainMap(map: ReadonlyMap<string, Uint8Array>): PlainEntry[] {
  return plainEntries(map).sort(([a], [b]) => byteOrder(a, b));
}

function isAsyncIterable(value: unknown): value is AsyncIterable<unknown> {
  return (
    value !== null &&
    typeof value === "object" &&
    typeof (value as AsyncIterable<unknown>)[Symbol.asyncIterator] === "function"
  );
}

/**
 * Runs `action` (or awaits a promise) and expects a StorageError with `code`, whether it
 * throws, rejects, or (for `scan`) fails while iterating.
 */
export async function expectCode(
  action: (() => unknown) | Promise<unknown>,
  code: StorageErrorCode,
): Promise<Error & { code: string }> {
  let failure: { error: unknown } | undefined;
  try {
    const result = typeof action === "function" ? action() : action;
    if (result instanceof Promise) await result;
    else if (isAsyncIterable(result)) for await (const _ of result);
  } catch (error) {
    failure = { error };
  }
  if (failure === undefined) {
    return expect.fail(`expected a StorageError with code ${code}, but the call succeeded`);
  }
  const { error } = failure;
  expect(error, `expected a StorageError, got ${String(error)}`).toBeInstanceOf(Error);
  expect((error as { code?: unknown }).code, `error: ${String(error)}`).toBe(code);
  expect((error as Error).message.length).toBeGreaterThan(0);
  return error as Error & { code: string };
}

/** The scan a plain sorted model answers: the oracle for `scan` tests. */
export function modelScan(
  entries: Iterable<readonly [string, Uint8Array]>,
  options: ScanOptions = {},
  compare: (a: string, b: string) => number = byteOrder,
): [string, Uint8Array][] {
  const { prefix, gt, gte, lt, lte, reverse = false, limit } = options;
  const selected = [...entries]
    .filter(
      ([key]) =>
        (prefix === undefined || key.startsWith(prefix)) &&
        (gt === undefined || compare(key, gt) > 0) &&
        (gte === undefined || compare(key, gte) >= 0) &&
        (lt === undefined || compare(key, lt) < 0) &&
        (lte === undefined || compare(key, lte) <= 0),
    )
    .map(([key, value]): [string, Uint8Array] => [key, value])
    .sort(([a], [b]) => compare(a, b));
  if (reverse) selected.reverse();
  return limit === undefined ? selected : selected.slice(0, limit);
}

/** Fills `store` with `keys`, each value the key's UTF-8 bytes. */
export async function fill(store: StorageBackend, keys: Iterable<string>): Promise<void> {
  await store.setBatch([...keys].map((key): Entry => [key, utf8(key)]));
}
