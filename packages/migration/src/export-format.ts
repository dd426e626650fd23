/**
 * The Mnemo export file, format version 1 (docs/migration.md describes it for other tools):
 *
 *   magic   "MNEMOEXP" (8 bytes), then frames: type (1 byte) | length (u32 BE) | payload
 *   H       header, UTF-8 JSON: { format: 1, source, namespaces, tenants, createdAt, consistency }
 *   B       block: namespace and tenant (u16 BE length + UTF-8 each), record count (u32 BE),
 *           then per record key (u32 BE length + UTF-8) and value (u32 BE length + bytes),
 *           keys in byte order within a (namespace, tenant), blocks in (namespace, tenant) order
 *   D       the blake3 digest (32 bytes) of the block payload just before it
 *   T       trailer, UTF-8 JSON: { records, blocks, bytes, digest } where digest is the
 *           blake3 (hex) of the header payload then every block digest in order; nothing
 *           follows it
 *
 * The whole file may be gzip-compressed (node:zlib); readers detect it by gzip's magic.
 */
import { createBlake3, StorageError } from "@mnemo/core";

export const EXPORT_MAGIC = Buffer.from("MNEMOEXP", "latin1");
export const EXPORT_FORMAT = 1;
export const FRAME = { header: 0x48, block: 0x42, digest: 0x44, trailer: 0x54 } as const;
/** Largest frame a reader accepts: a block holds at most a 16 MiB value plus its key. */
export const MAX_FRAME_BYTES = 64 * 1024 * 1024;

export interface ExportHeader {
  readonly format: 1;
  readonly source: string;
  readonly namespaces: readonly string[];
  /** Tenants per namespace. */
  readonly tenants: Readonly<Record<string, readonly string[]>>;
  readonly createdAt: number;
  /** "per-key": each value is one its key held during the export; not a snapshot across keys. */
  readonly consistency: "per-key";
}

export interface ExportTrailer {
  readonly records: number;
  readonly blocks: number;
  /** Bytes of keys and values. */
  readonly bytes: number;
  readonly digest: string;
}

export function corrupted(message: string, details: Record<string, unknown> = {}): StorageError {
  return new StorageError("CORRUPTED", `export file: ${message}`, { details });
}

/** The 5 bytes before a frame's payload. */
export function frameHead(type: number, length: number): Buffer {
  const head = Buffer.allocUnsafe(5);
  head[0] = type;
  head.writeUInt32BE(length, 1);
  return head;
}

export function frame(type: number, payload: Uint8Array): Buffer {
  return Buffer.concat([frameHead(type, payload.byteLength), payload]);
}

export function digestBytes(payload: Uint8Array): Buffer {
  return Buffer.from(createBlake3().update(payload).digestHex(), "hex");
}

/** A chunk as a Buffer without copying its bytes (`Buffer.from(uint8Array)` copies). */
function asBuffer(chunk: Buffer | Uint8Array | string): Buffer {
  if (typeof chunk === "string") return Buffer.from(chunk, "utf8");
  if (Buffer.isBuffer(chunk)) return chunk;
  return Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
}

/**
 * Reads exact byte counts from a stream of chunks. The chunks of a read wait in a list and are
 * copied once, into the bytes returned, when all have arrived: growing one buffer chunk by
 * chunk copied a 1 MiB frame ~16 times over from 64 KiB file chunks, ~10 bytes of garbage per
 * byte read, which Node 24 left resident as ~60-90 MiB of ArrayBuffers during an import.
 */
export class ByteReader {
  readonly #chunks: AsyncIterator<Buffer | Uint8Array | string>;
  /** Chunks read; those before `#head` are consumed, and `#start` bytes of the one at it. */
  #pending: Buffer[] = [];
  #head = 0;
  #start = 0;
  #available = 0;
  #ended = false;
  /** Bytes consumed so far (for error messages). */
  offset = 0;

  constructor(source: AsyncIterable<Buffer | Uint8Array | string>) {
    this.#chunks = source[Symbol.asyncIterator]();
  }

