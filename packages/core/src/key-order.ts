/**
 * Key order is UTF-8 byte order, which equals Unicode code point order. JavaScript's `<`
 * compares UTF-16 code units instead; the two differ only when a surrogate (an astral
 * character's half) meets a BMP character in U+E000..U+FFFF.
 */

/** Maps a UTF-16 code unit >= 0xD800 so that code unit order becomes code point order. */
function codePointRank(unit: number): number {
  return unit >= 0xe000 ? unit - 0x800 : unit + 0x2000;
}

/** Compares two keys in UTF-8 byte order: negative, zero or positive. */
export function compareKeys(a: string, b: string): number {
  if (a === b) return 0;
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a.charCodeAt(i);
    const y = b.charCodeAt(i);
    if (x !== y) {
      return x >= 0xd800 && y >= 0xd800 ? codePointRank(x) - codePointRank(y) : x - y;
    }
  }
  return a.length - b.length;
}

/**
 * The smallest string greater than every string that starts with `prefix`, or `undefined`
 * when there is none (the prefix is empty or all U+10FFFF). `[prefix, upper)` is exactly the
 * set of keys with that prefix, so backends turn prefix scans into range scans.
 */
export function prefixUpperBound(prefix: string): string | undefined {
  const codePoints = Array.from(prefix);
  while (codePoints.length > 0) {
    const last = codePoints.pop()!.codePointAt(0)!;
    if (last < 0x10ffff) {
      const next = last + 1 === 0xd800 ? 0xe000 : last + 1;
      return codePoints.join("") + String.fromCodePoint(next);
    }
  }
  return undefined;
}

const utf8 = new TextEncoder();

/** UTF-8 length of a string, computed only when the UTF-16 length leaves any doubt. */
export function utf8Length(text: string, atMost: number): number {
  // A UTF-16 code unit never takes more than 3 UTF-8 bytes.
  if (text.length * 3 <= atMost) return text.length;
  return utf8.encode(text).length;
}
