/**
 * `text[]` and `bytea[]` parameters in PostgreSQL's binary array format (what `array_recv`
 * reads). node-postgres sends a `Buffer` parameter as binary and anything else as text; its
 * text form of a `bytea[]` spells every value in hex inside one array literal and escapes
 * every key, which both sides then pay for again (building and parsing twice the bytes). In
 * binary a key or value is a length and its bytes, copied once. Layout (big-endian int32s):
 * dimensions (1, or 0 when empty), a has-nulls flag (0), the element type's OID, then per
 * dimension its length and lower bound (1), then per element its byte length and bytes.
 */
const TEXT_OID = 25;
const BYTEA_OID = 17;
const HEADER_BYTES = 20;
const EMPTY_HEADER_BYTES = 12;

function header(out: Buffer, elementOid: number, count: number): number {
  out.writeInt32BE(count === 0 ? 0 : 1, 0);
  out.writeInt32BE(0, 4);
  out.writeInt32BE(elementOid, 8);
  if (count === 0) return EMPTY_HEADER_BYTES;
  out.writeInt32BE(count, 12);
  out.writeInt32BE(1, 16);
  return HEADER_BYTES;
}

/** A `text[]` parameter: each string as its UTF-8 bytes (keys are valid UTF-8, no U+0000). */
export function binaryTextArray(items: readonly string[]): Buffer {
  let size = items.length === 0 ? EMPTY_HEADER_BYTES : HEADER_BYTES;
  for (const item of items) size += 4 + Buffer.byteLength(item);
  const out = Buffer.allocUnsafe(size);
  let at = header(out, TEXT_OID, items.length);
  for (const item of items) {
    const length = out.write(item, at + 4);
    out.writeInt32BE(length, at);
    at += 4 + length;
  }
  return out;
}

/** A `bytea[]` parameter: each value's bytes as they are. */
export function binaryByteaArray(items: readonly Uint8Array[]): Buffer {
  let size = items.length === 0 ? EMPTY_HEADER_BYTES : HEADER_BYTES;
  for (const item of items) size += 4 + item.byteLength;
  const out = Buffer.allocUnsafe(size);
  let at = header(out, BYTEA_OID, items.length);
  for (const item of items) {
    out.writeInt32BE(item.byteLength, at);
    out.set(item, at + 4);
    at += 4 + item.byteLength;
  }
  return out;
}
