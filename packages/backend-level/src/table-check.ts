/**
 * Verifies a LevelDB table file (table/format.cc) without LevelDB: every block's CRC-32C
 * (data blocks, filter, metaindex, index), block bounds, the footer's magic number. LevelDB
 * itself never checks these here (classic-level exposes no `verify_checksums` or
 * `paranoid_checks`): a flipped byte is returned as data, and a compaction that reads
 * garbage keys out of order aborts the process (an assertion in TableBuilder::Add). So
 * tables are checked before LevelDB may read them (see table-verification.ts).
 */
import { crc32c, unmaskCrc32c } from "./checksum.js";
import { DamagedFile, Reader } from "./leveldb-files.js";

const FOOTER_BYTES = 48;
const TRAILER_BYTES = 5;
/** 0xdb4775248b80fb57, little-endian. */
const MAGIC = [0x57, 0xfb, 0x80, 0x8b, 0x24, 0x75, 0x47, 0xdb];

interface Handle {
  readonly offset: number;
  readonly size: number;
}

function readHandle(r: Reader): Handle {
  return { offset: r.varint(), size: r.varint() };
}

/**
 * Checks a block's trailer (type + masked CRC-32C) and returns its contents, decompressed
 * when `decode` (the index blocks; a data block only needs its checksum).
 */
function readBlock(
  file: string,
  bytes: Uint8Array,
  handle: Handle,
  what: string,
  decode = true,
): Uint8Array {
  const end = handle.offset + handle.size + TRAILER_BYTES;
  if (end > bytes.length - FOOTER_BYTES) {
    throw new DamagedFile(file, `${what} at byte ${handle.offset} runs past the end of the table`);
  }
  const withType = bytes.subarray(handle.offset, handle.offset + handle.size + 1);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const stored = unmaskCrc32c(view.getUint32(handle.offset + handle.size + 1, true));
  if (crc32c(withType) !== stored) {
    throw new DamagedFile(file, `checksum mismatch in the ${what} at byte ${handle.offset}`);
  }
  const type = bytes[handle.offset + handle.size]!;
  const contents = bytes.subarray(handle.offset, handle.offset + handle.size);
  if (type === 0 || !decode) return contents;
  if (type === 1) return snappyDecompress(file, contents);
  throw new DamagedFile(file, `unknown compression type ${type} in the ${what}`);
}

/** The values of a block's entries (keys are not needed to find the blocks they point at). */
function blockValues(file: string, block: Uint8Array): Uint8Array[] {
  if (block.length < 4) throw new DamagedFile(file, "block shorter than its restart count");
  const view = new DataView(block.buffer, block.byteOffset, block.byteLength);
  const restarts = view.getUint32(block.length - 4, true);
  const entriesEnd = block.length - 4 - restarts * 4;
  if (entriesEnd < 0) throw new DamagedFile(file, "block restart array past its start");
  const r = new Reader(block.subarray(0, entriesEnd), file);
  const values: Uint8Array[] = [];
  while (!r.done) {
    r.varint(); // shared key bytes
    const unshared = r.varint();
    const valueLength = r.varint();
    r.slice(unshared);
    values.push(r.slice(valueLength));
  }
  return values;
}

/** Checks every block of the table in `bytes`; throws DamagedFile naming the first problem. */
export function checkTable(file: string, bytes: Uint8Array): { blocks: number } {
  if (bytes.length < FOOTER_BYTES) {
    throw new DamagedFile(file, `${bytes.length} bytes, shorter than a table footer`);
  }
  const footer = bytes.subarray(bytes.length - FOOTER_BYTES);
  for (let i = 0; i < 8; i++) {
    if (footer[40 + i] !== MAGIC[i]) throw new DamagedFile(file, "bad table magic number");
  }
  const r = new Reader(footer, file);
  const metaindex = readHandle(r);
  const index = readHandle(r);
  let blocks = 2;
  const indexBlock = readBlock(file, bytes, index, "index block");
  for (const value of blockValues(file, indexBlock)) {
    readBlock(file, bytes, readHandle(new Reader(value, file)), "data block", false);
    blocks++;
  }
  const metaBlock = readBlock(file, bytes, metaindex, "metaindex block");
  for (const value of blockValues(file, metaBlock)) {
    readBlock(file, bytes, readHandle(new Reader(value, file)), "filter block", false);
    blocks++;
  }
  return { blocks };
}

/** Snappy's raw format (LevelDB compresses blocks with it by default). */
export function snappyDecompress(file: string, input: Uint8Array): Uint8Array {
  const r = new Reader(input, file);
  const length = r.varint();
  if (length > 64 * 1024 * 1024) throw new DamagedFile(file, "compressed block too large");
  const out = new Uint8Array(length);
  let o = 0;
  let i = r.offset;
  const bad = () => new DamagedFile(file, "corrupted compressed block contents");
  while (i < input.length) {
    const tag = input[i++]!;
    let len: number;
    let offset: number;
    switch (tag & 3) {
      case 0: {
        len = tag >>> 2;
        if (len >= 60) {
          const extra = len - 59;
          if (i + extra > input.length) throw bad();
          len = 0;
          for (let k = 0; k < extra; k++) len |= input[i + k]! << (8 * k);
          i += extra;
        }
        len += 1;
        if (i + len > input.length || o + len > length) throw bad();
        out.set(input.subarray(i, i + len), o);
        i += len;
        o += len;
        continue;
      }
      case 1:
        if (i >= input.length) throw bad();
        len = 4 + ((tag >>> 2) & 7);
        offset = ((tag >>> 5) << 8) | input[i++]!;
        break;
      case 2:
        if (i + 2 > input.length) throw bad();
        len = 1 + (tag >>> 2);
        offset = input[i]! | (input[i + 1]! << 8);
        i += 2;
        break;
      default:
        if (i + 4 > input.length) throw bad();
        len = 1 + (tag >>> 2);
        offset =
          (input[i]! | (input[i + 1]! << 8) | (input[i + 2]! << 16) | (input[i + 3]! << 24)) >>> 0;
        i += 4;
    }
    if (offset === 0 || offset > o || o + len > length) throw bad();
    // Copies may overlap their own output (run-length style): byte by byte.
    for (let k = 0; k < len; k++, o++) out[o] = out[o - offset]!;
  }
  if (o !== length) throw bad();
  return out;
}
