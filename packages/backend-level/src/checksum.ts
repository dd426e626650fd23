/**
 * The two CRCs this backend computes:
 * - CRC-32 (IEEE, zlib's polynomial) over each stored entry (key + envelope), on every read
 *   and write: JavaScript below ~256 bytes, where a call into zlib costs more than the work,
 *   and `node:zlib` `crc32` (native, ~4 GB/s here) above;
 * - CRC-32C (Castagnoli), LevelDB's own checksum of log records and table blocks, checked
 *   before LevelDB opens a directory (no native CRC-32C in Node: JavaScript, ~1 GB/s here).
 */
import { crc32 as zlibCrc32 } from "node:zlib";

/** Slicing-by-8 tables: 8 x 256 entries. */
function crcTables(polynomial: number): Int32Array {
  const table = new Int32Array(256 * 8);
  for (let i = 0; i < 256; i++) {
    let c = i;
    for (let k = 0; k < 8; k++) c = c & 1 ? (c >>> 1) ^ polynomial : c >>> 1;
    table[i] = c;
  }
  for (let i = 0; i < 256; i++) {
    for (let s = 1; s < 8; s++) {
      const previous = table[(s - 1) * 256 + i]!;
      table[s * 256 + i] = (previous >>> 8) ^ table[previous & 0xff]!;
    }
  }
  return table;
}

const IEEE = crcTables(0xedb88320);
const CASTAGNOLI = crcTables(0x82f63b78);

/** Continues CRC `crc` (of earlier bytes, 0 to start) over `bytes[start..end)`. */
function crcBytes(t: Int32Array, bytes: Uint8Array, start: number, end: number, crc: number) {
  let c = ~crc;
  let i = start;
  for (; i + 8 <= end; i += 8) {
    const a =
      c ^ (bytes[i]! | (bytes[i + 1]! << 8) | (bytes[i + 2]! << 16) | (bytes[i + 3]! << 24));
    c =
      t[1792 + (a & 0xff)]! ^
      t[1536 + ((a >>> 8) & 0xff)]! ^
      t[1280 + ((a >>> 16) & 0xff)]! ^
      t[1024 + (a >>> 24)]! ^
      t[768 + bytes[i + 4]!]! ^
      t[512 + bytes[i + 5]!]! ^
      t[256 + bytes[i + 6]!]! ^
      t[bytes[i + 7]!]!;
  }
  for (; i < end; i++) c = t[(c ^ bytes[i]!) & 0xff]! ^ (c >>> 8);
  return ~c >>> 0;
}

/** Below this many bytes the JavaScript loop beats a call into zlib (measured here). */
const NATIVE_FROM_BYTES = 256;

/** CRC-32 (IEEE) of the UTF-8 encoding of a well-formed string, without encoding it. */
export function crc32String(text: string, crc = 0): number {
  const n = text.length;
  if (n >= NATIVE_FROM_BYTES) return zlibCrc32(text, crc);
  const t = IEEE;
  let c = ~crc;
  let i = 0;
  // Eight ASCII characters at a time (slicing-by-8, as for bytes).
  for (; i + 8 <= n; i += 8) {
    const c0 = text.charCodeAt(i);
    const c1 = text.charCodeAt(i + 1);
    const c2 = text.charCodeAt(i + 2);
    const c3 = text.charCodeAt(i + 3);
    const c4 = text.charCodeAt(i + 4);
    const c5 = text.charCodeAt(i + 5);
    const c6 = text.charCodeAt(i + 6);
    const c7 = text.charCodeAt(i + 7);
    if ((c0 | c1 | c2 | c3 | c4 | c5 | c6 | c7) >= 0x80) break;
    const a = c ^ (c0 | (c1 << 8) | (c2 << 16) | (c3 << 24));
    c =
      t[1792 + (a & 0xff)]! ^
      t[1536 + ((a >>> 8) & 0xff)]! ^
      t[1280 + ((a >>> 16) & 0xff)]! ^
      t[1024 + (a >>> 24)]! ^
      t[768 + c4]! ^
      t[512 + c5]! ^
      t[256 + c6]! ^
      t[c7]!;
  }
  for (; i < n; i++) {
    let code = text.charCodeAt(i);
    if (code < 0x80) {
      c = t[(c ^ code) & 0xff]! ^ (c >>> 8);
      continue;
    }
    // Multi-byte UTF-8 (keys are validated well-formed, so surrogates come in pairs).
    let bytes: number[];
    if (code < 0x800) bytes = [0xc0 | (code >> 6), 0x80 | (code & 0x3f)];
    else if (code >= 0xd800 && code <= 0xdbff) {
      code = 0x10000 + ((code - 0xd800) << 10) + (text.charCodeAt(++i) - 0xdc00);
      bytes = [
        0xf0 | (code >> 18),
        0x80 | ((code >> 12) & 0x3f),
        0x80 | ((code >> 6) & 0x3f),
        0x80 | (code & 0x3f),
      ];
    } else bytes = [0xe0 | (code >> 12), 0x80 | ((code >> 6) & 0x3f), 0x80 | (code & 0x3f)];
    for (const b of bytes) c = t[(c ^ b) & 0xff]! ^ (c >>> 8);
  }
  return ~c >>> 0;
}

/** CRC-32 (IEEE, as zlib) of `bytes[start..]`, continuing `crc`. */
export function crc32(bytes: Uint8Array, crc = 0, start = 0): number {
  const n = bytes.length - start;
  if (n < NATIVE_FROM_BYTES) return crcBytes(IEEE, bytes, start, bytes.length, crc);
  return zlibCrc32(start === 0 ? bytes : bytes.subarray(start), crc);
}

/** CRC-32C of `bytes`, continuing `crc`. */
export function crc32c(bytes: Uint8Array, crc = 0): number {
  return crcBytes(CASTAGNOLI, bytes, 0, bytes.length, crc);
}

/** LevelDB stores CRC-32Cs masked (util/crc32c.h), so a CRC of data holding CRCs is not trivial. */
export function unmaskCrc32c(masked: number): number {
  const rotated = (masked - 0xa282ead8) >>> 0;
  return ((rotated >>> 17) | (rotated << 15)) >>> 0;
}
