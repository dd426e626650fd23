/**
 * The stored form of a posting block. Format 2 (written since 0.2) is binary, column by
 * column, under a CRC-32 of everything after it, so a flipped byte is refused (`CORRUPTED`)
 * instead of read as another timestamp or term frequency:
 *
 *   u8 2 | u32 crc32(rest) | rest:
 *   varint postings | varint sessions | varint idBytes | ids joined by "," (ASCII)
 *   | varint sessionBytes | session ids joined by U+0000 (UTF-8; no id holds U+0000)
 *   | per posting: varint session index | zigzag varint timestamp delta | varint tf
 *   | varint document length
 *
 * Format 1 (JSON of the same columns) is still read, so blocks written before need no
 * migration; they are rewritten in format 2 when a merge or a delete touches them.
 */
import { describe, StorageError } from "@mnemo/core";
import { checkHeader, HEADER, Reader, sealHeader, Writer } from "./byte-codec.js";
import type { PostingBlock } from "./keyspace.js";
import { concatBlocks } from "./posting-block.js";

export const BLOCK_FORMAT = 2;
const JSON_FORMAT = 1;
/** The error of a stored block that does not decode; `key` names it when known. */
export function corrupted(key: string | undefined, why: string): StorageError {
  const where = key === undefined ? "posting block" : `posting block ${describe(key)}`;
  return new StorageError("CORRUPTED", `${where} ${why}`, {
    details: key === undefined ? {} : { key },
  });
}

const ASCII_IDS = /^[\x21-\x7e]*$/;

/** Writes `block` as a whole format-2 value at the writer's position. */
export function writeBlock(w: Writer, block: PostingBlock): void {
  const [ids, sessions, session, timestamps, tfs, lengths] = block;
  const n = session.length;
  if (!ASCII_IDS.test(ids)) throw new RangeError("posting block ids must be printable ASCII");
  const joined = sessions.join("\0");
  const start = w.at;
  w.reserve(HEADER + 24 + ids.length + joined.length * 3 + n * 12);
  w.at += HEADER;
  w.varint(n);
  w.varint(sessions.length);
  w.text(ids, false);
  w.text(joined, true);
  let previous = 0;
  for (let i = 0; i < n; i++) {
    w.varint(session[i]!);
    w.signed(timestamps[i]! - previous);
    previous = timestamps[i]!;
    w.varint(tfs[i]!);
    w.varint(lengths[i]!);
  }
  sealHeader(w.bytes.subarray(start, w.at), BLOCK_FORMAT);
}

export function encodeBlockValue(block: PostingBlock): Uint8Array {
  const w = new Writer(HEADER + 24 + block[0].length + block[2].length * 12);
  w.at = 0;
  writeBlock(w, block);
  return w.bytes.subarray(0, w.at);
}

/** A format-2 value's header, checked: its counts, its sessions, its ids' bytes. */
export interface RunHeader {
  readonly postings: number;
  readonly sessions: string[];
  /** The ids, ASCII, joined by "," (a view of the value). */
  readonly idBytes: Buffer;
  /** At the first posting. */
  readonly postingReader: Reader;
}

/** Between two ids in a block's id bytes. */
export const COMMA = 0x2c;

/**
 * Checks a format-2 value's checksum and the counts its header gives (postings, sessions); a
 * decode and a byte merge (`block-merge.ts`) then read the postings, and check that there is
 * one id per posting (`checkIdCount`).
 */
export function readRunHeader(bytes: Uint8Array, key: string | undefined): RunHeader {
  const fail = (why: string) => corrupted(key, why);
  checkHeader(bytes, fail);
  const r = new Reader(bytes, HEADER, fail);
  const postings = r.varint();
  const sessionCount = r.varint();
  const idLength = r.varint();
  if (r.at + idLength > r.end) throw fail("is truncated");
  const idBytes = Buffer.from(bytes.buffer, bytes.byteOffset + r.at, idLength);
  r.at += idLength;
  const sessions = r.text("utf8").split("\0");
  if (postings === 0 || sessions.length !== sessionCount || postings * 4 > r.end - r.at) {
    throw fail("has inconsistent counts");
  }
  return { postings, sessions, idBytes, postingReader: r };
}

/**
 * The postings a format-2 or format-3 value says it holds, from its headers alone: no checksum
 * and no allocation, for choosing what to merge, never for reading (a merge checks every run
 * it reads). A malformed header counts as what its bytes spell, or 0.
 */
export function blockPostings(bytes: Uint8Array): number {
  if (bytes[0] === BLOCK_FORMAT) return varintAt(bytes, HEADER)[0];
  if (bytes[0] !== RUNS_FORMAT) return 0;
  let [runs, at] = varintAt(bytes, 1);
  let postings = 0;
  for (; runs > 0 && at < bytes.length; runs--) {
    const [length, start] = varintAt(bytes, at);
    postings += varintAt(bytes, start + HEADER)[0];
    at = start + length;
  }
  return postings;
}

