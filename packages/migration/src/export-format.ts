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

export function frame(type: number, payload: Uint8Array): Buffer {
  const head = Buffer.allocUnsafe(5);
  head[0] = type;
  head.writeUInt32BE(payload.byteLength, 1);
  return Buffer.concat([head, payload]);
}

export function digestBytes(payload: Uint8Array): Buffer {
  return Buffer.from(createBlake3().update(payload).digestHex(), "hex");
}

/** Reads exact byte counts from a stream of chunks. */
export class ByteReader {
  readonly #chunks: AsyncIterator<Buffer>;
  #buffer: Buffer = Buffer.alloc(0);
  #ended = false;
  /** Bytes consumed so far (for error messages). */
  offset = 0;

  constructor(source: AsyncIterable<Buffer | Uint8Array | string>) {
    const it = source[Symbol.asyncIterator]();
    this.#chunks = {
      next: async () => {
        const r = await it.next();
        return r.done ? r : { done: false, value: Buffer.from(r.value as Uint8Array) };
      },
    };
  }

  /** `n` bytes, or `undefined` at a clean end of input (nothing read). */
  async read(n: number): Promise<Buffer | undefined> {
    while (this.#buffer.length < n && !this.#ended) {
      const next = await this.#chunks.next();
      if (next.done) this.#ended = true;
      else
        this.#buffer =
          this.#buffer.length === 0 ? next.value : Buffer.concat([this.#buffer, next.value]);
    }
    if (this.#buffer.length < n) {
      if (this.#buffer.length === 0) return undefined;
      throw corrupted(`truncated at byte ${this.offset + this.#buffer.length}`, {
        offset: this.offset,
      });
    }
    const out = this.#buffer.subarray(0, n);
    this.#buffer = this.#buffer.subarray(n);
    this.offset += n;
    return out;
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
  const parts: Buffer[] = [];
  const str16 = (s: string) => {
    const b = Buffer.from(s, "utf8");
    const len = Buffer.allocUnsafe(2);
    len.writeUInt16BE(b.length);
    parts.push(len, b);
  };
  str16(block.namespace);
  str16(block.tenant);
  const count = Buffer.allocUnsafe(4);
  count.writeUInt32BE(block.records.length);
  parts.push(count);
  for (const [key, value] of block.records) {
    const k = Buffer.from(key, "utf8");
    const head = Buffer.allocUnsafe(4);
    head.writeUInt32BE(k.length);
    const vlen = Buffer.allocUnsafe(4);
    vlen.writeUInt32BE(value.byteLength);
    parts.push(head, k, vlen, Buffer.from(value.buffer, value.byteOffset, value.byteLength));
  }
  return Buffer.concat(parts);
}

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
    records.push([key, new Uint8Array(payload.subarray(at, at + len))]);
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
