/**
 * Merging stored posting blocks byte to byte: the postings of several values (formats 2 and
 * 3; a format-1 value is re-encoded first) in one format-2 value, the value
 * `encodeBlockValue(concatBlocks(…))` writes, without decoding a posting into arrays. The
 * ids are copied as bytes; each posting's session index is remapped, its timestamp delta
 * re-based on the posting before it, its tf and length copied. Each run is checked as a
 * decode checks it (checksum, counts, trailing bytes), so a flipped byte stops the merge.
 * Merges were a quarter of a batched append's time, most of it building and encoding arrays.
 */
import {
  BLOCK_FORMAT,
  COMMA,
  checkIdCount,
  corrupted,
  decodeBlockValue,
  encodeBlockValue,
  RUNS_FORMAT,
  type RunHeader,
  readRunHeader,
  splitRuns,
} from "./block-codec.js";
import { HEADER, sealHeader, Writer } from "./byte-codec.js";
import { SessionTable } from "./posting-block.js";

/**
 * The merged value of `values`, or `undefined` when they hold more than `maxPostings`
 * postings together (nothing is merged then).
 */
export function mergeBlockValues(
  values: readonly Uint8Array[],
  key: string | undefined,
  maxPostings: number,
): Uint8Array | undefined {
  const runs: RunHeader[] = [];
  let postings = 0;
  for (const bytes of runValues(values, key)) {
    const run = readRunHeader(bytes, key);
    let commas = 0;
    for (const byte of run.idBytes) if (byte === COMMA) commas++;
    checkIdCount(commas, run.postings, key);
    postings += run.postings;
    if (postings > maxPostings) return undefined;
    runs.push(run);
  }
  const table = new SessionTable();
  const remaps = runs.map((run) => run.sessions.map((s) => table.indexOf(s)));
  const { sessions } = table;
  let idBytes = runs.length - 1;
  let postingBytes = 0;
  for (const { idBytes: ids, postingReader: r } of runs) {
    idBytes += ids.length;
    postingBytes += r.end - r.at;
  }
  const joined = sessions.join("\0");
  // A re-based timestamp delta can take a few more bytes than the one it replaces.
  const w = new Writer(HEADER + 32 + idBytes + joined.length * 3 + postingBytes + runs.length * 8);
  w.varint(postings);
  w.varint(sessions.length);
  w.varint(idBytes);
  runs.forEach(({ idBytes: ids }, i) => {
    if (i > 0) w.bytes[w.at++] = COMMA;
    w.bytes.set(ids, w.at);
    w.at += ids.length;
  });
  w.text(joined, true);
  let previous = 0;
  runs.forEach(({ postings: n, postingReader: r }, i) => {
    const remap = remaps[i]!;
    let timestamp = 0;
    for (let p = 0; p < n; p++) {
      const s = r.varint();
      if (s >= remap.length) throw corrupted(key, "names a session it does not hold");
      timestamp += r.signed();
      const tf = r.varint();
      const length = r.varint();
      const d = timestamp - previous;
      previous = timestamp;
      w.reserve(32);
      w.varint(remap[s]!);
      w.signed(d);
      w.varint(tf);
      w.varint(length);
    }
    if (r.at !== r.end) throw corrupted(key, "has trailing bytes");
  });
  const out = w.bytes.subarray(0, w.at);
  sealHeader(out, BLOCK_FORMAT);
  return out;
}

/** The format-2 runs of stored values, not decoded (format 1 is re-encoded). */
function runValues(values: readonly Uint8Array[], key: string | undefined): Uint8Array[] {
  return values.flatMap((bytes) => {
    if (bytes[0] === BLOCK_FORMAT) return [bytes];
    if (bytes[0] === RUNS_FORMAT) return splitRuns(bytes, key);
    return [encodeBlockValue(decodeBlockValue(bytes, key))];
  });
}
