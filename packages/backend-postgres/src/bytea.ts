/**
 * bytea arrives in PostgreSQL's text form (`\x` + hex; node-postgres's `binary: true` mode
 * corrupts it). The pool's type parser leaves it as text and the backend decodes it here,
 * where it knows which query a value belongs to:
 * - values never share memory with Node's Buffer pool (a `Buffer` from it would expose other
 *   recently decoded values, maybe other tenants', through `.buffer`);
 * - the small values of one result share one allocation (one result = one tenant's rows),
 *   which costs far less per row than an ArrayBuffer each.
 */
import pg from "pg";

const BYTEA_OID = 17;
/** Values up to this size share their result's allocation; larger ones get their own. */
const SHARED_MAX_BYTES = 4096;

const parseEscapeFormat = pg.types.getTypeParser(BYTEA_OID, "text") as (text: string) => Buffer;
const isHex = (text: string) => text.charCodeAt(0) === 0x5c && text.charCodeAt(1) === 0x78;

/** One value in its own memory. */
export function decodeBytea(text: string): Uint8Array {
  if (!isHex(text)) return new Uint8Array(parseEscapeFormat(text)); // bytea_output = escape
  const bytes = new Uint8Array((text.length - 2) >>> 1);
  Buffer.from(bytes.buffer).write(text.slice(2), "hex");
  return bytes;
}

/** Decodes `rows[i][column]` in place for every row. */
export function decodeByteaColumn(rows: unknown[][], column: number): void {
  let shared = 0;
  for (const row of rows) {
    const text = row[column] as string;
    const size = (text.length - 2) >>> 1;
    if (isHex(text) && size <= SHARED_MAX_BYTES) shared += size;
  }
  const slab = shared > 0 ? Buffer.allocUnsafeSlow(shared) : undefined;
  let offset = 0;
  for (const row of rows) {
    const text = row[column] as string;
    const size = (text.length - 2) >>> 1;
    if (slab !== undefined && isHex(text) && size <= SHARED_MAX_BYTES) {
      slab.write(text.slice(2), offset, size, "hex");
      row[column] = new Uint8Array(slab.buffer, slab.byteOffset + offset, size);
      offset += size;
    } else {
      row[column] = decodeBytea(text);
    }
  }
}

const keepText = (text: string) => text;

/** Type parsers for a pool: bytea stays text (decoded above), the rest as node-postgres does. */
export const poolTypes = {
  getTypeParser(oid: number, format?: "text" | "binary") {
    if (oid === BYTEA_OID && format !== "binary") return keepText;
    return pg.types.getTypeParser(oid, format as "text");
  },
} as pg.CustomTypesConfig;
