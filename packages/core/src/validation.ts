import {
  type BackendLimits,
  type Entry,
  MAX_KEY_BYTES,
  type ScanOptions,
  type WriteOp,
} from "./backend.js";
import { describe, StorageError } from "./errors.js";
import { compareKeys, prefixUpperBound, utf8Length } from "./key-order.js";

/** Throws `INVALID_KEY` unless `key` is a non-empty well-formed string of <= 1024 UTF-8 bytes without U+0000. */
export function validateKey(key: unknown): asserts key is string {
  if (typeof key !== "string") {
    throw new StorageError("INVALID_KEY", `key must be a string, got ${typeof key}`, {
      details: { key },
    });
  }
  if (key.length === 0) throw new StorageError("INVALID_KEY", "key must not be empty");
  if (key.includes("\0")) {
    throw new StorageError("INVALID_KEY", `key ${describe(key)} contains U+0000`, {
      details: { key },
    });
  }
  if (!key.isWellFormed()) {
    // Two different lone surrogates both encode to U+FFFD in UTF-8: they would collide.
    throw new StorageError("INVALID_KEY", `key ${describe(key)} contains a lone surrogate`, {
      details: { key },
    });
  }
  const bytes = utf8Length(key, MAX_KEY_BYTES);
  if (bytes > MAX_KEY_BYTES) {
    throw new StorageError(
      "INVALID_KEY",
      `key ${describe(key)} is ${bytes} UTF-8 bytes; the limit is ${MAX_KEY_BYTES}`,
      { details: { key, bytes } },
    );
  }
}

/** Throws `INVALID_VALUE` unless `value` is a `Uint8Array`, `VALUE_TOO_LARGE` past the limit. */
export function validateValue(
  key: string,
  value: unknown,
  limits: BackendLimits,
): asserts value is Uint8Array {
  if (!(value instanceof Uint8Array)) {
    throw new StorageError(
      "INVALID_VALUE",
      `value for key ${describe(key)} must be a Uint8Array, got ${value === null ? "null" : typeof value}`,
      { details: { key } },
    );
  }
  if (value.byteLength > limits.maxValueBytes) {
    throw new StorageError(
      "VALUE_TOO_LARGE",
      `value for key ${describe(key)} is ${value.byteLength} bytes; the limit is ${limits.maxValueBytes}`,
      { details: { key, bytes: value.byteLength, maxValueBytes: limits.maxValueBytes } },
    );
  }
}

function validateIdentifier(kind: "tenant" | "namespace", id: unknown): asserts id is string {
  if (typeof id !== "string" || id.length === 0) {
    throw new StorageError("INVALID_ARGUMENT", `${kind} must be a non-empty string`, {
      details: { [kind]: id },
    });
  }
}

/** Tenant ids: non-empty well-formed strings of <= 256 UTF-8 bytes without U+0000. */
export function validateTenantId(tenant: unknown): asserts tenant is string {
  validateIdentifier("tenant", tenant);
  if (tenant.includes("\0") || !tenant.isWellFormed() || utf8Length(tenant, 256) > 256) {
    throw new StorageError(
      "INVALID_ARGUMENT",
      `tenant ${describe(tenant)} must be well-formed, without U+0000, at most 256 UTF-8 bytes`,
      { details: { tenant } },
    );
  }
}

const NAMESPACE_PATTERN = /^[a-z][a-z0-9_]{0,47}$/;

/** Namespaces name tables and key prefixes: lowercase letters, digits and `_`, up to 48. */
export function validateNamespace(namespace: unknown): asserts namespace is string {
  validateIdentifier("namespace", namespace);
  if (!NAMESPACE_PATTERN.test(namespace)) {
    throw new StorageError(
      "INVALID_ARGUMENT",
      `namespace ${describe(namespace)} must match ${NAMESPACE_PATTERN} (a-z, 0-9, _; starting with a letter)`,
      { details: { namespace } },
    );
  }
}

/**
 * Validates every op before any is applied and keeps only the last op for each key, in the
 * order the keys were first named. Backends receive this list and apply it atomically.
 */
export function normalizeWriteOps(ops: Iterable<WriteOp>, limits: BackendLimits): WriteOp[] {
  if (ops == null || typeof (ops as Iterable<WriteOp>)[Symbol.iterator] !== "function") {
    throw new StorageError("INVALID_ARGUMENT", "write() takes an iterable of operations");
  }
  const last = new Map<string, WriteOp>();
  let index = 0;
  for (const op of ops) {
    if (op === null || typeof op !== "object") {
      throw new StorageError("INVALID_ARGUMENT", `operation ${index} is not an object`, {
        details: { index },
      });
    }
    validateKey(op.key);
    if (op.type === "put") validateValue(op.key, op.value, limits);
    else if (op.type !== "del") {
      throw new StorageError(
        "INVALID_ARGUMENT",
        `operation ${index} has type ${describe((op as { type: unknown }).type)}; expected "put" or "del"`,
        { details: { index } },
      );
    }
    // Delete-then-set keeps insertion order stable for the later op.
    last.delete(op.key);
    last.set(op.key, op);
    index++;
  }
  return [...last.values()];
}

export function entriesToPuts(entries: Iterable<Entry>): WriteOp[] {
  if (entries == null || typeof (entries as Iterable<Entry>)[Symbol.iterator] !== "function") {
    throw new StorageError(
      "INVALID_ARGUMENT",
      "setBatch() takes an iterable of [key, value] pairs",
    );
  }
  const ops: WriteOp[] = [];
  for (const entry of entries) {
    if (!Array.isArray(entry) || entry.length !== 2) {
      throw new StorageError("INVALID_ARGUMENT", "setBatch() entries must be [key, value] pairs");
    }
    ops.push({ type: "put", key: entry[0], value: entry[1] });
  }
  return ops;
}

