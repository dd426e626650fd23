/**
 * Merging stored posting blocks byte to byte: the postings of several values (formats 2 and
 * 3; a format-1 value is re-encoded first) in one format-2 value, the value
 * `encodeBlockValue(concatBlocks(…))` writes, without decoding a posting into arrays. The
 * ids are copied as bytes; each posting's session index is remapped, its timestamp delta
 * re-based on the posting before it, its tf and length copied. Each run is checked as a
 * decode checks it (checksum, counts, trailing bytes), so a flipped byte stops the merge.
 * Merges were a quarter of a batched append's time, most of it building and encoding arrays.
 */
import { describe, StorageError } from "@mnemo/core";
import { BLOCK_FORMAT, decodeBlockValue, encodeBlockValue, RUNS_FORMAT } from "./block-codec.js";
import { checkHeader, HEADER, Reader, sealHeader, Writer } from "./byte-codec.js";
import { SessionTable } from "./posting-block.js";

const COMMA = 0x2c;

/** One format-2 run, its header read: where its ids and postings are. */
interface Run {
  readonly bytes: Uint8Array;
  readonly postings: number;
  readonly sessions: readonly string[];
  readonly ids: readonly [start: number, end: number];
  readonly at: number;
}

/**
 * The merged value of `values`, or `undefined` when they hold more than `maxPostings`
 * postings together (nothing is merged then).
 */
export function mergeBlockValues(
  values: readonly Uint8Array[],
  key: string | undefined,
  maxPostings: number,
): Uint8Array | undefined {
  const corrupted = (why: string) =>
    new StorageError(
      "CORRUPTED",
      `${key === undefined ? "posting block" : `posting block ${describe(key)}`} ${why}`,
      { details: key === undefined ? {} : { key } },
    );
  const runs: Run[] = [];
  let postings = 0;
  for (const bytes of runValues(values, key, corrupted)) {
    const run = readRun(bytes, corrupted);
    postings += run.postings;
    if (postings > maxPostings) return undefined;
    runs.push(run);
  }
  const table = new SessionTable();
  const remaps = runs.map((run) => run.sessions.map((s) => table.indexOf(s)));
  const { sessions } = table;
  let idBytes = runs.length - 1;
  let postingBytes = 0;
  for (const run of runs) {
    idBytes += run.ids[1] - run.ids[0];
    postingBytes += run.bytes.length - run.at;
  }
  const joined = sessions.join("\0");
  // A re-based timestamp delta can take a few more bytes than the one it replaces.
  const w = new Writer(HEADER + 32 + idBytes + joined.length * 3 + postingBytes + runs.length * 8);
  w.varint(postings);
  w.varint(sessions.length);
  w.varint(idBytes);
  runs.forEach((run, i) => {
    if (i > 0) w.bytes[w.at++] = COMMA;
    w.bytes.set(run.bytes.subarray(run.ids[0], run.ids[1]), w.at);
    w.at += run.ids[1] - run.ids[0];
  });
  w.text(joined, true);
  let previous = 0;
  runs.forEach((run, i) => {
    const remap = remaps[i]!;
    const r = new Reader(run.bytes, run.at, corrupted);
    let timestamp = 0;
    for (let p = 0; p < run.postings; p++) {
      const s = r.varint();
      if (s >= remap.length) throw corrupted("names a session it does not hold");
      const z = r.varint();
      timestamp += z % 2 === 0 ? z / 2 : -(z + 1) / 2;
      const tf = r.varint();
      const length = r.varint();
      const d = timestamp - previous;
      previous = timestamp;
      w.reserve(32);
      w.varint(remap[s]!);
      w.varint(d >= 0 ? d * 2 : -d * 2 - 1);
      w.varint(tf);
      w.varint(length);
    }
    if (r.at !== r.end) throw corrupted("has trailing bytes");
  });
  const out = w.bytes.subarray(0, w.at);
  sealHeader(out, BLOCK_FORMAT);
  return out;
}

/** The format-2 runs of stored values, not decoded (format 1 is re-encoded). */
function* runValues(
  values: readonly Uint8Array[],
  key: string | undefined,
  corrupted: (why: string) => StorageError,
): Generator<Uint8Array> {
  for (const bytes of values) {
    if (bytes[0] === BLOCK_FORMAT) yield bytes;
    else if (bytes[0] !== RUNS_FORMAT) yield encodeBlockValue(decodeBlockValue(bytes, key));
    else {
      const r = new Reader(bytes, 1, corrupted);
      const n = r.varint();
      for (let i = 0; i < n; i++) {
        const length = r.varint();
        if (r.at + length > r.end || bytes[r.at] !== BLOCK_FORMAT) throw corrupted("is truncated");
        yield bytes.subarray(r.at, r.at + length);
        r.at += length;
      }
      if (n === 0 || r.at !== r.end) throw corrupted("has inconsistent runs");
    }
  }
}

/** A run's header, checked as `decodeBinary` checks it; its postings are read by the merge. */
function readRun(bytes: Uint8Array, corrupted: (why: string) => StorageError): Run {
  checkHeader(bytes, corrupted);
  const r = new Reader(bytes, HEADER, corrupted);
  const postings = r.varint();
  const sessionCount = r.varint();
  const idLength = r.varint();
  const start = r.at;
  if (start + idLength > r.end) throw corrupted("is truncated");
  r.at += idLength;
  const sessions = r.text("utf8").split("\0");
  if (postings === 0 || sessions.length !== sessionCount || postings * 4 > r.end - r.at) {
    throw corrupted("has inconsistent counts");
  }
  let commas = 0;
  for (let i = start; i < start + idLength; i++) if (bytes[i] === COMMA) commas++;
  if (commas !== postings - 1) throw corrupted("holds a different number of ids than postings");
  return { bytes, postings, sessions, ids: [start, start + idLength], at: r.at };
}