/** The varint at `at` and where it ends; stops at the end of `bytes`. */
function varintAt(bytes: Uint8Array, at: number): [value: number, end: number] {
  let value = 0;
  for (let scale = 1; at < bytes.length && scale <= 2 ** 49; scale *= 0x80) {
    const byte = bytes[at++]!;
    value += (byte & 0x7f) * scale;
    if (byte < 0x80) break;
  }
  return [value, at];
}

/** Refuses ids that are not one per posting: `commas` is how many "," they hold. */
export function checkIdCount(commas: number, postings: number, key: string | undefined): void {
  if (commas !== postings - 1) {
    throw corrupted(key, "holds a different number of ids than postings");
  }
}

function decodeBinary(bytes: Uint8Array, key: string | undefined): PostingBlock {
  const { postings: n, sessions, idBytes, postingReader: r } = readRunHeader(bytes, key);
  // Counted in the string a decode makes anyway: string indexOf is the fastest count here.
  const ids = idBytes.toString("latin1");
  let commas = 0;
  for (let i = ids.indexOf(","); i !== -1; i = ids.indexOf(",", i + 1)) commas++;
  checkIdCount(commas, n, key);
  const session = new Array<number>(n);
  const timestamps = new Array<number>(n);
  const tfs = new Array<number>(n);
  const lengths = new Array<number>(n);
  let previous = 0;
  for (let i = 0; i < n; i++) {
    const s = r.varint();
    if (s >= sessions.length) throw corrupted(key, "names a session it does not hold");
    session[i] = s;
    previous += r.signed();
    timestamps[i] = previous;
    tfs[i] = r.varint();
    lengths[i] = r.varint();
  }
  if (r.at !== r.end) throw corrupted(key, "has trailing bytes");
  return [ids, sessions, session, timestamps, tfs, lengths];
}

function decodeJson(bytes: Uint8Array, key: string | undefined): PostingBlock {
  try {
    return JSON.parse(Buffer.from(bytes.buffer, bytes.byteOffset + 1, bytes.length - 1).toString());
  } catch (cause) {
    throw new StorageError("CORRUPTED", `posting block ${describe(key)} is not valid JSON`, {
      cause,
      details: key === undefined ? {} : { key },
    });
  }
}

/**
 * Format 3: format-2 values one after the other, each under its own CRC-32, as a flush
 * writes them (`staging.ts`) without decoding: u8 3 | varint runs | per run: varint bytes |
 * the format-2 value. A merge or a delete rewrites it as one format-2 value.
 */
export const RUNS_FORMAT = 3;

/** The format-2 values in one format-3 value (no decoding; each keeps its checksum). */
export function encodeRuns(runs: readonly Uint8Array[]): Uint8Array {
  let size = HEADER + 8;
  for (const run of runs) size += run.byteLength + 8;
  const w = new Writer(size);
  w.at = 1;
  w.varint(runs.length);
  for (const run of runs) {
    if (run[0] !== BLOCK_FORMAT) throw new RangeError("a run must be a format-2 block value");
    w.varint(run.byteLength);
    w.reserve(run.byteLength);
    w.bytes.set(run, w.at);
    w.at += run.byteLength;
  }
  const out = w.bytes.subarray(0, w.at);
  out[0] = RUNS_FORMAT;
  return out;
}

/** The format-2 values of a format-3 value, not decoded (each is checked when it is read). */
export function splitRuns(bytes: Uint8Array, key: string | undefined): Uint8Array[] {
  const r = new Reader(bytes, 1, (why) => corrupted(key, why));
  const n = r.varint();
  const runs: Uint8Array[] = [];
  for (let i = 0; i < n; i++) {
    const length = r.varint();
    if (r.at + length > r.end || bytes[r.at] !== BLOCK_FORMAT) throw corrupted(key, "is truncated");
    runs.push(bytes.subarray(r.at, r.at + length));
    r.at += length;
  }
  if (n === 0 || r.at !== r.end) throw corrupted(key, "has inconsistent runs");
  return runs;
}

/** A stored block's postings, one `PostingBlock` per run (one for formats 1 and 2). */
export function decodeBlockRuns(bytes: Uint8Array, key?: string): PostingBlock[] {
  if (bytes[0] !== RUNS_FORMAT) return [decodeBlockValue(bytes, key)];
  return splitRuns(bytes, key).map((run) => decodeBinary(run, key));
}

export function decodeBlockValue(bytes: Uint8Array, key?: string): PostingBlock {
  const format = bytes[0];
  if (format === BLOCK_FORMAT) return decodeBinary(bytes, key);
  if (format === JSON_FORMAT) return decodeJson(bytes, key);
  if (format === RUNS_FORMAT) return concatBlocks(decodeBlockRuns(bytes, key));
  throw corrupted(key, `has format version ${format ?? "none"}; expected ${BLOCK_FORMAT}`);
}
