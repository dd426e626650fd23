/**
 * The postings of one append call in flat arrays, and each term's format-2 block value
 * (`block-codec.ts`) written straight from them: the bytes `encodeBlockValue` writes for the
 * block `encodeBlock` makes of the term's postings in turn order. A batch of 500 turns holds
 * ~12K postings over ~2,700 terms; building six arrays per term, joining the ids and encoding
 * the arrays again was the largest part of an append's own time.
 */
import { BLOCK_FORMAT, COMMA } from "./block-codec.js";
import { HEADER, sealHeader, Writer } from "./byte-codec.js";

/** What a turn id may hold: printable ASCII but the "," between ids. */
const ID = /^[\x21-\x2b\x2d-\x7e]+$/;

export interface PostedTurn {
  readonly id: string;
  readonly sessionId: string;
  readonly timestamp: number;
}

export class BatchPostings {
  /** Distinct terms, first seen first: a term's index in the methods below. */
  readonly terms: string[] = [];
  readonly #termIndex = new Map<string, number>();
  // Per turn.
  #idBytes = Buffer.allocUnsafe(1024);
  #idEnd = 0;
  readonly #idStart: number[] = [];
  readonly #turnSession: number[] = [];
  readonly #timestamps: number[] = [];
  readonly #lengths: number[] = [];
  // The batch's sessions; `#seen` and `#local` give each its index in one term's block.
  readonly #sessionIndex = new Map<string, number>();
  /** Each session id's UTF-8, once: a term's block copies them instead of joining strings. */
  readonly #sessionBytes: Buffer[] = [];
  #seen = new Int32Array(0);
  #local = new Int32Array(0);
  #generation = 0;
  // Per posting, in the order added.
  #term = new Int32Array(4096);
  #turn = new Int32Array(4096);
  #tf = new Int32Array(4096);
  #postings = 0;
  // Postings by term (a counting sort, stable): term t's are #order[#start[t] .. #start[t+1]).
  #start: Int32Array | undefined;
  #order: Int32Array | undefined;