export function keysToDeletes(keys: Iterable<string>): WriteOp[] {
  return [...collectKeys(keys, "deleteBatch")].map((key) => ({ type: "del", key }));
}

/** Validates and de-duplicates a list of keys, keeping first-seen order. */
export function collectKeys(keys: Iterable<string>, method: string): Set<string> {
  if (keys == null || typeof keys === "string" || typeof keys[Symbol.iterator] !== "function") {
    throw new StorageError("INVALID_ARGUMENT", `${method}() takes an iterable of keys`);
  }
  const unique = new Set<string>();
  for (const key of keys) {
    validateKey(key);
    unique.add(key);
  }
  return unique;
}

/** One end of a key range. */
export interface KeyBound {
  readonly key: string;
  readonly inclusive: boolean;
}

/**
 * A scan in canonical form: the prefix folded into the bounds, which are the tightest of
 * those given. Backends implement only this.
 */
export interface KeyRange {
  readonly lower: KeyBound | undefined;
  readonly upper: KeyBound | undefined;
  readonly reverse: boolean;
  /** `Infinity` when unlimited. */
  readonly limit: number;
  /** True when no key can match (bounds crossed, limit 0): backends return nothing. */
  readonly empty: boolean;
  /** Yield `[key, value, version]` triples. */
  readonly versions: boolean;
}

function validateBound(name: string, value: unknown): asserts value is string {
  if (typeof value !== "string" || value.includes("\0") || !value.isWellFormed()) {
    throw new StorageError(
      "INVALID_ARGUMENT",
      `scan option ${name} must be a well-formed string without U+0000, got ${describe(value)}`,
      { details: { option: name } },
    );
  }
}

function tighterLower(a: KeyBound | undefined, b: KeyBound): KeyBound {
  if (a === undefined) return b;
  const c = compareKeys(a.key, b.key);
  if (c !== 0) return c > 0 ? a : b;
  return a.inclusive ? b : a;
}

function tighterUpper(a: KeyBound | undefined, b: KeyBound): KeyBound {
  if (a === undefined) return b;
  const c = compareKeys(a.key, b.key);
  if (c !== 0) return c < 0 ? a : b;
  return a.inclusive ? b : a;
}

export function normalizeScan(options: ScanOptions = {}): KeyRange {
  if (options === null || typeof options !== "object") {
    throw new StorageError("INVALID_ARGUMENT", "scan options must be an object");
  }
  const {
    prefix,
    gt,
    gte,
    lt,
    lte,
    reverse = false,
    limit = Number.POSITIVE_INFINITY,
    versions = false,
  } = options;
  if (gt !== undefined && gte !== undefined) {
    throw new StorageError("INVALID_ARGUMENT", "scan options gt and gte are exclusive");
  }
  if (lt !== undefined && lte !== undefined) {
    throw new StorageError("INVALID_ARGUMENT", "scan options lt and lte are exclusive");
  }
  if (typeof reverse !== "boolean") {
    throw new StorageError("INVALID_ARGUMENT", "scan option reverse must be a boolean");
  }
  if (typeof versions !== "boolean") {
    throw new StorageError("INVALID_ARGUMENT", "scan option versions must be a boolean");
  }
  if (
    typeof limit !== "number" ||
    Number.isNaN(limit) ||
    limit < 0 ||
    (Number.isFinite(limit) && !Number.isInteger(limit))
  ) {
    throw new StorageError(
      "INVALID_ARGUMENT",
      `scan option limit must be a non-negative integer, got ${describe(limit)}`,
      { details: { option: "limit" } },
    );
  }
  let lower: KeyBound | undefined;
  let upper: KeyBound | undefined;
  if (prefix !== undefined) {
    validateBound("prefix", prefix);
    if (prefix !== "") {
      lower = { key: prefix, inclusive: true };
      const end = prefixUpperBound(prefix);
      if (end !== undefined) upper = { key: end, inclusive: false };
    }
  }
  if (gt !== undefined) {
    validateBound("gt", gt);
    lower = tighterLower(lower, { key: gt, inclusive: false });
  }
  if (gte !== undefined) {
    validateBound("gte", gte);
    lower = tighterLower(lower, { key: gte, inclusive: true });
  }
  if (lt !== undefined) {
    validateBound("lt", lt);
    upper = tighterUpper(upper, { key: lt, inclusive: false });
  }
  if (lte !== undefined) {
    validateBound("lte", lte);
    upper = tighterUpper(upper, { key: lte, inclusive: true });
  }
  let empty = limit === 0;
  if (lower !== undefined && upper !== undefined) {
    const c = compareKeys(lower.key, upper.key);
    if (c > 0 || (c === 0 && !(lower.inclusive && upper.inclusive))) empty = true;
  }
  // The empty string is below every key: `gte: ""` is no bound at all.
  if (lower?.key === "") lower = undefined;
  if (upper?.key === "") empty = true;
  return { lower, upper, reverse, limit, empty, versions };
}

/** True when `key` lies inside the range's bounds (the limit is not considered). */
export function inRange(range: KeyRange, key: string): boolean {
  if (range.lower !== undefined) {
    const c = compareKeys(key, range.lower.key);
    if (c < 0 || (c === 0 && !range.lower.inclusive)) return false;
  }
  if (range.upper !== undefined) {
    const c = compareKeys(key, range.upper.key);
    if (c > 0 || (c === 0 && !range.upper.inclusive)) return false;
  }
  return true;
}
