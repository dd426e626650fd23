/**
 * Small assertions the conformance specs share. The oracle for key order is computed here
 * from UTF-8 bytes (`Buffer.compare`), independently of the code under test.
 */
import { createHash } from "node:crypto";
import {
  decodeCounter,
  type Entry,
  MAX_VERSION_LENGTH,
  type ScanOptions,
  type StorageBackend,
  StorageError,
  type StorageErrorCode,
  type VersionedScanEntry,
} from "@mnemo/core";
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

export async function collect<T = Entry>(iterable: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
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

/**
 * Runs every named call and returns, for each one not refused with a StorageError of `code`,
 * a line saying what happened instead ("accepted", another code, a TypeError...). A hostile
 * input test expects the list to be empty: one run names every case that got through.
 */
export async function unrefused(
  calls: readonly (readonly [name: string, call: () => unknown])[],
  code: StorageErrorCode = "INVALID_ARGUMENT",
): Promise<string[]> {
  const wrong: string[] = [];
  for (const [name, call] of calls) {
    try {
      await call();
      wrong.push(`${name}: accepted`);
    } catch (error) {
      if (!StorageError.is(error)) {
        wrong.push(`${name}: ${error instanceof Error ? `${error.name} ${error.message}` : "?"}`);
      } else if (error.code !== code) {
        wrong.push(`${name}: ${error.code} ${error.message}`);
      }
    }
  }
  return wrong;
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

// ---- versions and checked commits -------------------------------------------------

/** Asserts `version` is what a version must be: a non-empty string a check can carry back. */
export function expectVersion(version: unknown, what = "version"): asserts version is string {
  expect(typeof version, `${what} is a string`).toBe("string");
  const text = version as string;
  expect(text.length, `${what} is not empty`).toBeGreaterThan(0);
  expect(text.length, `${what} fits a check`).toBeLessThanOrEqual(MAX_VERSION_LENGTH);
  expect(text.isWellFormed(), `${what} is well-formed`).toBe(true);
}

/**
 * Versions of one key grow strictly. They are opaque strings, so "grow" is string order; the
 * suite compares them in UTF-8 byte order, the order keys use (for the built-in backends'
 * fixed-width hex it is also numeric order).
 */
export function expectNewer(later: string, earlier: string, what = "version"): void {
  expect(
    byteOrder(later, earlier),
    `${what}: ${JSON.stringify(later)} must sort after ${JSON.stringify(earlier)}`,
  ).toBeGreaterThan(0);
}

/** The version `key` holds now; fails the test when it is absent. */
export async function versionOf(store: StorageBackend, key: string): Promise<string> {
  const entry = await store.getEntry(key);
  expect(entry, `expected ${JSON.stringify(key)} to be present`).toBeDefined();
  expectVersion(entry!.version);
  return entry!.version;
}

/** The counter stored at `key`, or `undefined` when absent. */
export async function counterAt(store: StorageBackend, key: string): Promise<bigint | undefined> {
  const value = await store.get(key);
  return value === undefined ? undefined : decodeCounter(value, key);
}

/** A value described by its size and hash, so large values compare without copying them out. */
function digest(value: Uint8Array): string {
  if (value.byteLength <= 16) return `[${Array.from(value).join(",")}]`;
  return `${value.byteLength}:${createHash("sha256").update(value).digest("hex")}`;
}

export type Snapshot = [key: string, value: string, version: string][];

/**
 * Everything the handle holds with versions, values digested: compare a snapshot before and
 * after a refused call to prove it wrote nothing, not even a version bump.
 */
export async function snapshot(store: StorageBackend): Promise<Snapshot> {
  const out: Snapshot = [];
  for await (const [key, value, version] of store.scan({ versions: true })) {
    out.push([key, digest(value), version]);
  }
  return out;
}

/** `snapshot` of several handles at once (the handle under test and its neighbours). */
export async function snapshots(stores: readonly StorageBackend[]): Promise<Snapshot[]> {
  const out: Snapshot[] = [];
  for (const store of stores) out.push(await snapshot(store));
  return out;
}

export type PlainVersionedEntry = [key: string, value: number[], version: string];

export function plainVersioned(entries: Iterable<VersionedScanEntry>): PlainVersionedEntry[] {
  return [...entries].map(([key, value, version]) => [key, plain(value)!, version]);
}