  /** `n` bytes, or `undefined` at a clean end of input (nothing read). */
  async read(n: number): Promise<Buffer | undefined> {
    while (this.#available < n && !this.#ended) {
      const next = await this.#chunks.next();
      if (next.done) this.#ended = true;
      else {
        const chunk = asBuffer(next.value);
        if (chunk.length === 0) continue;
        this.#pending.push(chunk);
        this.#available += chunk.length;
      }
    }
    if (this.#available < n) {
      if (this.#available === 0) return undefined;
      throw corrupted(`truncated at byte ${this.offset + this.#available}`, {
        offset: this.offset,
      });
    }
    const out = this.#take(n);
    this.#available -= n;
    this.offset += n;
    return out;
  }

  /** The next `n` pending bytes: a view when one chunk holds them, else one copy. */
  #take(n: number): Buffer {
    const first = this.#pending[this.#head];
    if (first === undefined) return Buffer.alloc(0);
    if (first.length - this.#start >= n) {
      const out = first.subarray(this.#start, this.#start + n);
      this.#advance(first, n);
      return out;
    }
    const out = Buffer.allocUnsafe(n);
    let filled = 0;
    while (filled < n) {
      const chunk = this.#pending[this.#head]!;
      const count = Math.min(n - filled, chunk.length - this.#start);
      chunk.copy(out, filled, this.#start, this.#start + count);
      filled += count;
      this.#advance(chunk, count);
    }
    return out;
  }

  #advance(chunk: Buffer, count: number): void {
    this.#start += count;
    if (this.#start < chunk.length) return;
    this.#start = 0;
    this.#head++;
    // Drop consumed chunks in one go once they outnumber the rest (shift() per chunk is
    // quadratic in a frame's chunk count).
    if (this.#head * 2 >= this.#pending.length) {
      this.#pending = this.#pending.slice(this.#head);
      this.#head = 0;
    }
  }

  async frame(): Promise<{ type: number; payload: Buffer } | undefined> {
    const head = await this.read(5);
    if (head === undefined) return undefined;
    const length = head.readUInt32BE(1);
    if (length > MAX_FRAME_BYTES)
      throw corrupted(`frame of ${length} bytes at byte ${this.offset - 5}`);
    const payload = length === 0 ? Buffer.alloc(0) : await this.read(length);
    if (payload === undefined) throw corrupted(`truncated at byte ${this.offset}`);
    return { type: head[0]!, payload };
  }
}

export interface Block {
  readonly namespace: string;
  readonly tenant: string;
  readonly records: [string, Uint8Array][];
}

export function encodeBlock(block: Block): Buffer {
  const namespace = Buffer.from(block.namespace, "utf8");
  const tenant = Buffer.from(block.tenant, "utf8");
  let size = 2 + namespace.length + 2 + tenant.length + 4;
  for (const [key, value] of block.records) size += 8 + Buffer.byteLength(key) + value.byteLength;
  const out = Buffer.allocUnsafe(size);
  let at = out.writeUInt16BE(namespace.length, 0);
  at += namespace.copy(out, at);
  at = out.writeUInt16BE(tenant.length, at);
  at += tenant.copy(out, at);
  at = out.writeUInt32BE(block.records.length, at);
  for (const [key, value] of block.records) {
    const keyBytes = out.write(key, at + 4, "utf8");
    out.writeUInt32BE(keyBytes, at);
    at += 4 + keyBytes;
    at = out.writeUInt32BE(value.byteLength, at);
    out.set(value, at);
    at += value.byteLength;
  }
  return out;
}

/**
 * The records' values are views of `payload`, not copies: an import hands them straight to a
 * batch, and a copy per value was as much garbage again as the file. Copy a value to keep it
 * without keeping its whole block.
 */
export function decodeBlock(payload: Buffer): Block {
  let at = 0;
  const need = (n: number) => {
    if (at + n > payload.length) throw corrupted("a block ends inside a record");
  };
  const str = (width: 2 | 4) => {
    need(width);
    const len = width === 2 ? payload.readUInt16BE(at) : payload.readUInt32BE(at);
    at += width;
    need(len);
    const s = payload.toString("utf8", at, at + len);
    at += len;
    return s;
  };
  const namespace = str(2);
  const tenant = str(2);
  need(4);
  const count = payload.readUInt32BE(at);
  at += 4;
  const records: [string, Uint8Array][] = [];
  for (let i = 0; i < count; i++) {
    const key = str(4);
    need(4);
    const len = payload.readUInt32BE(at);
    at += 4;
    need(len);
    records.push([key, payload.subarray(at, at + len)]);
    at += len;
  }
  if (at !== payload.length) throw corrupted("a block has bytes after its last record");
  return { namespace, tenant, records };
}

export function parseJsonFrame<T>(payload: Buffer, what: string): T {
  try {
    return JSON.parse(payload.toString("utf8")) as T;
  } catch (cause) {
    throw new StorageError("CORRUPTED", `export file: the ${what} is not JSON`, { cause });
  }
}
