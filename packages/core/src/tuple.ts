/**
 * Order-preserving tuple keys. `encodeTuple(a) < encodeTuple(b)` in key order (UTF-8 byte
 * order) exactly when tuple `a` sorts before tuple `b` element by element, and a tuple
 * sorts before every tuple it is a prefix of. Components build every key with this, so a
 * user-supplied id can never reach into another id's keys.
 *
 * Each element is a one-character type tag and its payload:
 *   null    "0"
 *   false   "1"   true "2"
 *   number  "3" + 16 hex digits of the IEEE-754 bits, sign-flipped so they sort numerically
 *   string  "4" + the escaped string + U+0001
 * Inside a string, U+0000, U+0001 and U+0002 become U+0002 followed by U+0002..U+0004, so
 * the terminator U+0001 sorts below every character and no encoded key holds U+0000.
 * Elements of different types sort by tag: null < false < true < numbers < strings.
 */
import { describe, StorageError } from "./errors.js";
import { prefixUpperBound } from "./key-order.js";

export type TupleElement = string | number | boolean | null;
export type Tuple = readonly TupleElement[];

const TAG_NULL = "0";
const TAG_FALSE = "1";
const TAG_TRUE = "2";
const TAG_NUMBER = "3";
const TAG_STRING = "4";
const TERMINATOR = "\u0001";
const ESCAPE = "\u0002";
const NEEDS_ESCAPE = /[\u0000-\u0002]/;
const NEEDS_ESCAPE_ALL = /[\u0000-\u0002]/g;

const numberView = new DataView(new ArrayBuffer(8));

function encodeNumber(value: number): string {
  // -0 and 0 are one key; NaN and infinities are refused by the caller.
  numberView.setFloat64(0, value === 0 ? 0 : value);
  let hi = numberView.getUint32(0);
  let lo = numberView.getUint32(4);
  if (hi & 0x80000000) {
    hi = ~hi >>> 0;
    lo = ~lo >>> 0;
  } else {
    hi = (hi | 0x80000000) >>> 0;
  }
  return hi.toString(16).padStart(8, "0") + lo.toString(16).padStart(8, "0");
}

function decodeNumber(hex: string): number {
  let hi = Number.parseInt(hex.slice(0, 8), 16);
  let lo = Number.parseInt(hex.slice(8, 16), 16);
  if (hi & 0x80000000) {
    hi = (hi & 0x7fffffff) >>> 0;
  } else {
    hi = ~hi >>> 0;
    lo = ~lo >>> 0;
  }
  numberView.setUint32(0, hi);
  numberView.setUint32(4, lo);
  return numberView.getFloat64(0);
}

function escapeString(value: string): string {
  return NEEDS_ESCAPE.test(value)
    ? value.replace(NEEDS_ESCAPE_ALL, (c) => ESCAPE + String.fromCharCode(c.charCodeAt(0) + 2))
    : value;
}

function encodeElement(element: TupleElement, index: number): string {
  switch (typeof element) {
    case "string":
      if (!element.isWellFormed()) {
        throw new StorageError(
          "INVALID_KEY",
          `tuple element ${index} (${describe(element)}) contains a lone surrogate`,
          { details: { index } },
        );
      }
      return TAG_STRING + escapeString(element) + TERMINATOR;
    case "number":
      if (!Number.isFinite(element)) {
        throw new StorageError(
          "INVALID_KEY",
          `tuple element ${index} must be a finite number, got ${element}`,
          { details: { index } },
        );
      }
      return TAG_NUMBER + encodeNumber(element);
    case "boolean":
      return element ? TAG_TRUE : TAG_FALSE;
    default:
      if (element === null) return TAG_NULL;
      throw new StorageError(
        "INVALID_KEY",
        `tuple element ${index} has unsupported type ${typeof element}`,
        { details: { index } },
      );
  }
}

/** Encodes a tuple as a key. The caller still owns the 1024-byte key limit. */
export function encodeTuple(tuple: Tuple): string {
  let key = "";
  for (let i = 0; i < tuple.length; i++) key += encodeElement(tuple[i]!, i);
  return key;
}

/** Shorthand: `key("turn", sessionId, ts)` is `encodeTuple(["turn", sessionId, ts])`. */
export function key(...tuple: TupleElement[]): string {
  return encodeTuple(tuple);
}

/** Decodes a key written by `encodeTuple`; throws `CORRUPTED` on anything else. */
export function decodeTuple(encoded: string): TupleElement[] {
  const out: TupleElement[] = [];
  let i = 0;
  const corrupt = (why: string) =>
    new StorageError("CORRUPTED", `key ${describe(encoded)} is not a tuple: ${why} at ${i}`, {
      details: { key: encoded, offset: i },
    });
  while (i < encoded.length) {
    const tag = encoded[i++];
    switch (tag) {
      case TAG_NULL:
        out.push(null);
        break;
      case TAG_FALSE:
        out.push(false);
        break;
      case TAG_TRUE:
        out.push(true);
        break;
      case TAG_NUMBER: {
        const hex = encoded.slice(i, i + 16);
        if (!/^[0-9a-f]{16}$/.test(hex)) throw corrupt("bad number");
        out.push(decodeNumber(hex));
        i += 16;
        break;
      }
      case TAG_STRING: {
        let text = "";
        let start = i;
        for (;;) {
          if (i >= encoded.length) throw corrupt("unterminated string");
          const c = encoded.charCodeAt(i);
          if (c === 1) {
            text += encoded.slice(start, i);
            i++;
            break;
          }
          if (c === 2) {
            const escaped = encoded.charCodeAt(i + 1) - 2;
            if (!(escaped >= 0 && escaped <= 2)) throw corrupt("bad escape");
            text += encoded.slice(start, i) + String.fromCharCode(escaped);
            i += 2;
            start = i;
          } else {
            i++;
          }
        }
        out.push(text);
        break;
      }
      default:
        throw corrupt(`unknown tag ${describe(tag)}`);
    }
  }
  return out;
}

/**
 * The scan range of every key whose tuple starts with `prefix` (including the prefix tuple
 * itself): pass it to `backend.scan({ ...tupleRange(prefix), reverse, limit })`.
 */
export function tupleRange(prefix: Tuple): { gte: string; lt?: string } {
  const gte = encodeTuple(prefix);
  const lt = prefixUpperBound(gte);
  return lt === undefined ? { gte } : { gte, lt };
}

/**
 * The scan range of every key that strictly extends `prefix`, between two values of the next
 * element: `tupleBetween(["turn", s], 10, 20)` covers `("turn", s, 10 ≤ x < 20, ...)`.
 * `undefined` leaves that side open (bounded by the prefix).
 */
export function tupleBetween(
  prefix: Tuple,
  from: TupleElement | undefined,
  to: TupleElement | undefined,
): { gte: string; lt?: string } {
  const base = tupleRange(prefix);
  // Every element starts with a tag >= TAG_NULL, so this is the smallest strict extension:
  // the prefix tuple's own key stays out, as documented.
  const gte = from === undefined ? base.gte + TAG_NULL : encodeTuple([...prefix, from]);
  const lt = to === undefined ? base.lt : encodeTuple([...prefix, to]);
  return lt === undefined ? { gte } : { gte, lt };
}
