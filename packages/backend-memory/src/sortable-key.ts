/**
 * The B-tree compares keys with JavaScript's native `<`, which orders UTF-16 code units.
 * Key order must be UTF-8 byte order (= code point order); the two differ only where a
 * surrogate meets U+E000..U+FFFF. Keys are stored with code units >= U+D800 permuted so that
 * native order becomes code point order: surrogates move to the top (U+F800..U+FFFF) and
 * U+E000..U+FFFF moves down (U+D800..U+F7FF). Keys without such units, nearly all of them,
 * are stored as they are.
 */
const HIGH_UNITS = /[\uD800-\uFFFF]/;
const HIGH_UNITS_ALL = /[\uD800-\uFFFF]/g;

function toSortableUnit(c: string): string {
  const u = c.charCodeAt(0);
  return String.fromCharCode(u >= 0xe000 ? u - 0x800 : u + 0x2000);
}

function fromSortableUnit(c: string): string {
  const u = c.charCodeAt(0);
  return String.fromCharCode(u >= 0xf800 ? u - 0x2000 : u + 0x800);
}

export function toSortable(key: string): string {
  return HIGH_UNITS.test(key) ? key.replace(HIGH_UNITS_ALL, toSortableUnit) : key;
}

export function fromSortable(stored: string): string {
  return HIGH_UNITS.test(stored) ? stored.replace(HIGH_UNITS_ALL, fromSortableUnit) : stored;
}
