/**
 * JSON that survives a round trip unchanged. `JSON.stringify` silently turns a Map or a Set
 * into `{}`, a Date into a string, a typed array into an object, drops a class's prototype,
 * and overflows the stack on deep nesting; records must refuse all of that up front.
 */
import { StorageError } from "./errors.js";

/** Deepest nesting of arrays and objects a stored JSON value may have. */
export const MAX_JSON_DEPTH = 64;

function refuse(field: string, path: string, what: string): StorageError {
  return new StorageError(
    "INVALID_ARGUMENT",
    `${field} must be JSON-serialisable: ${path === "" ? "the value" : path} is ${what}`,
    { details: { field, ...(path === "" ? {} : { path }) } },
  );
}

function isPlainObject(value: object): boolean {
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

/**
 * Walks `value` without recursion and throws `INVALID_ARGUMENT` unless it is plain JSON:
 * null, booleans, finite numbers, strings, arrays and plain objects, nested at most
 * `MAX_JSON_DEPTH`, without cycles. An `undefined` object property is allowed (JSON drops it,
 * as an absent property); `undefined` in an array is not (JSON would make it `null`).
 */
export function assertJson(value: unknown, field: string, maxDepth = MAX_JSON_DEPTH): void {
  const stack: { value: unknown; path: string; depth: number; inArray: boolean }[] = [
    { value, path: "", depth: 0, inArray: false },
  ];
  const open = new Set<object>();
  const exits: { object: object; after: number }[] = [];
  while (stack.length > 0) {
    // Leave the objects whose children have all been visited (cycle detection on the path).
    while (exits.length > 0 && exits[exits.length - 1]!.after >= stack.length) {
      open.delete(exits.pop()!.object);
    }
    const item = stack.pop()!;
    const v = item.value;
    switch (typeof v) {
      case "string":
      case "boolean":
        continue;
      case "number":
        if (!Number.isFinite(v)) throw refuse(field, item.path, `the number ${v}`);
        continue;
      case "undefined":
        if (item.inArray || item.path === "") throw refuse(field, item.path, "undefined");
        continue;
      case "bigint":
        throw refuse(field, item.path, "a BigInt");
      case "function":
      case "symbol":
        throw refuse(field, item.path, `a ${typeof v}`);
    }
    if (v === null) continue;
    const object = v as object;
    if (open.has(object)) throw refuse(field, item.path, "a cycle");
    if (item.depth >= maxDepth) {
      throw refuse(field, item.path, `nested deeper than ${maxDepth} levels`);
    }
    const isArray = Array.isArray(object);
    if (!isArray && !isPlainObject(object)) {
      const name =
        object instanceof Map
          ? "a Map"
          : object instanceof Set
            ? "a Set"
            : object instanceof Date
              ? "a Date"
              : ArrayBuffer.isView(object)
                ? "a typed array"
                : "an object that is not a plain object";
      throw refuse(field, item.path, name);
    }
    open.add(object);
    exits.push({ object, after: stack.length });
    if (isArray) {
      const array = object as unknown[];
      for (let i = array.length - 1; i >= 0; i--) {
        stack.push({
          value: array[i],
          path: `${item.path}[${i}]`,
          depth: item.depth + 1,
          inArray: true,
        });
      }
    } else {
      for (const key of Object.keys(object)) {
        const child = (object as Record<string, unknown>)[key];
        stack.push({
          value: child,
          path: item.path === "" ? key : `${item.path}.${key}`,
          depth: item.depth + 1,
          inArray: false,
        });
      }
    }
  }
}

/** `JSON.stringify(value)` after `assertJson`: throws `INVALID_ARGUMENT` naming `field`. */
export function toJson(value: unknown, field: string): string {
  assertJson(value, field);
  return JSON.stringify(value);
}

/**
 * JSON with object keys sorted (code unit order), for hashing and equality of content. Checks
 * the value like `toJson` first, so the recursion below is bounded by `MAX_JSON_DEPTH`.
 */
export function canonicalJson(value: unknown, field = "value"): string {
  assertJson(value, field);
  return canonical(value);
}

function canonical(value: unknown): string {
  if (value === null || typeof value !== "object") return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(canonical).join(",")}]`;
  const object = value as Record<string, unknown>;
  const parts: string[] = [];
  for (const key of Object.keys(object).sort()) {
    if (object[key] !== undefined) parts.push(`${JSON.stringify(key)}:${canonical(object[key])}`);
  }
  return `{${parts.join(",")}}`;
}