  /** Adds a turn's postings: `frequencies` term → tf, `length` its length in terms. */
  add(turn: PostedTurn, frequencies: ReadonlyMap<string, number>, length: number): void {
    if (!ID.test(turn.id)) throw new RangeError("posting block ids must be printable ASCII");
    this.#start = undefined;
    const index = this.#idStart.length;
    this.#idStart.push(this.#idEnd);
    if (this.#idEnd + turn.id.length > this.#idBytes.length) {
      const grown = Buffer.allocUnsafe(2 * (this.#idEnd + turn.id.length));
      this.#idBytes.copy(grown, 0, 0, this.#idEnd);
      this.#idBytes = grown;
    }
    this.#idEnd += this.#idBytes.write(turn.id, this.#idEnd, "latin1");
    let session = this.#sessionIndex.get(turn.sessionId);
    if (session === undefined) {
      session = this.#sessionBytes.length;
      this.#sessionBytes.push(Buffer.from(turn.sessionId));
      this.#sessionIndex.set(turn.sessionId, session);
    }
    this.#turnSession.push(session);
    this.#timestamps.push(turn.timestamp);
    this.#lengths.push(length);
    if (this.#postings + frequencies.size > this.#term.length) this.#grow(frequencies.size);
    for (const [term, tf] of frequencies) {
      let t = this.#termIndex.get(term);
      if (t === undefined) {
        t = this.terms.length;
        this.terms.push(term);
        this.#termIndex.set(term, t);
      }
      const p = this.#postings++;
      this.#term[p] = t;
      this.#turn[p] = index;
      this.#tf[p] = tf;
    }
  }

  /** Postings of term `t`. */
  count(t: number): number {
    const start = this.#byTerm();
    return start[t + 1]! - start[t]!;
  }

  /** Writes term `t`'s block as a whole format-2 value at the writer's position. */
  writeTerm(w: Writer, t: number): void {
    const start = this.#byTerm();
    const order = this.#order!;
    const from = start[t]!;
    const to = start[t + 1]!;
    const n = to - from;
    // The term's sessions, first seen first, as `encodeBlock` numbers them.
    const generation = ++this.#generation;
    const seen = this.#seen;
    const local = this.#local;
    const sessions: number[] = [];
    let idBytes = n - 1;
    let sessionBytes = -1;
    for (let k = from; k < to; k++) {
      const turn = this.#turn[order[k]!]!;
      const s = this.#turnSession[turn]!;
      if (seen[s] !== generation) {
        seen[s] = generation;
        local[s] = sessions.length;
        sessions.push(s);
        sessionBytes += this.#sessionBytes[s]!.length + 1;
      }
      idBytes += this.#idLength(turn);
    }
    const begin = w.at;
    w.reserve(HEADER + 24 + idBytes + sessionBytes + n * 24);
    w.at += HEADER;
    w.varint(n);
    w.varint(sessions.length);
    w.varint(idBytes);
    const out = w.bytes;
    const ids = this.#idBytes;
    let at = w.at;
    for (let k = from; k < to; k++) {
      const turn = this.#turn[order[k]!]!;
      if (k > from) out[at++] = COMMA;
      const end = this.#idStart[turn]! + this.#idLength(turn);
      for (let i = this.#idStart[turn]!; i < end; i++) out[at++] = ids[i]!;
    }
    w.at = at;
    // The session ids joined by U+0000, as `writeBlock` writes them.
    w.varint(sessionBytes);
    at = w.at;
    sessions.forEach((s, i) => {
      if (i > 0) w.bytes[at++] = 0;
      const bytes = this.#sessionBytes[s]!;
      bytes.copy(w.bytes, at);
      at += bytes.length;
    });
    w.at = at;
    let previous = 0;
    for (let k = from; k < to; k++) {
      const p = order[k]!;
      const turn = this.#turn[p]!;
      w.varint(local[this.#turnSession[turn]!]!);
      const timestamp = this.#timestamps[turn]!;
      w.signed(timestamp - previous);
      previous = timestamp;
      w.varint(this.#tf[p]!);
      w.varint(this.#lengths[turn]!);
    }
    sealHeader(w.bytes.subarray(begin, w.at), BLOCK_FORMAT);
  }

  /** Term `t`'s block as a value of its own. */
  encodeTerm(t: number): Uint8Array {
    const w = new Writer(HEADER + 64 + this.count(t) * 48);
    w.at = 0;
    this.writeTerm(w, t);
    return w.bytes.subarray(0, w.at);
  }

  #idLength(turn: number): number {
    const next = turn + 1 < this.#idStart.length ? this.#idStart[turn + 1]! : this.#idEnd;
    return next - this.#idStart[turn]!;
  }

  #grow(more: number): void {
    const size = Math.max(2 * this.#term.length, this.#postings + more);
    const grown = (column: Int32Array) => {
      const out = new Int32Array(size);
      out.set(column.subarray(0, this.#postings));
      return out;
    };
    this.#term = grown(this.#term);
    this.#turn = grown(this.#turn);
    this.#tf = grown(this.#tf);
  }

  /** Sorts the postings by term once (keeping turn order within each). */
  #byTerm(): Int32Array {
    if (this.#start !== undefined) return this.#start;
    const terms = this.terms.length;
    const start = new Int32Array(terms + 1);
    const term = this.#term;
    for (let p = 0; p < this.#postings; p++) start[term[p]! + 1] = start[term[p]! + 1]! + 1;
    for (let t = 0; t < terms; t++) start[t + 1] = start[t + 1]! + start[t]!;
    const next = start.slice(0, terms);
    const order = new Int32Array(this.#postings);
    for (let p = 0; p < this.#postings; p++) {
      const t = term[p]!;
      order[next[t]!] = p;
      next[t] = next[t]! + 1;
    }
    if (this.#seen.length < this.#sessionBytes.length) {
      this.#seen = new Int32Array(this.#sessionBytes.length);
      this.#local = new Int32Array(this.#sessionBytes.length);
      this.#generation = 0;
    }
    this.#start = start;
    this.#order = order;
    return start;
  }
}
