/**
 * Reads LevelDB's own files (format of LevelDB 1.20, which classic-level 3 bundles) without
 * LevelDB: the CURRENT pointer, the MANIFEST's version edits (which tables are live, at what
 * size), and the log record framing they are written in. Used before LevelDB opens a
 * directory, so a damaged directory is refused without LevelDB touching it.
 */
import { crc32c, unmaskCrc32c } from "./checksum.js";

/** A problem found in a LevelDB file: which file, and what is wrong with it. */
export class DamagedFile extends Error {
  constructor(
    readonly file: string,
    readonly problem: string,
  ) {
    super(`${file}: ${problem}`);
  }
}

const BLOCK_SIZE = 32768;
const HEADER_SIZE = 7;
enum RecordType {
  Zero = 0,
  Full = 1,
  First = 2,
  Middle = 3,
  Last = 4,
}

/**
 * The records of a LevelDB log-format file (MANIFEST or write-ahead log). A torn record at
 * the very end (a writer that died mid-record) ends the file, as in LevelDB; a checksum
 * mismatch or bad framing before the end is damage.
 */
export function readLogRecords(file: string, bytes: Uint8Array): Uint8Array[] {
  const records: Uint8Array[] = [];
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let pending: Uint8Array[] | undefined;
  let offset = 0;
  while (offset < bytes.length) {
    const leftInBlock = BLOCK_SIZE - (offset % BLOCK_SIZE);
    if (leftInBlock < HEADER_SIZE) {
      offset += leftInBlock; // the block's zero-filled trailer
      continue;
    }
    if (offset + HEADER_SIZE > bytes.length) break; // torn header at the end
    const length = view.getUint16(offset + 4, true);
    const type = bytes[offset + 6]!;
    if (offset + HEADER_SIZE + length > bytes.length) break; // torn payload at the end
    if (type === RecordType.Zero && length === 0) {
      offset += leftInBlock; // preallocated zeros (mmap writers)
      continue;
    }
    if (HEADER_SIZE + length > leftInBlock) {
      throw new DamagedFile(file, `record at byte ${offset} overruns its block`);
    }
    const payload = bytes.subarray(offset + HEADER_SIZE, offset + HEADER_SIZE + length);
    const expected = unmaskCrc32c(view.getUint32(offset, true));
    if (crc32c(payload, crc32c(bytes.subarray(offset + 6, offset + 7))) !== expected) {
      throw new DamagedFile(file, `checksum mismatch in the record at byte ${offset}`);
    }
    offset += HEADER_SIZE + length;
    if (type === RecordType.Full) records.push(payload);
    else if (type === RecordType.First) pending = [payload];
    else if (type === RecordType.Middle || type === RecordType.Last) {
      if (pending === undefined) throw new DamagedFile(file, "record fragment without a start");
      pending.push(payload);
      if (type === RecordType.Last) {
        records.push(concat(pending));
        pending = undefined;
      }
    } else throw new DamagedFile(file, `unknown record type ${type}`);
  }
  return records;
}

function concat(parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}

/** A cursor over LevelDB's varint / length-prefixed encodings. */
export class Reader {
  offset = 0;
  constructor(
    readonly bytes: Uint8Array,
    readonly file: string,
  ) {}

  get done(): boolean {
    return this.offset >= this.bytes.length;
  }

  varint(): number {
    let result = 0;
    let scale = 1;
    for (let i = 0; i < 10; i++) {
      if (this.offset >= this.bytes.length) throw new DamagedFile(this.file, "truncated varint");
      const byte = this.bytes[this.offset++]!;
      result += (byte & 0x7f) * scale;
      if (byte < 0x80) return result;
      scale *= 128;
    }
    throw new DamagedFile(this.file, "varint longer than 10 bytes");
  }

  slice(length = this.varint()): Uint8Array {
    if (this.offset + length > this.bytes.length) {
      throw new DamagedFile(this.file, "length-prefixed field past the end");
    }
    const out = this.bytes.subarray(this.offset, this.offset + length);
    this.offset += length;
    return out;
  }
}

export interface LiveTable {
  readonly number: number;
  readonly size: number;
}

/** What the MANIFEST says the database is. */
export interface Manifest {
  readonly comparator: string | undefined;
  readonly tables: readonly LiveTable[];
  /** Write-ahead logs LevelDB replays at open: numbers >= logNumber (and prevLogNumber). */
  readonly logNumber: number;
}

/** Replays the version edits of a MANIFEST (db/version_edit.cc's tags). */
export function parseManifest(file: string, bytes: Uint8Array): Manifest {
  const records = readLogRecords(file, bytes);
  if (records.length === 0) throw new DamagedFile(file, "holds no version edit");
  const live = new Map<string, LiveTable>();
  let comparator: string | undefined;
  let logNumber = 0;
  for (const record of records) {
    const r = new Reader(record, file);
    while (!r.done) {
      const tag = r.varint();
      switch (tag) {
        case 1: // comparator name
          comparator = new TextDecoder().decode(r.slice());
          break;
        case 2: // log number
          logNumber = r.varint();
          break;
        case 3: // next file number
        case 4: // last sequence
        case 9: // previous log number
          r.varint();
          break;
        case 5: // compact pointer: level, internal key
          r.varint();
          r.slice();
          break;
        case 6: {
          // deleted file: level, number
          const level = r.varint();
          live.delete(`${level}:${r.varint()}`);
          break;
        }
        case 7: {
          // new file: level, number, size, smallest, largest
          const level = r.varint();
          const number = r.varint();
          const size = r.varint();
          r.slice();
          r.slice();
          live.set(`${level}:${number}`, { number, size });
          break;
        }
        default:
          throw new DamagedFile(file, `unknown version edit tag ${tag}`);
      }
    }
  }
  return { comparator, tables: [...live.values()], logNumber };
}

/** The manifest file CURRENT names, or a DamagedFile saying why CURRENT is not valid. */
export function parseCurrent(text: string): string {
  if (!/^MANIFEST-\d+\n$/.test(text)) {
    throw new DamagedFile(
      "CURRENT",
      text.length === 0 ? "is empty" : "does not name a MANIFEST file (garbage)",
    );
  }
  return text.slice(0, -1);
}

/** LevelDB's file names: `000005.ldb` (or `.sst`), `000006.log`. */
export const tableFileName = (number: number, ext = "ldb") =>
  `${String(number).padStart(6, "0")}.${ext}`;

/** Files that show a directory holds (or held) a LevelDB database. */
export function isLevelDbFile(name: string): boolean {
  return name === "CURRENT" || /^MANIFEST-\d+$/.test(name) || /^\d+\.(log|ldb|sst)$/.test(name);
}

/** Files LevelDB writes before a database exists, and which hold no data (LOCK, LOG). */
export function isLevelDbScratchFile(name: string): boolean {
  return name === "LOCK" || name === "LOG" || name === "LOG.old";
}
